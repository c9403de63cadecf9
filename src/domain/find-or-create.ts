/**
 * Find-or-create decisions (pure). CreateDirectory has no idempotency token, so before creating, a rerun looks for
 * the directory an earlier attempt already started; CreateConnector has one, but a different execution (new
 * ClientToken) must still adopt an existing connector for the same directory + CA.
 */
import type { DirectoryType } from '../contract.ts';
import { EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY } from '../contract.ts';
import { DirectoryConflictError } from './errors.ts';
import { CONNECTOR_ADOPTABLE, DIRECTORY_GONE } from '../workflow/stages.ts';

/** The fields of a DS DirectoryDescription used here. */
export interface DirectoryCandidate {
  DirectoryId?: string | undefined;
  Name?: string | undefined;
  Type?: string | undefined;
  Stage?: string | undefined;
  StageReason?: string | undefined;
  LaunchTime?: Date | undefined;
  VpcSettings?: { VpcId?: string | undefined } | undefined;
  ConnectSettings?: { VpcId?: string | undefined } | undefined;
}

export interface DirectoryWanted {
  Name: string;
  VpcId: string;
  Type: DirectoryType;
}

const vpcOf = (d: DirectoryCandidate): string | undefined => d.VpcSettings?.VpcId ?? d.ConnectSettings?.VpcId;

const sameNameSameVpc = (d: DirectoryCandidate, want: DirectoryWanted): boolean =>
  d.DirectoryId !== undefined &&
  d.Name !== undefined &&
  d.Name.toLowerCase() === want.Name.toLowerCase() &&
  vpcOf(d) === want.VpcId &&
  !DIRECTORY_GONE.includes(d.Stage ?? '');

/**
 * Directories that can be adopted for `want`: same Name (case-insensitive), same VPC, not Deleting/Deleted, same
 * type. Throws DirectoryConflictError when such a directory exists only with a different type.
 */
export const adoptableDirectories = (descriptions: readonly DirectoryCandidate[], want: DirectoryWanted): DirectoryCandidate[] => {
  const same = descriptions.filter((d) => sameNameSameVpc(d, want));
  const matches = same.filter((d) => d.Type === want.Type);
  const other = same.find((d) => d.Type !== want.Type);
  if (matches.length === 0 && other) {
    throw new DirectoryConflictError(
      `Directory ${other.DirectoryId} named ${JSON.stringify(other.Name)} already exists in ${want.VpcId} with type ` +
        `${other.Type} (stage ${other.Stage}); the request asks for ${want.Type}. Use another Name, or delete that directory.`,
    );
  }
  return matches;
};

/**
 * One directory out of several adoptable ones: first one tagged with this execution, then one tagged as managed by
 * this tool, then not Failed, then the oldest, then by id (deterministic). `tagsById` is only needed when there are
 * several (DescribeDirectories does not return tags).
 */
export const chooseDirectory = (
  matches: readonly DirectoryCandidate[],
  tagsById: ReadonlyMap<string, Record<string, string>> = new Map(),
  executionId?: string,
): DirectoryCandidate | undefined => {
  const score = (d: DirectoryCandidate): number[] => {
    const tags = tagsById.get(d.DirectoryId ?? '') ?? {};
    return [
      executionId !== undefined && tags[EXECUTION_TAG_KEY] === executionId ? 0 : 1,
      tags[MANAGED_BY_TAG_KEY] !== undefined ? 0 : 1,
      d.Stage === 'Failed' ? 1 : 0,
      d.LaunchTime ? d.LaunchTime.getTime() : Number.MAX_SAFE_INTEGER,
    ];
  };
  const sorted = [...matches].sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    for (let i = 0; i < sa.length; i++) {
      const diff = (sa[i] ?? 0) - (sb[i] ?? 0);
      if (diff !== 0) return diff;
    }
    return (a.DirectoryId ?? '').localeCompare(b.DirectoryId ?? '');
  });
  return sorted[0];
};

/** The fields of a PCA Connector AD ConnectorSummary used here. */
export interface ConnectorCandidate {
  Arn?: string | undefined;
  DirectoryId?: string | undefined;
  CertificateAuthorityArn?: string | undefined;
  Status?: string | undefined;
  StatusReason?: string | undefined;
  CreatedAt?: Date | undefined;
}

/** A connector to adopt: same directory and CA, CREATING or ACTIVE; ACTIVE first, then the oldest. */
export const chooseConnector = (
  summaries: readonly ConnectorCandidate[],
  want: { DirectoryId: string; CertificateAuthorityArn: string },
): ConnectorCandidate | undefined =>
  summaries
    .filter(
      (c) =>
        c.Arn !== undefined &&
        c.DirectoryId === want.DirectoryId &&
        c.CertificateAuthorityArn === want.CertificateAuthorityArn &&
        CONNECTOR_ADOPTABLE.includes(c.Status ?? ''),
    )
    .sort(
      (a, b) =>
        (a.Status === 'ACTIVE' ? 0 : 1) - (b.Status === 'ACTIVE' ? 0 : 1) ||
        (a.CreatedAt?.getTime() ?? Number.MAX_SAFE_INTEGER) - (b.CreatedAt?.getTime() ?? Number.MAX_SAFE_INTEGER) ||
        (a.Arn ?? '').localeCompare(b.Arn ?? ''),
    )[0];
