/**
 * ShareCertificateAuthority: find-or-create the AWS RAM share of the private CA with the Connector for AD service
 * principal (src/domain/ca-share.ts says why and how). Find: the CA's resource associations → the shares this
 * account owns that are ACTIVE → their principal associations, matched on `associatedEntity` (RAM documents the
 * `principal` filter for accounts, organizations, OUs and IAM roles and users, not for a service principal) → each
 * such share's permissions. A share that grants the APIPassthrough permission: ASSOCIATED, adopted; ASSOCIATING,
 * ResourceShareNotReadyError, which the Task's Retry repeats. Only shares with another permission:
 * ResourceShareConflictError. None: take the share creation lease (another execution holding it:
 * ResourceShareCreationInProgressError, retried), look once more, then CreateResourceShare with a clientToken derived
 * from every parameter; a token RAM answers with a share that no longer exists (deleted by hand since), or with
 * IdempotentParameterMismatchException, is followed by a fresh one. Unless the new share is ASSOCIATED at once,
 * ResourceShareNotReadyError (the next attempt finds it). The lease is given back once this execution's share is
 * ASSOCIATED (listed from then on), when the second look finds a share, or when the create certainly failed;
 * otherwise it lapses.
 */
import type { RAMClient, ResourceShare } from '@aws-sdk/client-ram';
import { CreateResourceShareCommand } from '@aws-sdk/client-ram';
import { dynamoDb, ram } from '../aws/clients.ts';
import { associations, findConnectorShares, ownedShares } from '../aws/ram-shares.ts';
import type { FoundShares } from '../aws/ram-shares.ts';
import type { CertificateAuthorityShareState, ShareCertificateAuthorityInput } from '../contract.ts';
import { EXECUTION_TAG_KEY } from '../contract.ts';
import {
  CA_SHARE_PERMISSION_NAME, CONNECTOR_AD_PRINCIPAL, MAX_SHARE_TOKENS, connectorAssociations, decideShare, freshClientToken,
  isDeadShare, shareClientTokenFor, shareRequestFor,
} from '../domain/ca-share.ts';
import type { ShareDecision } from '../domain/ca-share.ts';
import { createCertainlyFailed } from '../domain/directory-lease.ts';
import { ResourceShareConflictError, ResourceShareNotReadyError, ResourceShareTokenExhaustedError } from '../domain/errors.ts';
import { DynamoDbShareLeaseStore } from '../persistence/share-lease-store.ts';
import type { ShareLeaseStore } from '../persistence/share-lease-store.ts';
import { now as clockNow } from '../lib/clock.ts';
import { coordinationTableName } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface ShareCertificateAuthorityDeps {
  ram: RAMClient;
  /** The share creation lease (DynamoDB conditional PutItem / DeleteItem). */
  leases: ShareLeaseStore;
  now: () => Date;
}

const defaultDeps = (): ShareCertificateAuthorityDeps => ({
  ram: ram(),
  leases: new DynamoDbShareLeaseStore(dynamoDb(), coordinationTableName()),
  now: clockNow,
});

/** Adopt, wait or conflict; undefined when there is nothing to adopt (create). */
const settle = (decision: ShareDecision, found: FoundShares, input: ShareCertificateAuthorityInput): CertificateAuthorityShareState | undefined => {
  switch (decision.kind) {
    case 'adopt': {
      const tags = found.tagsOf.get(decision.resourceShareArn) ?? [];
      const created = tags.some((t) => t.key === EXECUTION_TAG_KEY && t.value === input.ExecutionId);
      logger.info('CA shared with Connector for AD', { resourceShareArn: decision.resourceShareArn, createdByThisExecution: created });
      return { ResourceShareArn: decision.resourceShareArn, CreatedByThisExecution: created, PrincipalAssociationStatus: 'ASSOCIATED' };
    }
    case 'wait':
      throw new ResourceShareNotReadyError(`Resource share ${decision.resourceShareArn} is ASSOCIATING with ${CONNECTOR_AD_PRINCIPAL}`);
    case 'conflict':
      throw new ResourceShareConflictError(
        `${input.CertificateAuthorityArn} is shared with ${CONNECTOR_AD_PRINCIPAL} only by ` +
          `${decision.shares.map((s) => `${s.resourceShareArn} (permission ${s.permissions.join(', ') || 'none'})`).join(', ')}; ` +
          `Connector for AD needs ${CA_SHARE_PERMISSION_NAME}. Nothing was created.`,
      );
    case 'create':
      return undefined;
  }
};

