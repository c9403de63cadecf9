/**
 * ShareCertificateAuthority: find-or-create the AWS RAM share of the private CA with the Connector for AD service
 * principal (src/domain/ca-share.ts says why and how). Find: the CA's resource associations → the shares this
 * account owns that are ACTIVE → their association with the principal. ASSOCIATED: adopt. ASSOCIATING:
 * ResourceShareNotReadyError, which the Task's Retry repeats. None: CreateResourceShare with the CA's clientToken
 * and ownership tags (IdempotentParameterMismatchException: another execution is creating it, so not ready either); unless that share is ASSOCIATED at once, ResourceShareNotReadyError (the next
 * attempt finds the new share).
 */
import type { GetResourceShareAssociationsCommandInput, RAMClient, ResourceShare, ResourceShareAssociation } from '@aws-sdk/client-ram';
import { CreateResourceShareCommand, paginateGetResourceShareAssociations, paginateGetResourceShares } from '@aws-sdk/client-ram';
import { ram } from '../aws/clients.ts';
import { allItems } from '../aws/pages.ts';
import type { CertificateAuthorityShareState, ShareCertificateAuthorityInput } from '../contract.ts';
import { EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY, MANAGED_BY_TAG_VALUE } from '../contract.ts';
import {
  CONNECTOR_AD_PRINCIPAL, SHARING, caArnParts, permissionArnFor, shareClientTokenFor, shareNameFor, shareState,
} from '../domain/ca-share.ts';
import { ResourceShareNotReadyError } from '../domain/errors.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface ShareCertificateAuthorityDeps {
  ram: RAMClient;
}

const defaultDeps = (): ShareCertificateAuthorityDeps => ({ ram: ram() });

const associations = (client: RAMClient, input: GetResourceShareAssociationsCommandInput): Promise<ResourceShareAssociation[]> =>
  allItems(paginateGetResourceShareAssociations({ client }, input), (p) => p.resourceShareAssociations);

export const shareCertificateAuthorityCore = async (
  input: ShareCertificateAuthorityInput,
  deps: ShareCertificateAuthorityDeps = defaultDeps(),
): Promise<CertificateAuthorityShareState> => {
  const client = deps.ram;
  const caArn = input.CertificateAuthorityArn;

  const byResource = await associations(client, { associationType: 'RESOURCE', resourceArn: caArn });
  const candidates = [...new Set(byResource.filter((a) => SHARING.includes(a.status as never)).flatMap((a) => (a.resourceShareArn ? [a.resourceShareArn] : [])))];
  let owned: ResourceShare[] = [];
  if (candidates.length > 0) {
    owned = await allItems(
      paginateGetResourceShares({ client }, { resourceOwner: 'SELF', resourceShareStatus: 'ACTIVE', resourceShareArns: candidates }),
      (p) => p.resourceShares,
    );
  }
  const ownedArns = owned.flatMap((s) => (s.resourceShareArn ? [s.resourceShareArn] : []));
  if (ownedArns.length > 0) {
    const byPrincipal = await associations(client, { associationType: 'PRINCIPAL', resourceShareArns: ownedArns, principal: CONNECTOR_AD_PRINCIPAL });
    const found = shareState(byPrincipal);
    if (found.state === 'ASSOCIATED') {
      const share = owned.find((s) => s.resourceShareArn === found.resourceShareArn);
      const created = (share?.tags ?? []).some((t) => t.key === EXECUTION_TAG_KEY && t.value === input.ExecutionId);
      logger.info('CA shared with Connector for AD', { resourceShareArn: found.resourceShareArn, createdByThisExecution: created });
      return { ResourceShareArn: found.resourceShareArn, CreatedByThisExecution: created, PrincipalAssociationStatus: 'ASSOCIATED' };
    }
    if (found.state === 'ASSOCIATING') {
      throw new ResourceShareNotReadyError(`Resource share ${found.resourceShareArn} is ASSOCIATING with ${CONNECTOR_AD_PRINCIPAL}`);
    }
  }

  const create = client.send(
    new CreateResourceShareCommand({
      name: shareNameFor(caArn),
      resourceArns: [caArn],
      principals: [CONNECTOR_AD_PRINCIPAL],
      sources: [caArnParts(caArn).account],
      permissionArns: [permissionArnFor(caArn)],
      tags: [
        { key: MANAGED_BY_TAG_KEY, value: MANAGED_BY_TAG_VALUE },
        { key: EXECUTION_TAG_KEY, value: input.ExecutionId },
      ],
      clientToken: shareClientTokenFor(caArn),
    }),
  );
  const out = await create.catch((error: unknown) => {
    if (error instanceof Error && error.name === 'IdempotentParameterMismatchException') {
      throw new ResourceShareNotReadyError(`Another execution is creating the share of ${caArn} (same clientToken, another execution tag)`);
    }
    throw error;
  });
  const arn = out.resourceShare?.resourceShareArn ?? 'unknown';
  logger.info('Resource share created', { resourceShareArn: arn });
  const now = shareState(await associations(client, { associationType: 'PRINCIPAL', resourceShareArns: [arn], principal: CONNECTOR_AD_PRINCIPAL }));
  if (now.state === 'ASSOCIATED') return { ResourceShareArn: arn, CreatedByThisExecution: true, PrincipalAssociationStatus: 'ASSOCIATED' };
  throw new ResourceShareNotReadyError(`Resource share ${arn} was just created; its association with ${CONNECTOR_AD_PRINCIPAL} is not ASSOCIATED yet`);
};

export const handler = wrapHandler(shareCertificateAuthorityCore, 'ShareCertificateAuthority');
