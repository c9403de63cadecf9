/**
 * Preflight (pure part): what the Describe/Get reads of ValidateRequest found, turned into violations. The handler
 * gathers the facts; nothing here does I/O.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { ProvisioningRequest } from '../contract.ts';
import type { Violation } from './errors.ts';
import { checkPassword, extractPassword } from './password.ts';

/**
 * Why GetSecretValue could not read the password secret, by its error name, with the remedy: missing, not readable in
 * its state (scheduled for deletion), or not decryptable with its KMS key by this role.
 */
export const secretUnreadable = (errorName: string): string => {
  if (errorName === 'DecryptionFailure') {
    return 'the secret cannot be decrypted (DecryptionFailure): Secrets Manager could not decrypt it with its KMS key for this role; ' +
      'allow the role kms:Decrypt on that key (key policy or grant), or use a secret encrypted with a key it may use';
  }
  if (errorName === 'InvalidRequestException') {
    return 'the secret cannot be read in its current state (InvalidRequestException), e.g. it is scheduled for deletion; ' +
      'restore it (aws secretsmanager restore-secret) or name another secret';
  }
  return `secret not found (${errorName})`;
};

export interface SubnetFact {
  SubnetId: string;
  VpcId?: string | undefined;
  AvailabilityZone?: string | undefined;
}
/** One inbound permission of a security group, as EC2 DescribeSecurityGroups gives it. */
export interface IngressFact {
  IpProtocol?: string | undefined;
  FromPort?: number | undefined;
  ToPort?: number | undefined;
  IpRanges?: { CidrIp?: string | undefined }[] | undefined;
  Ipv6Ranges?: { CidrIpv6?: string | undefined }[] | undefined;
  UserIdGroupPairs?: { GroupId?: string | undefined }[] | undefined;
  PrefixListIds?: { PrefixListId?: string | undefined }[] | undefined;
}
export interface SecurityGroupFact {
  GroupId: string;
  VpcId?: string | undefined;
  /** Its inbound permissions (undefined: not known, not checked). */
  IpPermissions?: IngressFact[] | undefined;
}
/** The VPC's associated CIDR blocks. */
export interface VpcCidrs {
  ipv4: string[];
  ipv6: string[];
}

export interface PreflightFacts {
  /** Subnets that exist (others of the request are missing). */
  subnets: SubnetFact[];
  /** Security groups that exist. */
  securityGroups: SecurityGroupFact[];
  /** The VPC is known not to exist (EC2 InvalidVpcID.NotFound). */
  vpcMissing?: boolean;
  /** The VPC's CIDR blocks (undefined: not known, the 443 rule is not checked). */
  vpcCidrs?: VpcCidrs;
  /** Undefined when the request has no Connector (nothing to check). */
  certificateAuthority?:
    | { found: false; reason: string }
    /** hasCommonName: whether the CA's subject has a CommonName (undefined: not known). */
    | { found: true; status: string | undefined; hasCommonName?: boolean };
  /** `secretString` is the SecretString (undefined for a binary secret); it is checked, never copied into output. */
  secret: { found: false; reason: string } | { found: true; secretString: string | undefined };
}

/** The connector's endpoint port: clients reach Connector for AD over HTTPS. */
export const CONNECTOR_PORT = 443;

/** Whether CIDR `outer` contains CIDR `inner` (both of one family; a malformed one contains nothing). */
export const cidrCovers = (outer: string, inner: string): boolean => {
  const [outerNet = '', outerBits] = outer.split('/');
  const [innerNet = '', innerBits] = inner.split('/');
  const family = isIPv4(outerNet) && isIPv4(innerNet) ? 'ipv4' : isIPv6(outerNet) && isIPv6(innerNet) ? 'ipv6' : undefined;
  if (!family) return false;
  const full = family === 'ipv4' ? 32 : 128;
  const o = outerBits === undefined ? full : Number(outerBits);
  const i = innerBits === undefined ? full : Number(innerBits);
  if (!Number.isInteger(o) || !Number.isInteger(i) || o < 0 || o > full || i < 0 || i > full || o > i) return false;
  const list = new BlockList();
  list.addSubnet(outerNet, o, family);
  return list.check(innerNet, family);
};

/** A permission that lets TCP 443 in: all protocols (`-1`), or TCP with a port range covering 443. */
const lets443In = (p: IngressFact): boolean => {
  if (p.IpProtocol === '-1') return true;
  if (p.IpProtocol !== 'tcp' && p.IpProtocol !== '6') return false;
  return (p.FromPort ?? -1) <= CONNECTOR_PORT && CONNECTOR_PORT <= (p.ToPort ?? -1);
};

/**
 * Whether a security group allows inbound TCP 443 from the VPC ("Set up Connector for AD", step 7): a permission that
 * lets 443 in from a security group or a prefix list (their members are not resolved here: either counts), or from
 * CIDRs that cover each of the VPC's IPv4 blocks and, for a DUALSTACK connector, each of its IPv6 blocks.
 */
