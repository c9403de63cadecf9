/**
 * Find-or-create decisions (pure). CreateDirectory has no idempotency token, so before creating, a rerun looks for
 * the directory an earlier attempt already started; CreateConnector has one, but a different execution (new
 * ClientToken) must still adopt an existing connector for the same directory. Only what matches the request is
 * adopted: an existing resource that differs in an immutable attribute is a conflict (nothing is created), never
 * silently reused.
 */
import type { ConnectorRequest, CreateDirectoryInput, DirectoryEdition, DirectoryRequest, DirectorySize, DirectoryType } from '../contract.ts';
import { EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY } from '../contract.ts';
import { ConnectorConflictError, DirectoryConflictError, formatDifferences } from './errors.ts';
import type { FieldDifference } from './errors.ts';
import { CONNECTOR_ADOPTABLE, DIRECTORY_GONE } from '../workflow/stages.ts';

/** What CreateDirectory / CreateMicrosoftAD are sent when the request leaves them out. */
export const DEFAULT_SIZE: DirectorySize = 'Small';
export const DEFAULT_EDITION: DirectoryEdition = 'Enterprise';

/** The fields of a DS DirectoryDescription used here. */
export interface DirectoryCandidate {
  DirectoryId?: string | undefined;
  Name?: string | undefined;
  Description?: string | undefined;
  ShortName?: string | undefined;
  Type?: string | undefined;
  Size?: string | undefined;
  Edition?: string | undefined;
  Stage?: string | undefined;
  StageReason?: string | undefined;
  LaunchTime?: Date | undefined;
  VpcSettings?: { VpcId?: string | undefined; SubnetIds?: string[] | undefined } | undefined;
  ConnectSettings?: { VpcId?: string | undefined; SubnetIds?: string[] | undefined; CustomerUserName?: string | undefined } | undefined;
  /** On an AD Connector, the on-premises DNS addresses it was connected with. */
  DnsIpAddrs?: string[] | undefined;
}

/** The directory a request asks for, with the create's defaults filled in. */
export interface DirectoryWanted {
  Name: string;
  VpcId: string;
  SubnetIds: readonly string[];
  Type: DirectoryType;
  /** Simple AD and AD Connector only. */
  Size?: DirectorySize;
  /** Managed Microsoft AD only. */
  Edition?: DirectoryEdition;
  /** Compared only when the request gives one (AWS derives a default from Name otherwise). */
  ShortName?: string;
  /** AD Connector only: ConnectDirectory's ConnectSettings.CustomerDnsIps and CustomerUserName. */
  CustomerDnsIps?: readonly string[];
  CustomerUserName?: string;
}

/** The directory `d` asks for (of `type`, the request's Type with its default). */
export const wantedDirectory = (d: DirectoryRequest, type: DirectoryType): DirectoryWanted => ({
  Name: d.Name,
  VpcId: d.VpcSettings.VpcId,
  SubnetIds: d.VpcSettings.SubnetIds,
  Type: type,
  ...(type === 'MicrosoftAD' ? { Edition: d.Edition ?? DEFAULT_EDITION } : { Size: d.Size ?? DEFAULT_SIZE }),
  ...(d.ShortName ? { ShortName: d.ShortName } : {}),
  ...(type === 'ADConnector' && d.ConnectSettings
    ? { CustomerDnsIps: d.ConnectSettings.CustomerDnsIps, CustomerUserName: d.ConnectSettings.CustomerUserName }
    : {}),
});

export const directoryWanted = (input: CreateDirectoryInput): DirectoryWanted => wantedDirectory(input.Directory, input.DirectoryType);

const vpcOf = (d: DirectoryCandidate): string | undefined => d.VpcSettings?.VpcId ?? d.ConnectSettings?.VpcId;
const subnetsOf = (d: DirectoryCandidate): string[] | undefined => d.VpcSettings?.SubnetIds ?? d.ConnectSettings?.SubnetIds;

const shown = (value: string | undefined): string => value ?? '(none)';
const shownSet = (values: readonly string[] | undefined): string => (values ? `[${[...new Set(values)].sort().join(', ')}]` : '(none)');
const sameSet = (a: readonly string[] | undefined, b: readonly string[]): boolean => a !== undefined && shownSet(a) === shownSet(b);

/**
 * Every immutable attribute in which `d` differs from the request: type; Size (Simple AD) or Edition (Managed AD)
 * when the types match; ShortName (case-insensitive, NetBIOS names are) when the request gives one; VPC; subnets as
 * a set; on an AD Connector, the on-premises DNS addresses (a set) and the service account's user name (any case, as
 * AD compares it). An attribute the description leaves out counts as different.
 */
