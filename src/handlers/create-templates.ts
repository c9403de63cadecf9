/**
 * CreateTemplates: the templates step applies the templates' part of the plan (src/domain/diff.ts: diffTemplates), the
 * groups entries name by GroupName taking the SIDs ResolveGroups found (src/domain/groups.ts). One
 * read of what exists (src/aws/discovery.ts: the connector's templates with their tags and access entries), one diff,
 * then, per requested template in the request's order: create it (CreateTemplate, ClientToken from the execution ARN
 * and the Name, ownership tags) or change it in place (UpdateTemplate with the template's
 * ReenrollAllCertificateHolders, default false; TagResource for the request's tags it lacks); then its entries:
 * create (CreateTemplateGroupAccessControlEntry, ClientToken from the execution ARN, the Name and the SID), update
 * (UpdateTemplateGroupAccessControlEntry) or, with `PruneTemplates`, delete this tool's that the request no longer
 * lists. Last, with `PruneTemplates`, this tool's templates the request no longer lists are deleted, their entries
 * first. A conflict (a template this tool did not create that differs) stops the step before any write
 * (TemplateConflictError lists every field). Every write is safe to repeat after a lost response: a retry reads and
 * diffs again, so what was done is `keep`; a ConflictException from a create (another execution got there first) is
 * resolved by reading again and adopting what matches.
 */
import type { PcaConnectorAdClient, TemplateDefinition } from '../aws/pca-connector-ad-sdk.ts';
import {
  CreateTemplateCommand,
  CreateTemplateGroupAccessControlEntryCommand,
  DeleteTemplateCommand,
  DeleteTemplateGroupAccessControlEntryCommand,
  TagResourceCommand,
  UpdateTemplateCommand,
  UpdateTemplateGroupAccessControlEntryCommand,
} from '../aws/pca-connector-ad-sdk.ts';
import type { CreateTemplatesInput, ResolvedAccessControlEntry, ResolvedTemplateRequest, TemplatesState, TemplateState } from '../contract.ts';
import { pcaConnectorAd } from '../aws/clients.ts';
import { discoverTemplates } from '../aws/discovery.ts';
import { listAllAccessControlEntries } from '../aws/pca-connector-ad-lists.ts';
import { stepClientToken } from '../domain/client-token.ts';
import { describeEntry, diffTemplates, fieldDifferences } from '../domain/diff.ts';
import type { EntryChange, TemplateChange } from '../domain/diff.ts';
import { InvalidRequestError, TemplateConflictError } from '../domain/errors.ts';
import { resolveTemplates } from '../domain/groups.ts';
import { connectorTags } from '../domain/tags.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface CreateTemplatesDeps {
  pcaConnectorAd: PcaConnectorAdClient;
}

const defaultDeps = (): CreateTemplatesDeps => ({ pcaConnectorAd: pcaConnectorAd() });

const named = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

/** What exists on the connector, diffed against the request's templates; TemplateConflictError before any write. */
const diffNow = async (
  client: PcaConnectorAdClient,
  input: CreateTemplatesInput,
  requested: readonly ResolvedTemplateRequest[],
  prune = input.Connector.PruneTemplates,
): Promise<TemplateChange[]> => {
  const names = new Set(requested.map((t) => t.Name));
  const changes = diffTemplates(requested, { ...input.Connector, PruneTemplates: prune === true }, await discoverTemplates(client, input.ConnectorArn, names));
  const conflicts = changes.flatMap((t) => [
    ...(t.action === 'conflict' ? [{ resource: 'template' as const, id: t.name, action: t.action, fields: t.definitionFields }] : []),
    ...t.entries.filter((e) => e.action === 'conflict').map((e) => ({ resource: 'access-entry' as const, id: `${t.name}/${e.sid}`, action: e.action, fields: e.fields })),
  ]);
  if (conflicts.length > 0) {
    throw new TemplateConflictError(
      `Templates this tool did not create differ from the request; nothing was changed: ${conflicts.map(describeEntry).join('; ')}`,
    );
  }
  return changes;
};