export const allowsConnectorTraffic = (group: SecurityGroupFact, cidrs: VpcCidrs, ipAddressType: string | undefined): boolean => {
  const open = (group.IpPermissions ?? []).filter(lets443In);
  if (open.some((p) => (p.UserIdGroupPairs ?? []).some((g) => g.GroupId) || (p.PrefixListIds ?? []).some((l) => l.PrefixListId))) return true;
  const v4 = open.flatMap((p) => (p.IpRanges ?? []).flatMap((r) => (r.CidrIp ? [r.CidrIp] : [])));
  const v6 = open.flatMap((p) => (p.Ipv6Ranges ?? []).flatMap((r) => (r.CidrIpv6 ? [r.CidrIpv6] : [])));
  const covered = (blocks: string[], ranges: string[]): boolean => blocks.every((b) => ranges.some((r) => cidrCovers(r, b)));
  return covered(cidrs.ipv4, v4) && (ipAddressType !== 'DUALSTACK' || covered(cidrs.ipv6, v6));
};

export const preflightViolations = (request: ProvisioningRequest, facts: PreflightFacts): Violation[] => {
  const v: Violation[] = [];
  const vpcId = request.Directory.VpcSettings.VpcId;

  if (facts.vpcMissing) v.push({ path: 'Directory.VpcSettings.VpcId', message: `VPC ${vpcId} does not exist` });

  const zones = new Map<string, number>();
  request.Directory.VpcSettings.SubnetIds.forEach((id, i) => {
    const path = `Directory.VpcSettings.SubnetIds[${i}]`;
    const subnet = facts.subnets.find((s) => s.SubnetId === id);
    if (!subnet) {
      v.push({ path, message: `subnet ${id} does not exist` });
      return;
    }
    if (subnet.VpcId !== vpcId) {
      v.push({ path, message: `subnet ${id} is in ${subnet.VpcId ?? 'an unknown VPC'}, not in ${vpcId}` });
      return;
    }
    const az = subnet.AvailabilityZone;
    if (az === undefined) return;
    const first = zones.get(az);
    if (first !== undefined) {
      v.push({
        path,
        message: `subnet ${id} is in ${az}, like Directory.VpcSettings.SubnetIds[${first}]: Directory Service needs two different Availability Zones`,
      });
    } else {
      zones.set(az, i);
    }
  });

  const ipAddressType = request.Connector?.VpcInformation.IpAddressType;
  (request.Connector?.VpcInformation.SecurityGroupIds ?? []).forEach((id, i) => {
    const path = `Connector.VpcInformation.SecurityGroupIds[${i}]`;
    const sg = facts.securityGroups.find((g) => g.GroupId === id);
    if (!sg) v.push({ path, message: `security group ${id} does not exist` });
    else if (sg.VpcId !== vpcId) {
      v.push({ path, message: `security group ${id} is in ${sg.VpcId ?? 'an unknown VPC'}, not in the directory's VPC ${vpcId}` });
    } else if (facts.vpcCidrs && sg.IpPermissions && !allowsConnectorTraffic(sg, facts.vpcCidrs, ipAddressType)) {
      const blocks = [...facts.vpcCidrs.ipv4, ...(ipAddressType === 'DUALSTACK' ? facts.vpcCidrs.ipv6 : [])].join(', ');
      v.push({
        path,
        message: `security group ${id} does not allow inbound TCP ${CONNECTOR_PORT} from the VPC (${blocks}): Connector for AD needs a rule for TCP ${CONNECTOR_PORT} (or all traffic) from the VPC's CIDR or from a security group`,
      });
    }
  });

  const ca = facts.certificateAuthority;
  if (!request.Connector || !ca) {
    // no connector requested: no CA to check
  } else if (!ca.found) {
    v.push({ path: 'Connector.CertificateAuthorityArn', message: `certificate authority not found (${ca.reason})` });
  } else {
    if (ca.status !== 'ACTIVE') {
      v.push({
        path: 'Connector.CertificateAuthorityArn',
        message: `certificate authority status is ${ca.status ?? 'unknown'}; it must be ACTIVE`,
      });
    }
    if (ca.hasCommonName === false) {
      v.push({
        path: 'Connector.CertificateAuthorityArn',
        message:
          "the certificate authority's subject has no common name (INVALID_CA_SUBJECT): Connector for AD refuses such a CA; use a CA whose subject includes a CN",
      });
    }
  }

  const secret = facts.secret;
  const secretPath = 'Directory.PasswordSecretId';
  if (!secret.found) {
    v.push({ path: secretPath, message: secretUnreadable(secret.reason) });
  } else {
    const extracted = extractPassword(secret.secretString);
    if (!extracted.ok) {
      v.push({ path: secretPath, message: extracted.message });
    } else {
      const check = checkPassword(extracted.password);
      if (!check.ok) v.push({ path: secretPath, message: `the secret's password breaks the ${check.failed} rule: ${check.message}` });
    }
  }
  return v;
};