/** The share's status now (the create's answer may be a replay): RAM's listing, else the create's answer. */
const statusNow = async (client: RAMClient, share: ResourceShare): Promise<string | undefined> => {
  if (isDeadShare(share.status) || !share.resourceShareArn) return share.status;
  const [listed] = await ownedShares(client, [share.resourceShareArn]);
  return listed?.status ?? share.status;
};

/** Creates the share, with a fresh token each time one meets a share that no longer exists; its ARN. */
const createShare = async (client: RAMClient, input: ShareCertificateAuthorityInput, release: () => Promise<void>): Promise<string> => {
  const request = shareRequestFor(input.CertificateAuthorityArn, input.ExecutionId);
  let token = shareClientTokenFor(request);
  const met: string[] = [];
  for (let i = 0; i < MAX_SHARE_TOKENS; i += 1) {
    let share: ResourceShare | undefined;
    try {
      share = (await client.send(new CreateResourceShareCommand({ ...request, clientToken: token }))).resourceShare;
    } catch (error) {
      if (error instanceof Error && error.name === 'IdempotentParameterMismatchException') {
        // Someone used this token with other parameters: it is not this request's; take a fresh one.
        met.push(error.name);
        token = freshClientToken(token, error.name);
        continue;
      }
      if (createCertainlyFailed(error)) await release();
      throw error;
    }
    const arn = share?.resourceShareArn;
    const status = share ? await statusNow(client, share) : undefined;
    if (arn && !isDeadShare(status)) return arn;
    // RAM replayed the token's share, which no longer exists (deleted by hand since): nobody is creating it.
    logger.info('The clientToken met a share that no longer exists; creating with a fresh one', { resourceShareArn: arn, status });
    met.push(`${arn ?? 'a share'} (${status ?? 'unknown'})`);
    token = freshClientToken(token, arn ?? 'unknown');
  }
  throw new ResourceShareTokenExhaustedError(
    `Each of ${MAX_SHARE_TOKENS} clientTokens for sharing ${input.CertificateAuthorityArn} met a share that no longer exists or other parameters: ${met.join(', ')}`,
  );
};

export const shareCertificateAuthorityCore = async (
  input: ShareCertificateAuthorityInput,
  deps: ShareCertificateAuthorityDeps = defaultDeps(),
): Promise<CertificateAuthorityShareState> => {
  const client = deps.ram;
  const caArn = input.CertificateAuthorityArn;

  const found = await findConnectorShares(client, caArn);
  const existing = settle(decideShare(found.shares), found, input);
  if (existing) {
    // This execution created it under the lease: now that the share is listed, others find it without the lease.
    if (existing.CreatedByThisExecution) await deps.leases.release(caArn, input.ExecutionId);
    return existing;
  }

  await deps.leases.acquire(caArn, input.ExecutionId, deps.now());
  // A holder may have just finished between our first look and the lease: look once more. A share found there needs
  // no lease (others find it by listing too): give it back before adopting, waiting or refusing.
  const again = await findConnectorShares(client, caArn);
  const decision = decideShare(again.shares);
  if (decision.kind !== 'create') {
    await deps.leases.release(caArn, input.ExecutionId);
    const adopted = settle(decision, again, input);
    if (adopted) return adopted;
  }

  const arn = await createShare(client, input, () => deps.leases.release(caArn, input.ExecutionId));
  logger.info('Resource share created', { resourceShareArn: arn });
  const now = connectorAssociations(await associations(client, { associationType: 'PRINCIPAL', resourceShareArns: [arn] })).get(arn);
  if (now === 'ASSOCIATED') {
    await deps.leases.release(caArn, input.ExecutionId);
    return { ResourceShareArn: arn, CreatedByThisExecution: true, PrincipalAssociationStatus: 'ASSOCIATED' };
  }
  throw new ResourceShareNotReadyError(`Resource share ${arn} was just created; its association with ${CONNECTOR_AD_PRINCIPAL} is not ASSOCIATED yet`);
};

export const handler = wrapHandler(shareCertificateAuthorityCore, 'ShareCertificateAuthority');
