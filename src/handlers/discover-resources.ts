/**
 * DiscoverResources (teardown): checks the request, then finds what it provisioned — the directories with its Name
 * in its VPC, their Connector for AD registrations, every connector of those directories (whichever CA) with their
 * templates and service principal names, its password secret — reads their tags, and plans
 * (src/domain/teardown.ts) what to delete. Deletes nothing.
 */
import type { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { PcaConnectorAdClient } from '../aws/pca-connector-ad-sdk.ts';
import { GetServicePrincipalNameCommand, ListTagsForResourceCommand } from '../aws/pca-connector-ad-sdk.ts';
import { directoryService, pcaConnectorAd, secretsManager } from '../aws/clients.ts';
import { describeAllDirectories, directoryTags as listDirectoryTags } from '../aws/directory-service-lists.ts';
import { listAllConnectors, listAllRegistrations, listAllTemplates } from '../aws/pca-connector-ad-lists.ts';
import { planTeardown, parseTeardownRequest } from '../domain/teardown.ts';
import type { DiscoverResourcesInput, TeardownPlan } from '../contract.ts';
import type { FoundConnector, FoundConnectorParts, FoundDirectory, FoundRegistration, FoundSecret } from '../domain/teardown.ts';
import { now as clockNow } from '../lib/clock.ts';
import { validationScope } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';
import { CONNECTOR_DELETION_TIMEOUT_SECONDS, DIRECTORY_DELETION_TIMEOUT_SECONDS } from '../workflow/teardown-waits.ts';

export interface DiscoverResourcesDeps {
  directoryService: DirectoryServiceClient;
  pcaConnectorAd: PcaConnectorAdClient;
  secretsManager: SecretsManagerClient;
  now: () => Date;
}

const defaultDeps = (): DiscoverResourcesDeps => ({
  directoryService: directoryService(),
  pcaConnectorAd: pcaConnectorAd(),
  secretsManager: secretsManager(),
  now: clockNow,
});

/** A connector's template ARNs; none when the connector disappeared meanwhile. */
const listTemplateArns = async (client: PcaConnectorAdClient, ConnectorArn: string): Promise<string[]> => {
  try {
    return (await listAllTemplates(client, ConnectorArn)).flatMap((t) => (t.Arn ? [t.Arn] : []));
  } catch (error) {
    if (named(error, 'ResourceNotFoundException')) return [];
    throw error;
  }
};

/** Whether the connector has a service principal name in the registration. */
const hasSpn = async (client: PcaConnectorAdClient, DirectoryRegistrationArn: string, ConnectorArn: string): Promise<boolean> => {
  try {
    await client.send(new GetServicePrincipalNameCommand({ DirectoryRegistrationArn, ConnectorArn }));
    return true;
  } catch (error) {
    if (named(error, 'ResourceNotFoundException')) return false;
    throw error;
  }
};

const named = (error: unknown, ...names: string[]): boolean => error instanceof Error && names.includes(error.name);

/** A directory's tags; undefined when it disappeared meanwhile. */
const directoryTags = async (ds: DirectoryServiceClient, ResourceId: string): Promise<Record<string, string> | undefined> => {
  try {
    return await listDirectoryTags(ds, ResourceId);
  } catch (error) {
    if (named(error, 'EntityDoesNotExistException')) return undefined;
    throw error;
  }
};

/** A connector's tags; undefined when it disappeared meanwhile. */
const connectorTags = async (client: PcaConnectorAdClient, ResourceArn: string): Promise<Record<string, string> | undefined> => {
  try {
    return (await client.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags ?? {};
  } catch (error) {
    if (named(error, 'ResourceNotFoundException')) return undefined;
    throw error;
  }
};

const findSecret = async (sm: SecretsManagerClient, SecretId: string): Promise<FoundSecret | undefined> => {
  try {
    const out = await sm.send(new DescribeSecretCommand({ SecretId }));
    const tags = Object.fromEntries((out.Tags ?? []).flatMap((t) => (t.Key !== undefined ? [[t.Key, t.Value ?? '']] : [])));
    return { Arn: out.ARN ?? SecretId, Tags: tags, Deleted: out.DeletedDate !== undefined };
  } catch (error) {
    if (named(error, 'ResourceNotFoundException')) return undefined;
    throw error;
  }
};

const vpcOf = (d: { VpcSettings?: { VpcId?: string | undefined } | undefined; ConnectSettings?: { VpcId?: string | undefined } | undefined }): string | undefined =>
  d.VpcSettings?.VpcId ?? d.ConnectSettings?.VpcId;

export const discoverResourcesCore = async (
  input: DiscoverResourcesInput,
  deps: DiscoverResourcesDeps = defaultDeps(),
): Promise<TeardownPlan> => {
  const { request, force } = parseTeardownRequest(input.Request, validationScope());
  const want = request.Directory;

  const directories: FoundDirectory[] = [];
  for (const d of await describeAllDirectories(deps.directoryService)) {
    const sameName = d.Name?.toLowerCase() === want.Name.toLowerCase() && vpcOf(d) === want.VpcSettings.VpcId;
    if (!sameName || !d.DirectoryId || d.Stage === 'Deleted') continue;
    const tags = await directoryTags(deps.directoryService, d.DirectoryId);
    if (tags) directories.push({ DirectoryId: d.DirectoryId, Tags: tags });
  }

  const connectors: FoundConnector[] = [];
  const ids = new Set(directories.map((d) => d.DirectoryId));
  for (const c of await listAllConnectors(deps.pcaConnectorAd)) {
    // Every connector of the directory, whatever CA the request names: a directory cannot be deleted under one, so
    // each is deleted (if this tool's, or Force) or keeps the directory.
    if (!c.Arn || !c.DirectoryId || !ids.has(c.DirectoryId)) continue;
    const tags = await connectorTags(deps.pcaConnectorAd, c.Arn);
    if (tags) connectors.push({ Arn: c.Arn, DirectoryId: c.DirectoryId, Tags: tags });
  }

  const registrations: FoundRegistration[] = [];
  for (const r of await listAllRegistrations(deps.pcaConnectorAd)) {
    if (!r.Arn || !r.DirectoryId || !ids.has(r.DirectoryId)) continue;
    const tags = await connectorTags(deps.pcaConnectorAd, r.Arn);
    if (tags) registrations.push({ Arn: r.Arn, DirectoryId: r.DirectoryId, Tags: tags });
  }
  const connectorParts: FoundConnectorParts[] = [];
  for (const c of connectors) {
    const spnIn: string[] = [];
    for (const r of registrations.filter((x) => x.DirectoryId === c.DirectoryId)) {
      if (await hasSpn(deps.pcaConnectorAd, r.Arn, c.Arn)) spnIn.push(r.Arn);
    }
    connectorParts.push({ ConnectorArn: c.Arn, Templates: await listTemplateArns(deps.pcaConnectorAd, c.Arn), SpnRegistrations: spnIn });
  }

  const secret = await findSecret(deps.secretsManager, want.PasswordSecretId);
  const plan = planTeardown({
    request,
    force,
    directories,
    connectors,
    registrations,
    connectorParts,
    secret,
    now: deps.now(),
    connectorTimeoutSeconds: CONNECTOR_DELETION_TIMEOUT_SECONDS,
    directoryTimeoutSeconds: DIRECTORY_DELETION_TIMEOUT_SECONDS,
  });
  logger.info('Teardown planned', {
    force,
    templates: plan.Templates.length,
    servicePrincipalNames: plan.ServicePrincipalNames.length,
    connectors: plan.Connectors.length,
    registrations: plan.Registrations.length,
    directories: plan.Directories.length,
    passwordSecret: plan.PasswordSecret !== null,
    kept: plan.Kept.map((k) => `${k.Resource} ${k.Id}`),
  });
  return plan;
};

export const handler = wrapHandler(discoverResourcesCore, 'DiscoverResources');
