/**
 * What exists for a request, read without writing anything: the one discovery of the plan (`npm start -- --plan`),
 * the dry-run function behind `POST /provisionings?dryRun=true` and the workflow's PlanChanges Task. It finds what
 * the create steps would find (the directories with the request's Name in its VPC; on the one the request adopts,
 * its Directory Data access and the groups entries name by GroupName, its registrations and connectors; on the connector it adopts, its service principal name and templates with their
 * tags and access entries; the CA's share with Connector for AD) and hands it to the diff (src/domain/diff.ts).
 * Read-only on purpose: the bundles that import it must carry no create, update, delete or tag call
 * (test/aws/bundles.test.ts), and their roles allow none (test/packaging/).
 */
import type { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import type { RAMClient } from '@aws-sdk/client-ram';
import { isExistingDirectory } from '../contract.ts';
import type { PlanEntry, ProvisioningRequest } from '../contract.ts';
import { decideShare } from '../domain/ca-share.ts';
import { groupKey, groupsToResolve, namesGroups } from '../domain/groups.ts';
import type { ShareDecision } from '../domain/ca-share.ts';
import { connectorInPlay, diff, directoryInPlay, directoryTypeOf, registrationInPlay } from '../domain/diff.ts';
import type { ExistingConnector, ExistingDirectory, ExistingRegistration, ExistingResources, ExistingTemplate } from '../domain/diff.ts';
import { sameNameSameVpc, wantedDirectory } from '../domain/find-or-create.ts';
import { isOwned } from '../domain/tags.ts';
import { dataAccessStatus } from './directory-data-access.ts';
import type { DirectoryServiceDataClient } from './directory-service-data-sdk.ts';
import { DescribeGroupCommand } from './directory-service-data-sdk.ts';
import { describeAllDirectories, describeDirectoriesById, directoryTags } from './directory-service-lists.ts';
import { listAllAccessControlEntries, listAllConnectors, listAllRegistrations, listAllTemplates } from './pca-connector-ad-lists.ts';
import { findConnectorShares } from './ram-shares.ts';
import type { PcaConnectorAdClient } from './pca-connector-ad-sdk.ts';
import { GetConnectorCommand, GetServicePrincipalNameCommand, ListTagsForResourceCommand } from './pca-connector-ad-sdk.ts';

export interface DiscoveryClients {
  directoryService: DirectoryServiceClient;
  directoryServiceData: DirectoryServiceDataClient;
  pcaConnectorAd: PcaConnectorAdClient;
  ram: RAMClient;
}

const named = (error: unknown, ...names: string[]): boolean => error instanceof Error && names.includes(error.name);

/** `read()`, or undefined when what it reads disappeared meanwhile. */
const unlessGone = async <T>(read: () => Promise<T>, ...notFound: string[]): Promise<T | undefined> => {
  try {
    return await read();
  } catch (error) {
    if (named(error, ...notFound)) return undefined;
    throw error;
  }
};

/** The tags of a connector, registration or template; undefined when it is gone. */
export const connectorSideTags = (client: PcaConnectorAdClient, ResourceArn: string): Promise<Record<string, string> | undefined> =>
  unlessGone(async () => (await client.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags ?? {}, 'ResourceNotFoundException');

/** What the CA's shares with Connector for AD say (src/domain/ca-share.ts): adopt, wait, conflict or create. */
export const findCertificateAuthorityShare = async (client: RAMClient, caArn: string): Promise<ShareDecision> =>
  decideShare((await findConnectorShares(client, caArn)).shares);

/**
 * The directories with the request's Name (any case) in its VPC, not Deleting/Deleted, with their tags; for a request
 * by DirectoryId, that directory (described by its id; none when it is gone).
 */
const findDirectories = async (request: ProvisioningRequest, ds: DirectoryServiceClient): Promise<ExistingDirectory[]> => {
  const d = request.Directory;
  const wanted = isExistingDirectory(d) ? undefined : wantedDirectory(d, d.Type ?? 'SimpleAD');
  const described = isExistingDirectory(d)
    ? ((await unlessGone(() => describeDirectoriesById(ds, [d.DirectoryId]), 'EntityDoesNotExistException')) ?? [])
    : await describeAllDirectories(ds);
  const out: ExistingDirectory[] = [];
  for (const d of described) {
    if (!d.DirectoryId || (wanted && !sameNameSameVpc(d, wanted))) continue;
    const tags = await unlessGone(() => directoryTags(ds, d.DirectoryId ?? ''), 'EntityDoesNotExistException');
    if (tags) out.push({ ...d, Tags: tags });
  }
  return out;
};

/** The directory's registrations with their tags. */
const findRegistrations = async (client: PcaConnectorAdClient, directoryId: string): Promise<ExistingRegistration[]> => {
  const out: ExistingRegistration[] = [];
  for (const r of await listAllRegistrations(client)) {
    if (!r.Arn || r.DirectoryId !== directoryId) continue;
    const tags = await connectorSideTags(client, r.Arn);
    if (tags) out.push({ Arn: r.Arn, DirectoryId: directoryId, ...(r.Status ? { Status: r.Status } : {}), Tags: tags });
  }
  return out;
};

/** The directory's connectors with their security groups (GetConnector when a summary lacks them) and tags. */
const findConnectors = async (client: PcaConnectorAdClient, directoryId: string): Promise<ExistingConnector[]> => {
  const out: ExistingConnector[] = [];
  for (const c of await listAllConnectors(client)) {
    if (!c.Arn || c.DirectoryId !== directoryId) continue;
    const arn = c.Arn;
    const vpc = c.VpcInformation?.SecurityGroupIds !== undefined
      ? c.VpcInformation
      : (await unlessGone(() => client.send(new GetConnectorCommand({ ConnectorArn: arn })), 'ResourceNotFoundException'))?.Connector?.VpcInformation;
    const tags = await connectorSideTags(client, arn);
    if (tags) out.push({ ...c, Arn: arn, ...(vpc ? { VpcInformation: vpc } : {}), Tags: tags });
  }
  return out;
};

/** The connector's templates with their tags, and the access entries of those the request names or this tool owns. */
export const discoverTemplates = async (client: PcaConnectorAdClient, connectorArn: string, requestedNames: Iterable<string>): Promise<ExistingTemplate[]> => {
  // Template names are one to AD in any case.
  const requested = new Set([...requestedNames].map((n) => n.toLowerCase()));
  const out: ExistingTemplate[] = [];
  for (const t of (await unlessGone(() => listAllTemplates(client, connectorArn), 'ResourceNotFoundException')) ?? []) {
    if (!t.Arn || !t.Name) continue;
    const arn = t.Arn;
    const tags = await connectorSideTags(client, arn);
    if (!tags) continue;
    const entries = t.Status !== 'DELETING' && (requested.has(t.Name.toLowerCase()) || isOwned(tags))
      ? ((await unlessGone(() => listAllAccessControlEntries(client, arn), 'ResourceNotFoundException')) ?? [])
      : [];
    out.push({
      Arn: arn,
      Name: t.Name,
      Status: t.Status,
      Definition: t.Definition,
      Tags: tags,
      Entries: entries.flatMap((e) =>
        e.GroupSecurityIdentifier ? [{ GroupSecurityIdentifier: e.GroupSecurityIdentifier, GroupDisplayName: e.GroupDisplayName, AccessRights: e.AccessRights }] : [],
      ),
    });
  }
  return out;
};

/**
 * Where entries name groups by GroupName: the directory's Directory Data access status and, when it is Enabled, the
 * SID of each named group it has (DescribeGroup; ResourceNotFoundException: it has none of that name).
 */
const discoverGroups = async (
  request: ProvisioningRequest,
  directory: ExistingDirectory,
  directoryId: string,
  clients: DiscoveryClients,
): Promise<{ dataAccess?: string; groups?: Map<string, string> }> => {
  const templates = request.Connector?.Templates ?? [];
  if (!namesGroups(templates) || directoryTypeOf(request, directory) !== 'MicrosoftAD') return {};
  const dataAccess = await dataAccessStatus(clients.directoryService, directoryId);
  if (dataAccess !== 'Enabled') return { dataAccess };
  const groups = new Map<string, string>();
  for (const g of groupsToResolve(templates)) {
    const found = await unlessGone(
      () => clients.directoryServiceData.send(new DescribeGroupCommand({ DirectoryId: directoryId, SAMAccountName: g.GroupName })),
      'ResourceNotFoundException',
    );
    if (found?.SID) groups.set(groupKey(g.GroupName), found.SID);
  }
  return { dataAccess, groups };
};

/** Everything the diff compares the request with. */
export const discover = async (request: ProvisioningRequest, clients: DiscoveryClients): Promise<ExistingResources> => {
  const directories = await findDirectories(request, clients.directoryService);
  const c = request.Connector;
  if (!c) return { directories, registrations: [], connectors: [], templates: [] };
  const client = clients.pcaConnectorAd;
  const share = await findCertificateAuthorityShare(clients.ram, c.CertificateAuthorityArn);
  const directory = directoryInPlay(request, directories);
  const directoryId = directory?.DirectoryId;
  if (!directory || !directoryId) return { share, directories, registrations: [], connectors: [], templates: [] };
  const found = await discoverGroups(request, directory, directoryId, clients);
  const registrations = await findRegistrations(client, directoryId);
  const connectors = await findConnectors(client, directoryId);
  const registration = registrationInPlay(directoryId, registrations);
  const connector = connectorInPlay(c, directoryId, connectors);
  if (!connector) return { share, directories, ...found, registrations, connectors, templates: [] };
  const spn = registration
    ? await unlessGone(
        async () => (await client.send(new GetServicePrincipalNameCommand({ DirectoryRegistrationArn: registration.Arn, ConnectorArn: connector.Arn }))).ServicePrincipalName,
        'ResourceNotFoundException',
      )
    : undefined;
  const templates = await discoverTemplates(client, connector.Arn, new Set((c.Templates ?? []).map((t) => t.Name)));
  return { share, directories, ...found, registrations, connectors, ...(spn?.Status ? { servicePrincipalName: { Status: spn.Status } } : {}), templates };
};

/** The plan of `request`: what exists, diffed against it. */
export const planRequest = async (request: ProvisioningRequest, clients: DiscoveryClients): Promise<PlanEntry[]> =>
  diff(request, await discover(request, clients));
