/**
 * DeleteConnectors (teardown): one poll per attempt. First what hangs on the connectors: each planned template (its
 * access control entries, then the template) and each service principal name, waiting until they are gone; the
 * connectors wait for them. Then, for each planned connector, GetConnector; then
 * src/domain/teardown.ts decides: gone -> done; CREATING/DELETING -> wait; otherwise DeleteConnector, then wait.
 * A "not found" (from a Get or a Delete) counts as gone only once the listing confirms it: a spurious one leaves the
 * resource pending, deleted again at the next poll.
 * Anything still there -> ConnectorDeletionPendingError (the Task's Retry polls again), or past the deadline
 * ConnectorDeletionTimeoutError; all gone -> the plan with the connectors recorded as deleted.
 */
import type { PcaConnectorAdClient } from '../aws/pca-connector-ad-sdk.ts';
import {
  DeleteConnectorCommand,
  DeleteServicePrincipalNameCommand,
  DeleteTemplateCommand,
  DeleteTemplateGroupAccessControlEntryCommand,
  GetConnectorCommand,
  GetServicePrincipalNameCommand,
  GetTemplateCommand,
  ListTemplateGroupAccessControlEntriesCommand,
} from '../aws/pca-connector-ad-sdk.ts';
import { pcaConnectorAd } from '../aws/clients.ts';
import { listAllConnectors, listAllServicePrincipalNames, listAllTemplates } from '../aws/pca-connector-ad-lists.ts';
import { afterDeletionPoll, connectorDeletionStep, partDeletionStep } from '../domain/teardown.ts';
import type { DeleteStepInput, TeardownPlan } from '../contract.ts';
import { now as clockNow } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface DeleteConnectorsDeps {
  pcaConnectorAd: PcaConnectorAdClient;
  now: () => Date;
}

const defaultDeps = (): DeleteConnectorsDeps => ({ pcaConnectorAd: pcaConnectorAd(), now: clockNow });

const notFound = (error: unknown): boolean => error instanceof Error && error.name === 'ResourceNotFoundException';

/** The connector a template hangs on, from the template's ARN (`…:connector/<id>/template/<id>`). */
const connectorOfTemplate = (templateArn: string): string => templateArn.replace(/\/template\/[^/]*$/, '');

/** The status the listing shows for a resource (a listing cannot answer "not found" for it); undefined: not listed. */
const listedStatus = async (listed: () => Promise<string | undefined>): Promise<string | undefined> => {
  try {
    return await listed();
  } catch (error) {
    if (notFound(error)) return undefined; // the parent itself is gone
    throw error;
  }
};

