/**
 * DeleteConnectors (teardown): one poll per attempt. First what hangs on the connectors: each planned template (its
 * access control entries, then the template) and each service principal name, waiting until they are gone; the
 * connectors wait for them. Then, for each planned connector, GetConnector; then
 * src/domain/teardown.ts decides: gone -> done; CREATING/DELETING -> wait; otherwise DeleteConnector, then wait.
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

/** The connector's status, or undefined when it is gone. */
const statusOf = async (client: PcaConnectorAdClient, ConnectorArn: string): Promise<string | undefined> => {
  try {
    return (await client.send(new GetConnectorCommand({ ConnectorArn }))).Connector?.Status ?? 'UNKNOWN';
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
};

/** A status read that answers undefined when the resource is gone. */
const orGone = async (read: () => Promise<string | undefined>): Promise<string | undefined> => {
  try {
    return (await read()) ?? 'UNKNOWN';
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
};

/** Runs a delete call; a resource already gone counts as deleted. */
const deleteOrGone = async (call: () => Promise<unknown>): Promise<void> => {
  try {
    await call();
  } catch (error) {
    if (!notFound(error)) throw error;
  }
};

/** One poll of the templates and SPNs: starts the deletions it can; what is still there. */
const deleteParts = async (client: PcaConnectorAdClient, plan: TeardownPlan): Promise<string[]> => {
  const pending: string[] = [];
  for (const arn of plan.Templates) {
    const status = await orGone(async () => (await client.send(new GetTemplateCommand({ TemplateArn: arn }))).Template?.Status);
    const step = partDeletionStep(status);
    if (step === 'gone') continue;
    if (step === 'delete') {
      const entries = await orGone(async () => {
        const page = await client.send(new ListTemplateGroupAccessControlEntriesCommand({ TemplateArn: arn }));
        for (const e of page.AccessControlEntries ?? []) {
          const sid = e.GroupSecurityIdentifier;
          if (sid) await deleteOrGone(() => client.send(new DeleteTemplateGroupAccessControlEntryCommand({ TemplateArn: arn, GroupSecurityIdentifier: sid })));
        }
        return page.NextToken ? 'MORE' : 'NONE';
      });
      // More entries than one page: the next attempt deletes the next page before the template.
      if (entries === 'MORE') {
        pending.push(`template ${arn} still has access control entries`);
        continue;
      }
      await deleteOrGone(() => client.send(new DeleteTemplateCommand({ TemplateArn: arn })));
      logger.info('Template deletion started', { templateArn: arn });
    }
    pending.push(`template ${arn} is ${step === 'delete' ? 'DELETING' : status ?? ''}`);
  }
  for (const spn of plan.ServicePrincipalNames) {
    const status = await orGone(async () => (await client.send(new GetServicePrincipalNameCommand(spn))).ServicePrincipalName?.Status);
    const step = partDeletionStep(status);
    if (step === 'gone') continue;
    if (step === 'delete') {
      await deleteOrGone(() => client.send(new DeleteServicePrincipalNameCommand(spn)));
      logger.info('Service principal name deletion started', spn);
    }
    pending.push(`service principal name of ${spn.ConnectorArn} is ${step === 'delete' ? 'DELETING' : status ?? ''}`);
  }
  return pending;
};

export const deleteConnectorsCore = async (input: DeleteStepInput, deps: DeleteConnectorsDeps = defaultDeps()): Promise<TeardownPlan> => {
  const pending = await deleteParts(deps.pcaConnectorAd, input.Plan);
  // The connectors wait until their templates and SPNs are gone.
  for (const arn of pending.length > 0 ? [] : input.Plan.Connectors) {
    const status = await statusOf(deps.pcaConnectorAd, arn);
    const step = connectorDeletionStep(status);
    if (step === 'gone') continue;
    if (step === 'delete') {
      try {
        await deps.pcaConnectorAd.send(new DeleteConnectorCommand({ ConnectorArn: arn }));
        logger.info('Connector deletion started', { connectorArn: arn, status });
      } catch (error) {
        if (notFound(error)) continue;
        throw error;
      }
    }
    pending.push(`connector ${arn} is ${step === 'delete' ? 'DELETING' : status ?? ''}`);
  }
  return afterDeletionPoll(input.Plan, 'connector', pending, deps.now());
};

export const handler = wrapHandler(deleteConnectorsCore, 'DeleteConnectors');