/** Creates the template; on ConflictException (created meanwhile) the ARN of the one a fresh diff finds, else rethrows. */
const createTemplate = async (client: PcaConnectorAdClient, input: CreateTemplatesInput, want: ResolvedTemplateRequest): Promise<{ arn: string; adopted?: TemplateChange }> => {
  try {
    const created = await client.send(
      new CreateTemplateCommand({
        ConnectorArn: input.ConnectorArn,
        Name: want.Name,
        Definition: want.Definition as TemplateDefinition,
        ClientToken: stepClientToken(input.ExecutionId, 'CreateTemplate', want.Name),
        Tags: connectorTags(input.Connector.Tags, input.ExecutionId),
      }),
    );
    if (!created.TemplateArn) throw new Error('PCA Connector for AD returned no TemplateArn');
    logger.info('Template created', { templateArn: created.TemplateArn, name: want.Name });
    return { arn: created.TemplateArn };
  } catch (error) {
    if (!named(error, 'ConflictException')) throw error;
    // Another execution created it between the read and this call: diff this template again and go on from there.
    const again = (await diffNow(client, input, [want], false))[0];
    if (!again?.arn) throw error;
    return { arn: again.arn, adopted: again };
  }
}

/** Creates one entry; false when a ConflictException says it exists already with the requested rights (adopted). */
const createEntry = async (client: PcaConnectorAdClient, input: CreateTemplatesInput, templateName: string, templateArn: string, entry: ResolvedAccessControlEntry): Promise<boolean> => {
  try {
    await client.send(
      new CreateTemplateGroupAccessControlEntryCommand({
        TemplateArn: templateArn,
        GroupDisplayName: entry.GroupDisplayName,
        GroupSecurityIdentifier: entry.GroupSecurityIdentifier,
        AccessRights: { ...entry.AccessRights },
        ClientToken: stepClientToken(input.ExecutionId, 'CreateTemplateGroupAccessControlEntry', `${templateName}|${entry.GroupSecurityIdentifier}`),
      }),
    );
    return true;
  } catch (error) {
    if (!named(error, 'ConflictException')) throw error;
    const have = (await listAllAccessControlEntries(client, templateArn)).find((e) => e.GroupSecurityIdentifier === entry.GroupSecurityIdentifier);
    const differs = !have || [
      ...fieldDifferences(entry.AccessRights, have.AccessRights ?? {}, 'AccessRights'),
      ...fieldDifferences(entry.GroupDisplayName, have.GroupDisplayName, 'GroupDisplayName'),
    ].length > 0;
    if (differs) throw error;
    return false;
  }
};

/** The entries' part of a template's change; what each did, by group SID. */
const applyEntries = async (client: PcaConnectorAdClient, input: CreateTemplatesInput, name: string, arn: string, entries: readonly EntryChange[]) => {
  const done = { created: [] as string[], adopted: [] as string[], updated: [] as string[], deleted: [] as string[] };
  for (const e of entries) {
    if (e.action === 'create' && e.request) {
      (await createEntry(client, input, name, arn, e.request) ? done.created : done.adopted).push(e.sid);
    } else if (e.action === 'update' && e.request) {
      await client.send(
        new UpdateTemplateGroupAccessControlEntryCommand({
          TemplateArn: arn,
          GroupSecurityIdentifier: e.sid,
          AccessRights: { ...e.request.AccessRights },
          GroupDisplayName: e.request.GroupDisplayName,
        }),
      );
      logger.info('Access entry updated', { templateArn: arn, group: e.sid, fields: e.fields.map((f) => f.field) });
      done.updated.push(e.sid);
    } else if (e.action === 'delete') {
      await client.send(new DeleteTemplateGroupAccessControlEntryCommand({ TemplateArn: arn, GroupSecurityIdentifier: e.sid }));
      logger.info('Access entry deleted (PruneTemplates)', { templateArn: arn, group: e.sid });
      done.deleted.push(e.sid);
    } else if (e.action === 'keep') {
      done.adopted.push(e.sid);
    }
  }
  return done;
};