/** A resource's status, read by `get`; a not-found answer counts as gone only when the listing confirms it. */
const statusConfirmed = async (get: () => Promise<string | undefined>, listed: () => Promise<string | undefined>): Promise<string | undefined> => {
  try {
    return (await get()) ?? 'UNKNOWN';
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  return listedStatus(listed);
};

/**
 * Runs a delete call. A not-found answer counts only when the listing confirms it: then undefined (gone); else the
 * pending line that says so (deleted again at the next poll).
 */
const deleteConfirmed = async (call: () => Promise<unknown>, listed: () => Promise<string | undefined>, what: string, operation: string): Promise<string | undefined> => {
  try {
    await call();
    return `${what} is DELETING`;
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  const status = await listedStatus(listed);
  if (status === undefined) return undefined;
  logger.warn('A delete answered not found, but the resource is still listed: deleted again at the next poll', { resource: what, operation, status });
  return `${what} is ${status} (${operation} answered ResourceNotFoundException, yet it is still listed)`;
};

/** One poll of the templates and SPNs: starts the deletions it can; what is still there. */
const deleteParts = async (client: PcaConnectorAdClient, plan: TeardownPlan): Promise<string[]> => {
  const pending: string[] = [];
  for (const arn of plan.Templates) {
    const listed = async () => (await listAllTemplates(client, connectorOfTemplate(arn))).find((t) => t.Arn === arn)?.Status;
    const status = await statusConfirmed(async () => (await client.send(new GetTemplateCommand({ TemplateArn: arn }))).Template?.Status, listed);
    const step = partDeletionStep(status);
    if (step === 'gone') continue;
    if (step === 'wait') {
      pending.push(`template ${arn} is ${status ?? ''}`);
      continue;
    }
    let more = false;
    try {
      const page = await client.send(new ListTemplateGroupAccessControlEntriesCommand({ TemplateArn: arn }));
      for (const e of page.AccessControlEntries ?? []) {
        const sid = e.GroupSecurityIdentifier;
        if (!sid) continue;
        try {
          await client.send(new DeleteTemplateGroupAccessControlEntryCommand({ TemplateArn: arn, GroupSecurityIdentifier: sid }));
        } catch (error) {
          // An entry still there makes DeleteTemplate answer ConflictException, which is retried.
          if (!notFound(error)) throw error;
        }
      }
      more = page.NextToken !== undefined;
    } catch (error) {
      if (!notFound(error)) throw error;
    }
    // More entries than one page: the next attempt deletes the next page before the template.
    if (more) {
      pending.push(`template ${arn} still has access control entries`);
      continue;
    }
    const line = await deleteConfirmed(() => client.send(new DeleteTemplateCommand({ TemplateArn: arn })), listed, `template ${arn}`, 'DeleteTemplate');
    if (line === undefined) continue;
    logger.info('Template deletion started', { templateArn: arn });
    pending.push(line);
  }
  for (const spn of plan.ServicePrincipalNames) {
    const listed = async () =>
      (await listAllServicePrincipalNames(client, spn.DirectoryRegistrationArn)).find((s) => s.ConnectorArn === spn.ConnectorArn)?.Status;
    const status = await statusConfirmed(async () => (await client.send(new GetServicePrincipalNameCommand(spn))).ServicePrincipalName?.Status, listed);
    const step = partDeletionStep(status);
    if (step === 'gone') continue;
    if (step === 'wait') {
      pending.push(`service principal name of ${spn.ConnectorArn} is ${status ?? ''}`);
      continue;
    }
    const line = await deleteConfirmed(() => client.send(new DeleteServicePrincipalNameCommand(spn)), listed, `service principal name of ${spn.ConnectorArn}`, 'DeleteServicePrincipalName');
    if (line === undefined) continue;
    logger.info('Service principal name deletion started', spn);
    pending.push(line);
  }
  return pending;
};

export const deleteConnectorsCore = async (input: DeleteStepInput, deps: DeleteConnectorsDeps = defaultDeps()): Promise<TeardownPlan> => {
  const client = deps.pcaConnectorAd;
  const pending = await deleteParts(client, input.Plan);
  // The connectors wait until their templates and SPNs are gone.
  for (const arn of pending.length > 0 ? [] : input.Plan.Connectors) {
    const listed = async () => (await listAllConnectors(client)).find((c) => c.Arn === arn)?.Status;
    const status = await statusConfirmed(async () => (await client.send(new GetConnectorCommand({ ConnectorArn: arn }))).Connector?.Status, listed);
    const step = connectorDeletionStep(status);
    if (step === 'gone') continue;
    if (step === 'wait') {
      pending.push(`connector ${arn} is ${status ?? ''}`);
      continue;
    }
    const line = await deleteConfirmed(() => client.send(new DeleteConnectorCommand({ ConnectorArn: arn })), listed, `connector ${arn}`, 'DeleteConnector');
    if (line === undefined) continue;
    logger.info('Connector deletion started', { connectorArn: arn, status });
    pending.push(line);
  }
  return afterDeletionPoll(input.Plan, 'connector', pending, deps.now());
};

export const handler = wrapHandler(deleteConnectorsCore, 'DeleteConnectors');