export const directoryDifferences = (d: DirectoryCandidate, want: DirectoryWanted): FieldDifference[] => {
  const out: FieldDifference[] = [];
  const differ = (field: string, requested: string, existing: string) => out.push({ field, requested, existing });
  if (d.Type !== want.Type) differ('Directory.Type', want.Type, shown(d.Type));
  else if (want.Type !== 'MicrosoftAD' && d.Size !== want.Size) differ('Directory.Size', shown(want.Size), shown(d.Size));
  else if (want.Type === 'MicrosoftAD' && d.Edition !== want.Edition) differ('Directory.Edition', shown(want.Edition), shown(d.Edition));
  if (want.ShortName !== undefined && d.ShortName?.toUpperCase() !== want.ShortName.toUpperCase()) {
    differ('Directory.ShortName', want.ShortName, shown(d.ShortName));
  }
  if (vpcOf(d) !== want.VpcId) differ('Directory.VpcSettings.VpcId', want.VpcId, shown(vpcOf(d)));
  if (!sameSet(subnetsOf(d), want.SubnetIds)) differ('Directory.VpcSettings.SubnetIds', shownSet(want.SubnetIds), shownSet(subnetsOf(d)));
  if (want.CustomerDnsIps !== undefined && !sameSet(d.DnsIpAddrs, want.CustomerDnsIps)) {
    differ('Directory.ConnectSettings.CustomerDnsIps', shownSet(want.CustomerDnsIps), shownSet(d.DnsIpAddrs));
  }
  const user = d.ConnectSettings?.CustomerUserName;
  if (want.CustomerUserName !== undefined && user?.toLowerCase() !== want.CustomerUserName.toLowerCase()) {
    differ('Directory.ConnectSettings.CustomerUserName', want.CustomerUserName, shown(user));
  }
  return out;
};

/** The directory's identity: same Name (case-insensitive), same VPC, not Deleting/Deleted. */
export const sameNameSameVpc = (d: DirectoryCandidate, want: DirectoryWanted): boolean =>
  d.DirectoryId !== undefined &&
  d.Name !== undefined &&
  d.Name.toLowerCase() === want.Name.toLowerCase() &&
  vpcOf(d) === want.VpcId &&
  !DIRECTORY_GONE.includes(d.Stage ?? '');

/**
 * Directories that can be adopted for `want`: same Name (case-insensitive), same VPC, not Deleting/Deleted, and no
 * difference in an immutable attribute (directoryDifferences). Throws DirectoryConflictError, naming every differing
 * field of every such directory, when directories with this Name exist in the VPC but none matches.
 */
