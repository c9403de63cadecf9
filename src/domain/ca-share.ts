/**
 * Sharing the private CA with Connector for AD through AWS RAM (pure decisions). AWS Private CA User Guide, "Set up
 * Connector for AD", step 5: API users create the share themselves (the console does it for them), with the service
 * principal `pca-connector-ad.amazonaws.com`, `sources` = the account, and the managed permission
 * AWSRAMBlankEndEntityCertificateAPIPassthroughIssuanceCertificateAuthority (the APICSRPassthrough one is Connector
 * for SCEP's).
 */
import { createHash } from 'node:crypto';

export const CONNECTOR_AD_PRINCIPAL = 'pca-connector-ad.amazonaws.com';
export const CA_SHARE_PERMISSION_NAME = 'AWSRAMBlankEndEntityCertificateAPIPassthroughIssuanceCertificateAuthority';

/** Principal association statuses that mean "shared, or about to be". */
export const SHARING = ['ASSOCIATED', 'ASSOCIATING'] as const;

/** Partition and account of a CA ARN (`arn:<partition>:acm-pca:<region>:<account>:certificate-authority/<id>`). */
export const caArnParts = (caArn: string): { partition: string; account: string } => {
  const [, partition = 'aws', , , account = ''] = caArn.split(':');
  return { partition, account };
};

export const permissionArnFor = (caArn: string): string => `arn:${caArnParts(caArn).partition}:ram::aws:permission/${CA_SHARE_PERMISSION_NAME}`;

/** The share's name: stable per CA, so every execution for this CA finds the same one. */
export const shareNameFor = (caArn: string): string =>
  `ad-cert-orchestrator-${createHash('sha256').update(caArn, 'utf8').digest('hex').slice(0, 16)}`;

/**
 * The RAM clientToken of CreateResourceShare, per CA (not per execution): two executions that reach the step at the
 * same moment (e.g. one request sent twice, held in step by the directory creation lease) cannot create two shares. The second
 * one's request differs in its execution tag, so RAM answers IdempotentParameterMismatchException, and it waits for
 * the first one's share.
 */
export const shareClientTokenFor = (caArn: string): string =>
  createHash('sha256').update(`${caArn}|ShareCertificateAuthority`, 'utf8').digest('hex');

/** What the principal associations of the CA's shares say: shared (adopt), being shared (poll), or not shared. */
export const shareState = (
  principalAssociations: readonly { resourceShareArn?: string | undefined; status?: string | undefined }[],
): { state: 'ASSOCIATED' | 'ASSOCIATING'; resourceShareArn: string } | { state: 'NONE' } => {
  const withArn = principalAssociations.filter((a): a is { resourceShareArn: string; status?: string } => a.resourceShareArn !== undefined);
  const associated = withArn.filter((a) => a.status === 'ASSOCIATED').map((a) => a.resourceShareArn).sort()[0];
  if (associated) return { state: 'ASSOCIATED', resourceShareArn: associated };
  const associating = withArn.filter((a) => a.status === 'ASSOCIATING').map((a) => a.resourceShareArn).sort()[0];
  if (associating) return { state: 'ASSOCIATING', resourceShareArn: associating };
  return { state: 'NONE' };
};
