/**
 * The CA's AWS RAM shares with Connector for AD, read through the SDK's paginators: what ShareCertificateAuthority
 * finds before it creates, and what the plan's discovery (src/aws/discovery.ts) reports. Read-only on purpose: the
 * plan's bundles import it and must carry no create call.
 */
import type { GetResourceShareAssociationsCommandInput, RAMClient, ResourceShare, ResourceShareAssociation } from '@aws-sdk/client-ram';
import { paginateGetResourceShareAssociations, paginateGetResourceShares, paginateListResourceSharePermissions } from '@aws-sdk/client-ram';
import { SHARING, connectorAssociations } from '../domain/ca-share.ts';
import type { ConnectorShare } from '../domain/ca-share.ts';
import { allItems } from './pages.ts';

export const associations = (client: RAMClient, input: GetResourceShareAssociationsCommandInput): Promise<ResourceShareAssociation[]> =>
  allItems(paginateGetResourceShareAssociations({ client }, input), (p) => p.resourceShareAssociations);

export const ownedShares = (client: RAMClient, resourceShareArns: string[], status?: 'ACTIVE'): Promise<ResourceShare[]> =>
  allItems(
    paginateGetResourceShares({ client }, { resourceOwner: 'SELF', resourceShareArns, ...(status ? { resourceShareStatus: status } : {}) }),
    (p) => p.resourceShares,
  );

export interface FoundShares {
  shares: ConnectorShare[];
  tagsOf: Map<string, { key?: string | undefined; value?: string | undefined }[]>;
}

/** The ACTIVE shares this account owns that share the CA with Connector for AD, with their permissions. */
export const findConnectorShares = async (client: RAMClient, caArn: string): Promise<FoundShares> => {
  const byResource = await associations(client, { associationType: 'RESOURCE', resourceArn: caArn });
  const candidates = [...new Set(byResource.filter((a) => SHARING.includes(a.status as never)).flatMap((a) => (a.resourceShareArn ? [a.resourceShareArn] : [])))];
  if (candidates.length === 0) return { shares: [], tagsOf: new Map() };
  const owned = await ownedShares(client, candidates, 'ACTIVE');
  const tagsOf = new Map(owned.flatMap((s) => (s.resourceShareArn ? [[s.resourceShareArn, s.tags ?? []] as const] : [])));
  if (tagsOf.size === 0) return { shares: [], tagsOf };
  const sharing = connectorAssociations(await associations(client, { associationType: 'PRINCIPAL', resourceShareArns: [...tagsOf.keys()] }));
  const shares: ConnectorShare[] = [];
  for (const [resourceShareArn, status] of sharing) {
    const permissions = await allItems(paginateListResourceSharePermissions({ client }, { resourceShareArn }), (p) => p.permissions);
    shares.push({ resourceShareArn, status, permissions });
  }
  return { shares, tagsOf };
};
