/**
 * Preflight (pure part): what the Describe/Get reads of ValidateRequest found, turned into violations. The handler
 * gathers the facts; nothing here does I/O.
 */
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
export interface SecurityGroupFact {
  GroupId: string;
  VpcId?: string | undefined;
}

export interface PreflightFacts {
  /** Subnets that exist (others of the request are missing). */
  subnets: SubnetFact[];
  /** Security groups that exist. */
  securityGroups: SecurityGroupFact[];
  /** The VPC is known not to exist (EC2 InvalidVpcID.NotFound). */
  vpcMissing?: boolean;
  /** Undefined when the request has no Connector (nothing to check). */
  certificateAuthority?:
    | { found: false; reason: string }
    /** hasCommonName: whether the CA's subject has a CommonName (undefined: not known). */
    | { found: true; status: string | undefined; hasCommonName?: boolean };
  /** `secretString` is the SecretString (undefined for a binary secret); it is checked, never copied into output. */
  secret: { found: false; reason: string } | { found: true; secretString: string | undefined };
}

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

  (request.Connector?.VpcInformation.SecurityGroupIds ?? []).forEach((id, i) => {
    const path = `Connector.VpcInformation.SecurityGroupIds[${i}]`;
    const sg = facts.securityGroups.find((g) => g.GroupId === id);
    if (!sg) v.push({ path, message: `security group ${id} does not exist` });
    else if (sg.VpcId !== vpcId) {
      v.push({ path, message: `security group ${id} is in ${sg.VpcId ?? 'an unknown VPC'}, not in the directory's VPC ${vpcId}` });
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