export const adoptableDirectories = (descriptions: readonly DirectoryCandidate[], want: DirectoryWanted): DirectoryCandidate[] => {
  const same = descriptions.filter((d) => sameNameSameVpc(d, want));
  const compared = same.map((d) => ({ d, differences: directoryDifferences(d, want) }));
  const matches = compared.filter((c) => c.differences.length === 0).map((c) => c.d);
  if (matches.length === 0 && compared.length > 0) {
    const described = compared.map(
      ({ d, differences }) =>
        `directory ${d.DirectoryId} named ${JSON.stringify(d.Name)} (stage ${d.Stage}) differs from the request: ${formatDifferences(differences)}`,
    );
    throw new DirectoryConflictError(
      `Not adopted, nothing created: ${described.join('. ')}. Change the request to match, or delete that directory ` +
        `(the teardown, given the input that created it: docs/teardown.md) and start a new execution.`,
      compared.flatMap((c) => c.differences),
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

/**
 * What the request asks of a directory it adopts that is not applied — a Description or Tags other than the
 * directory's (this tool's own tags aside; a field the request leaves out asks nothing) — one sentence each, for the
 * output and the Provisioning Succeeded event. Adoption changes nothing of an existing directory.
 */
export const adoptionWarnings = (
  existing: { DirectoryId: string; Description?: string | undefined },
  tags: Readonly<Record<string, string>>,
  request: { Description?: string | undefined; Tags?: readonly { Key: string; Value: string }[] | undefined },
): string[] => {
  const warnings: string[] = [];
  const id = existing.DirectoryId;
  if (request.Description !== undefined && request.Description !== (existing.Description ?? '')) {
    warnings.push(`Directory.Description: requested ${JSON.stringify(request.Description)}, the adopted directory ${id} has ${JSON.stringify(existing.Description ?? '')}; not changed`);
  }
  const differing = (request.Tags ?? []).filter((t) => tags[t.Key] !== t.Value);
  if (differing.length > 0) {
    const shownTags = differing.map((t) => `${t.Key}=${JSON.stringify(t.Value)} (has ${tags[t.Key] === undefined ? 'none' : JSON.stringify(tags[t.Key])})`);
    warnings.push(`Directory.Tags: the adopted directory ${id} lacks ${shownTags.join(', ')}; not changed`);
  }
  return warnings;
};

/** The fields of a PCA Connector AD ConnectorSummary (or Connector, from GetConnector) used here. */
export interface ConnectorCandidate {
  Arn?: string | undefined;
  DirectoryId?: string | undefined;
  CertificateAuthorityArn?: string | undefined;
  Status?: string | undefined;
  StatusReason?: string | undefined;
  CreatedAt?: Date | undefined;
  VpcInformation?: { SecurityGroupIds?: string[] | undefined; IpAddressType?: string | undefined } | undefined;
}

export interface ConnectorWanted {
  DirectoryId: string;
  CertificateAuthorityArn: string;
  SecurityGroupIds: readonly string[];
  /** Compared only when the request gives one. */
  IpAddressType?: string;
}

export const connectorWanted = (directoryId: string, c: ConnectorRequest): ConnectorWanted => ({
  DirectoryId: directoryId,
  CertificateAuthorityArn: c.CertificateAuthorityArn,
  SecurityGroupIds: c.VpcInformation.SecurityGroupIds,
  ...(c.VpcInformation.IpAddressType !== undefined ? { IpAddressType: c.VpcInformation.IpAddressType } : {}),
});

/**
 * The IP address type of a connector whose description leaves it out: IPV4, the only type before DUALSTACK was
 * added to the model (AWS does not document the default; a belief kept here).
 */
export const DEFAULT_IP_ADDRESS_TYPE = 'IPV4';

/** The directory's connectors that are CREATING or ACTIVE: the ones that can be adopted, or conflict. */
export const liveConnectorsOf = (summaries: readonly ConnectorCandidate[], directoryId: string): ConnectorCandidate[] =>
  summaries.filter((c) => c.Arn !== undefined && c.DirectoryId === directoryId && CONNECTOR_ADOPTABLE.includes(c.Status ?? ''));

/**
 * Every attribute in which `c` differs from the request: the CA ARN, the security groups as a set, the IP address
 * type when the request gives one.
 */
export const connectorDifferences = (c: ConnectorCandidate, want: ConnectorWanted): FieldDifference[] => {
  const out: FieldDifference[] = [];
  if (c.CertificateAuthorityArn !== want.CertificateAuthorityArn) {
    out.push({ field: 'Connector.CertificateAuthorityArn', requested: want.CertificateAuthorityArn, existing: shown(c.CertificateAuthorityArn) });
  }
  const groups = c.VpcInformation?.SecurityGroupIds;
  if (!sameSet(groups, want.SecurityGroupIds)) {
    out.push({ field: 'Connector.VpcInformation.SecurityGroupIds', requested: shownSet(want.SecurityGroupIds), existing: shownSet(groups) });
  }
  const ipType = c.VpcInformation?.IpAddressType ?? DEFAULT_IP_ADDRESS_TYPE;
  if (want.IpAddressType !== undefined && ipType !== want.IpAddressType) {
    out.push({ field: 'Connector.VpcInformation.IpAddressType', requested: want.IpAddressType, existing: ipType });
  }
  return out;
};

/**
 * The connector to adopt: of the same directory, CREATING or ACTIVE, with the same CA and security groups; ACTIVE
 * first, then the oldest. Undefined when the directory has no live connector. Throws ConnectorConflictError,
 * naming every differing field, when it has live connectors but none matches: this tool keeps one connector per
 * directory, so another CA or other groups mean the request changed (a second connector is not created).
 */
export const chooseConnector = (summaries: readonly ConnectorCandidate[], want: ConnectorWanted): ConnectorCandidate | undefined => {
  const live = liveConnectorsOf(summaries, want.DirectoryId);
  const compared = live.map((c) => ({ c, differences: connectorDifferences(c, want) }));
  const matches = compared.filter((x) => x.differences.length === 0).map((x) => x.c);
  if (matches.length === 0 && compared.length > 0) {
    const described = compared.map(
      ({ c, differences }) => `connector ${c.Arn} (${c.Status}) of directory ${want.DirectoryId} differs from the request: ${formatDifferences(differences)}`,
    );
    throw new ConnectorConflictError(
      `Not adopted, nothing created: ${described.join('. ')}. Change the request to match, or delete that connector ` +
        `(the teardown, given the input that created it: docs/teardown.md) and start a new execution.`,
      compared.flatMap((x) => x.differences),
    );
  }
  return [...matches].sort(
    (a, b) =>
      (a.Status === 'ACTIVE' ? 0 : 1) - (b.Status === 'ACTIVE' ? 0 : 1) ||
      (a.CreatedAt?.getTime() ?? Number.MAX_SAFE_INTEGER) - (b.CreatedAt?.getTime() ?? Number.MAX_SAFE_INTEGER) ||
      (a.Arn ?? '').localeCompare(b.Arn ?? ''),
  )[0];
};
