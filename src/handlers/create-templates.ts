/**
 * CreateTemplates: every template the request names on the connector, each with its group access control entries,
 * whose groups named by GroupName take the SIDs ResolveGroups found (src/domain/groups.ts). One read of what exists (ListTemplates, and the entries of each template found), one plan
 * (src/domain/connector-setup.ts: adopt what matches, create what is missing, refuse what differs), then the creates:
 * CreateTemplate with a ClientToken from the execution ARN and the template Name, then
 * CreateTemplateGroupAccessControlEntry with one from the execution ARN, the Name and the group SID. A conflict stops
 * the step before any create (TemplateConflictError lists every differing field). A ConflictException from a create
 * (another execution got there first) is resolved by reading again and adopting what matches.
 */
import type { PcaConnectorAdClient, TemplateDefinition } from '../aws/pca-connector-ad-sdk.ts';
import {
  CreateTemplateCommand,
  CreateTemplateGroupAccessControlEntryCommand,
} from '../aws/pca-connector-ad-sdk.ts';
import type { CreateTemplatesInput, ResolvedAccessControlEntry, ResolvedTemplateRequest, TemplatesState, TemplateState } from '../contract.ts';
import { pcaConnectorAd } from '../aws/clients.ts';
import { listAllAccessControlEntries, listAllTemplates } from '../aws/pca-connector-ad-lists.ts';
import { stepClientToken } from '../domain/client-token.ts';
import { planTemplates, sameAdName } from '../domain/connector-setup.ts';
import type { ExistingAccessControlEntry, ExistingTemplate } from '../domain/connector-setup.ts';
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

/** Every template of the connector, as the plan reads it. */
const listTemplates = async (client: PcaConnectorAdClient, connectorArn: string): Promise<ExistingTemplate[]> =>
  (await listAllTemplates(client, connectorArn)).flatMap((t) =>
    t.Arn && t.Name ? [{ Arn: t.Arn, Name: t.Name, Status: t.Status, Definition: t.Definition }] : [],
  );

/** Every access control entry of a template, as the plan reads it. */
const listEntries = async (client: PcaConnectorAdClient, templateArn: string): Promise<ExistingAccessControlEntry[]> =>
  (await listAllAccessControlEntries(client, templateArn)).flatMap((e) =>
    e.GroupSecurityIdentifier ? [{ GroupSecurityIdentifier: e.GroupSecurityIdentifier, GroupDisplayName: e.GroupDisplayName, AccessRights: e.AccessRights }] : [],
  );

/** Reads what exists and plans; throws TemplateConflictError when something differs. */
const plan = async (client: PcaConnectorAdClient, connectorArn: string, requested: readonly ResolvedTemplateRequest[]) => {
  const existing = await listTemplates(client, connectorArn);
  const entries = new Map<string, ExistingAccessControlEntry[]>();
  for (const t of existing) {
    if (requested.some((r) => sameAdName(r.Name, t.Name))) entries.set(t.Arn, await listEntries(client, t.Arn));
  }
  const { plans, conflicts } = planTemplates(requested, existing, (arn) => entries.get(arn) ?? []);
  if (conflicts.length > 0) {
    throw new TemplateConflictError(`Existing templates differ from the request; nothing was changed: ${conflicts.join('; ')}`);
  }
  return plans;
};

export const createTemplatesCore = async (input: CreateTemplatesInput, deps: CreateTemplatesDeps = defaultDeps()): Promise<TemplatesState> => {
  const client = deps.pcaConnectorAd;
  const { templates: requested, violations } = resolveTemplates(input.Connector.Templates ?? [], input.Groups);
  if (violations.length > 0) throw new InvalidRequestError(violations);
  if (requested.length === 0) return { TemplateArns: [], Templates: [] };
  const plans = await plan(client, input.ConnectorArn, requested);
  const out: TemplateState[] = [];

  for (const [i, p] of plans.entries()) {
    const want = requested[i];
    if (!want) continue;
    let arn = p.existing?.Arn;
    let adopted = p.existing !== undefined;
    let createEntries = p.createEntries;
    let adoptedEntries = p.adoptedEntries;
    if (!arn) {
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
        arn = created.TemplateArn;
        if (!arn) throw new Error('PCA Connector for AD returned no TemplateArn');
        logger.info('Template created', { templateArn: arn, name: want.Name });
      } catch (error) {
        if (!named(error, 'ConflictException')) throw error;
        // Another execution created it between the read and this call: plan this template again, adopting it.
        const [again] = await plan(client, input.ConnectorArn, [want]);
        if (!again?.existing) throw error;
        arn = again.existing.Arn;
        adopted = true;
        createEntries = again.createEntries;
        adoptedEntries = again.adoptedEntries;
      }
    } else {
      logger.info('Adopting existing template', { templateArn: arn, name: want.Name });
    }
    const created: string[] = [];
    for (const entry of createEntries) {
      if (await createEntry(client, input.ExecutionId, want.Name, arn, entry)) created.push(entry.GroupSecurityIdentifier);
      else adoptedEntries = [...adoptedEntries, entry.GroupSecurityIdentifier];
    }
    out.push({ Name: want.Name, TemplateArn: arn, Adopted: adopted, CreatedAccessControlEntries: created, AdoptedAccessControlEntries: adoptedEntries });
  }
  return { TemplateArns: out.map((t) => t.TemplateArn), Templates: out };
};

/** Creates one entry; false when a ConflictException says it exists already with the requested rights (adopted). */
async function createEntry(
  client: PcaConnectorAdClient,
  executionId: string,
  templateName: string,
  templateArn: string,
  entry: ResolvedAccessControlEntry,
): Promise<boolean> {
  try {
    await client.send(
      new CreateTemplateGroupAccessControlEntryCommand({
        TemplateArn: templateArn,
        GroupDisplayName: entry.GroupDisplayName,
        GroupSecurityIdentifier: entry.GroupSecurityIdentifier,
        AccessRights: { ...entry.AccessRights },
        ClientToken: stepClientToken(executionId, 'CreateTemplateGroupAccessControlEntry', `${templateName}|${entry.GroupSecurityIdentifier}`),
      }),
    );
    return true;
  } catch (error) {
    if (!named(error, 'ConflictException')) throw error;
    const have = (await listEntries(client, templateArn)).find((e) => e.GroupSecurityIdentifier === entry.GroupSecurityIdentifier);
    const { conflicts } = planTemplates(
      [{ Name: templateName, Definition: {}, AccessControlEntries: [entry] }],
      [{ Arn: templateArn, Name: templateName, Definition: {} }],
      () => (have ? [have] : []),
    );
    if (!have || conflicts.length > 0) throw error;
    return false;
  }
}

export const handler = wrapHandler(createTemplatesCore, 'CreateTemplates');
