/**
 * Sharing the private CA with Connector for AD through AWS RAM (pure decisions). AWS Private CA User Guide, "Set up
 * Connector for AD", step 5: API users create the share themselves (the console does it for them), with the service
 * principal `pca-connector-ad.amazonaws.com`, `sources` = the account, and the managed permission
 * AWSRAMBlankEndEntityCertificateAPIPassthroughIssuanceCertificateAuthority (the APICSRPassthrough one is Connector
 * for SCEP's).
 *
 * Creating the share: one execution at a time per CA holds the share creation lease (keyed by the CA, like the
 * directory creation lease), and the clientToken is derived from every parameter of the request (which carries the
 * execution's tag), so the same token always comes with the same parameters: a retry or redrive of one execution
 * replays its own create, and another execution, which waits for the lease, finds the first one's share by listing.
 */
import { createHash } from 'node:crypto';
import { EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY, MANAGED_BY_TAG_VALUE } from '../contract.ts';

export const CONNECTOR_AD_PRINCIPAL = 'pca-connector-ad.amazonaws.com';
export const CA_SHARE_PERMISSION_NAME = 'AWSRAMBlankEndEntityCertificateAPIPassthroughIssuanceCertificateAuthority';

/** Association statuses that mean "shared, or about to be". */
export const SHARING = ['ASSOCIATED', 'ASSOCIATING'] as const;
/** Share statuses of a share that no longer exists, or never will (RAM ResourceShareStatus). */
export const DEAD_SHARE_STATUSES = ['DELETING', 'DELETED', 'FAILED'] as const;

/** Partition and account of a CA ARN (`arn:<partition>:acm-pca:<region>:<account>:certificate-authority/<id>`). */
export const caArnParts = (caArn: string): { partition: string; account: string } => {
  const [, partition = 'aws', , , account = ''] = caArn.split(':');
  return { partition, account };
};

export const permissionArnFor = (caArn: string): string => `arn:${caArnParts(caArn).partition}:ram::aws:permission/${CA_SHARE_PERMISSION_NAME}`;

/** The share's name: stable per CA, so every execution for this CA names it alike. */
export const shareNameFor = (caArn: string): string =>
  `ad-cert-orchestrator-${createHash('sha256').update(caArn, 'utf8').digest('hex').slice(0, 16)}`;

/** The parameters of CreateResourceShare, but the clientToken. */
export interface ShareRequest {
  name: string;
  resourceArns: string[];
  principals: string[];
  sources: string[];
  permissionArns: string[];
  tags: { key: string; value: string }[];
}

export const shareRequestFor = (caArn: string, executionId: string): ShareRequest => ({
  name: shareNameFor(caArn),
  resourceArns: [caArn],
  principals: [CONNECTOR_AD_PRINCIPAL],
  sources: [caArnParts(caArn).account],
  permissionArns: [permissionArnFor(caArn)],
  tags: [
    { key: MANAGED_BY_TAG_KEY, value: MANAGED_BY_TAG_VALUE },
    { key: EXECUTION_TAG_KEY, value: executionId },
  ],
});

/** JSON with sorted keys: the same parameters always give the same text. */
const canonical = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
};

/**
 * The clientToken of a share request: SHA-256 hex (64 characters) of all its parameters. RAM fails a reused token
 * with other parameters (IdempotentParameterMismatchException); a token derived from the parameters never meets
 * other ones.
 */
export const shareClientTokenFor = (request: ShareRequest): string => createHash('sha256').update(canonical(request), 'utf8').digest('hex');

/**
 * The token to create with after `token` collided with a share that no longer exists (`collidedWith`: its ARN, or
 * what RAM answered): deterministic, so a retry of this execution follows the same chain and replays its own create.
 */
export const freshClientToken = (token: string, collidedWith: string): string =>
  createHash('sha256').update(`${token}|${collidedWith}`, 'utf8').digest('hex');

/** How many fresh tokens one attempt tries before it gives up (each one met a share that no longer exists). */
export const MAX_SHARE_TOKENS = 4;

/** Whether a share status says the share no longer exists (or never will). */
export const isDeadShare = (status: string | undefined): boolean => (DEAD_SHARE_STATUSES as readonly string[]).includes(status ?? '');

/**
 * The shares that share with Connector for AD, from their principal associations (listed without a principal filter:
 * RAM documents that filter for accounts, organizations, OUs and IAM roles and users only), each with its best status.
 */
export const connectorAssociations = (
  principalAssociations: readonly { resourceShareArn?: string | undefined; associatedEntity?: string | undefined; status?: string | undefined }[],
): Map<string, 'ASSOCIATED' | 'ASSOCIATING'> => {
  const out = new Map<string, 'ASSOCIATED' | 'ASSOCIATING'>();
  for (const a of principalAssociations) {
    if (a.associatedEntity !== CONNECTOR_AD_PRINCIPAL || !a.resourceShareArn) continue;
    if (a.status === 'ASSOCIATED') out.set(a.resourceShareArn, 'ASSOCIATED');
    else if (a.status === 'ASSOCIATING' && !out.has(a.resourceShareArn)) out.set(a.resourceShareArn, 'ASSOCIATING');
  }
  return out;
};

/** Whether a share's permissions include the one Connector for AD needs (by name: any version of it). */
export const grantsConnectorPermission = (permissions: readonly { arn?: string | undefined; name?: string | undefined }[]): boolean =>
  permissions.some((p) => p.name === CA_SHARE_PERMISSION_NAME || (p.arn ?? '').endsWith(`/${CA_SHARE_PERMISSION_NAME}`));

/** The names of a share's permissions, for the conflict's message. */
const permissionNames = (permissions: readonly { arn?: string | undefined; name?: string | undefined }[]): string[] =>
  permissions.map((p) => p.name ?? p.arn?.split('/').at(-1) ?? 'unknown');

export interface ConnectorShare {
  resourceShareArn: string;
  status: 'ASSOCIATED' | 'ASSOCIATING';
  permissions: readonly { arn?: string | undefined; name?: string | undefined }[];
}

export type ShareDecision =
  | { kind: 'adopt'; resourceShareArn: string }
  | { kind: 'wait'; resourceShareArn: string }
  | { kind: 'conflict'; shares: { resourceShareArn: string; permissions: string[] }[] }
  | { kind: 'create' };

/**
 * What the CA's shares with Connector for AD say: one that grants the permission and is ASSOCIATED is adopted (the
 * first by ARN), one that is ASSOCIATING is waited for; when every one of them grants another permission, that is a
 * conflict (Connector for AD could not issue through it, and a second share would leave the first in place); none at
 * all, create.
 */
export const decideShare = (shares: readonly ConnectorShare[]): ShareDecision => {
  const granting = shares.filter((s) => grantsConnectorPermission(s.permissions)).sort((a, b) => a.resourceShareArn.localeCompare(b.resourceShareArn));
  const associated = granting.find((s) => s.status === 'ASSOCIATED');
  if (associated) return { kind: 'adopt', resourceShareArn: associated.resourceShareArn };
  const associating = granting[0];
  if (associating) return { kind: 'wait', resourceShareArn: associating.resourceShareArn };
  if (shares.length > 0) {
    return { kind: 'conflict', shares: shares.map((s) => ({ resourceShareArn: s.resourceShareArn, permissions: permissionNames(s.permissions) })) };
  }
  return { kind: 'create' };
};

/** The share creation lease's key in the coordination table: one per CA. */
export const shareLeaseKey = (caArn: string): string => `share#${caArn}`;