/** A requested template's change applied: created or changed in place, then its entries. */
const applyTemplate = async (client: PcaConnectorAdClient, input: CreateTemplatesInput, change: TemplateChange): Promise<TemplateState> => {
  const want = change.request;
  if (!want) throw new Error(`template ${change.name}: no request to apply`);
  let current = change;
  let arn = change.arn;
  if (change.action === 'create') {
    const created = await createTemplate(client, input, want);
    arn = created.arn;
    current = created.adopted ?? change;
  }
  if (!arn) throw new Error(`template ${change.name}: no ARN`);
  const adopted = change.action !== 'create' || current !== change;
  let updated = false;
  if (current.action === 'update' && current.definitionFields.length > 0) {
    await client.send(
      new UpdateTemplateCommand({ TemplateArn: arn, Definition: want.Definition as TemplateDefinition, ReenrollAllCertificateHolders: want.ReenrollAllCertificateHolders ?? false }),
    );
    logger.info('Template updated', { templateArn: arn, fields: current.definitionFields.map((f) => f.field), reenroll: want.ReenrollAllCertificateHolders ?? false });
    updated = true;
  }
  if (Object.keys(current.tags).length > 0) {
    await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: current.tags }));
    logger.info('Tags added', { resourceArn: arn, keys: Object.keys(current.tags) });
  }
  const entries = await applyEntries(client, input, want.Name, arn, current.entries);
  if (adopted && !updated) logger.info('Adopting existing template', { templateArn: arn, name: want.Name });
  return {
    Name: want.Name,
    TemplateArn: arn,
    Adopted: adopted,
    Updated: updated,
    CreatedAccessControlEntries: entries.created,
    AdoptedAccessControlEntries: entries.adopted,
    UpdatedAccessControlEntries: entries.updated,
    DeletedAccessControlEntries: entries.deleted,
  };
};

/** This tool's template the request no longer lists, deleted (its entries first: a template with entries cannot go). */
const pruneTemplate = async (client: PcaConnectorAdClient, change: TemplateChange): Promise<string | undefined> => {
  if (!change.arn) return undefined;
  for (const e of change.entries) {
    await client.send(new DeleteTemplateGroupAccessControlEntryCommand({ TemplateArn: change.arn, GroupSecurityIdentifier: e.sid }));
  }
  await client.send(new DeleteTemplateCommand({ TemplateArn: change.arn }));
  logger.info('Template deleted (PruneTemplates)', { templateArn: change.arn, name: change.name, entries: change.entries.length });
  return change.arn;
};

export const createTemplatesCore = async (input: CreateTemplatesInput, deps: CreateTemplatesDeps = defaultDeps()): Promise<TemplatesState> => {
  const client = deps.pcaConnectorAd;
  const { templates: requested, violations } = resolveTemplates(input.Connector.Templates ?? [], input.Groups);
  if (violations.length > 0) throw new InvalidRequestError(violations);
  // Nothing requested and nothing to prune: no read either.
  if (requested.length === 0 && input.Connector.PruneTemplates !== true) return { TemplateArns: [], Templates: [], DeletedTemplateArns: [] };
  const changes = await diffNow(client, input, requested);
  const out: TemplateState[] = [];
  for (const change of changes.filter((c) => c.request)) out.push(await applyTemplate(client, input, change));
  const deleted: string[] = [];
  for (const change of changes.filter((c) => c.action === 'delete')) {
    const arn = await pruneTemplate(client, change);
    if (arn) deleted.push(arn);
  }
  for (const change of changes.filter((c) => c.action === 'orphaned')) {
    logger.info('Template no longer requested, kept (PruneTemplates is not true)', { templateArn: change.arn, name: change.name });
  }
  return { TemplateArns: out.map((t) => t.TemplateArn), Templates: out, DeletedTemplateArns: deleted };
};

export const handler = wrapHandler(createTemplatesCore, 'CreateTemplates');
