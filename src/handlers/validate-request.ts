/**
 * ValidateRequest: schema validation of the execution input, then preflight reads (EC2, ACM PCA, Secrets Manager),
 * among them the VPC's CIDR blocks and the connector's security group rules (TCP 443 from the VPC).
 * Creates nothing. Every violation is reported at once in one InvalidRequestError; access and throttling errors of
 * the reads propagate with their AWS names (see src/workflow/catalog.ts).
 */
import type { ACMPCAClient} from '@aws-sdk/client-acm-pca';
import { DescribeCertificateAuthorityCommand } from '@aws-sdk/client-acm-pca';
import type { EC2Client, Vpc } from '@aws-sdk/client-ec2';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { ProvisioningRequest, ValidateRequestInput, ValidationResult } from '../contract.ts';
import { InvalidRequestError } from '../domain/errors.ts';
import { acmPca, ec2, secretsManager } from '../aws/clients.ts';
import type { PreflightFacts, SecurityGroupFact, SubnetFact, VpcCidrs } from '../domain/preflight.ts';
import { preflightViolations } from '../domain/preflight.ts';
import { timeoutsOf, validateRequest } from '../domain/validate.ts';
import { namesGroups } from '../domain/groups.ts';
import { requestWarnings } from '../domain/warnings.ts';
import { validationScope } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface ValidateRequestDeps {
  ec2: EC2Client;
  acmPca: ACMPCAClient;
  secretsManager: SecretsManagerClient;
}

const defaultDeps = (): ValidateRequestDeps => ({ ec2: ec2(), acmPca: acmPca(), secretsManager: secretsManager() });

const errorName = (error: unknown): string | undefined => (error instanceof Error ? error.name : undefined);

/** EC2 error codes (the SDK error `name`) meaning "that id does not exist". */
export const SUBNET_NOT_FOUND = 'InvalidSubnetID.NotFound';
export const GROUP_NOT_FOUND = ['InvalidGroup.NotFound', 'InvalidGroupId.NotFound'];
export const VPC_NOT_FOUND = 'InvalidVpcID.NotFound';
/** ACM PCA DescribeCertificateAuthority: the CA is not there (or the ARN is not one). */
export const CA_NOT_FOUND = ['ResourceNotFoundException', 'InvalidArnException'];
/** Secrets Manager GetSecretValue: no such secret, scheduled for deletion, or not decryptable by this role. */
export const SECRET_UNUSABLE = ['ResourceNotFoundException', 'InvalidRequestException', 'DecryptionFailure'];

/**
 * Describes ids in one call; when EC2 says one of them does not exist (it does not say which, reliably), describes
 * them one by one to find out. Returns what exists.
 */
const describeEach = async <T>(
  ids: string[],
  describe: (ids: string[]) => Promise<T[]>,
  notFound: readonly string[],
): Promise<{ found: T[]; vpcMissing: boolean }> => {
  // An empty id list would describe every subnet or group of the account.
  if (ids.length === 0) return { found: [], vpcMissing: false };
  try {
    return { found: await describe(ids), vpcMissing: false };
  } catch (error) {
    const name = errorName(error);
    if (name === VPC_NOT_FOUND) return { found: [], vpcMissing: true };
    if (!name || !notFound.includes(name)) throw error;
  }
  const found: T[] = [];
  let vpcMissing = false;
  for (const id of ids) {
    try {
      found.push(...(await describe([id])));
    } catch (error) {
      const name = errorName(error);
      if (name === VPC_NOT_FOUND) vpcMissing = true;
      else if (!name || !notFound.includes(name)) throw error;
    }
  }
  return { found, vpcMissing };
};

/** A VPC's associated CIDR blocks (its primary IPv4 block, its other associated IPv4 blocks, its IPv6 blocks). */
export const vpcCidrsOf = (vpc: Vpc): VpcCidrs => {
  const associated = (state: string | undefined): boolean => state === undefined || state === 'associated';
  const ipv4 = [
    ...(vpc.CidrBlock ? [vpc.CidrBlock] : []),
    ...(vpc.CidrBlockAssociationSet ?? []).flatMap((a) => (a.CidrBlock && associated(a.CidrBlockState?.State) ? [a.CidrBlock] : [])),
  ];
  const ipv6 = (vpc.Ipv6CidrBlockAssociationSet ?? []).flatMap((a) => (a.Ipv6CidrBlock && associated(a.Ipv6CidrBlockState?.State) ? [a.Ipv6CidrBlock] : []));
  return { ipv4: [...new Set(ipv4)], ipv6: [...new Set(ipv6)] };
};

export const gatherPreflightFacts = async (request: ProvisioningRequest, deps: ValidateRequestDeps): Promise<PreflightFacts> => {
  const subnets = describeEach<SubnetFact>(
    request.Directory.VpcSettings.SubnetIds,
    async (SubnetIds) => {
      const out = await deps.ec2.send(new DescribeSubnetsCommand({ SubnetIds }));
      return (out.Subnets ?? []).flatMap((s) =>
        s.SubnetId ? [{ SubnetId: s.SubnetId, VpcId: s.VpcId, AvailabilityZone: s.AvailabilityZone }] : [],
      );
    },
    [SUBNET_NOT_FOUND],
  );
  const connector = request.Connector;
  const groups = describeEach<SecurityGroupFact>(
    connector?.VpcInformation.SecurityGroupIds ?? [],
    async (GroupIds) => {
      const out = await deps.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds }));
      return (out.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [{ GroupId: g.GroupId, VpcId: g.VpcId, IpPermissions: g.IpPermissions ?? [] }] : []));
    },
    GROUP_NOT_FOUND,
  );
  const certificateAuthority = (async (): Promise<PreflightFacts['certificateAuthority']> => {
    if (!connector) return undefined;
    try {
      const out = await deps.acmPca.send(
        new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: connector.CertificateAuthorityArn }),
      );
      const subject = out.CertificateAuthority?.CertificateAuthorityConfiguration?.Subject;
      return { found: true, status: out.CertificateAuthority?.Status, ...(subject ? { hasCommonName: Boolean(subject.CommonName) } : {}) };
    } catch (error) {
      const name = errorName(error);
      if (name && CA_NOT_FOUND.includes(name)) return { found: false, reason: name };
      throw error;
    }
  })();
  const secret = (async (): Promise<PreflightFacts['secret']> => {
    try {
      const out = await deps.secretsManager.send(new GetSecretValueCommand({ SecretId: request.Directory.PasswordSecretId }));
      return { found: true, secretString: out.SecretString };
    } catch (error) {
      const name = errorName(error);
      if (name && SECRET_UNUSABLE.includes(name)) return { found: false, reason: name };
      throw error;
    }
  })();
  // DescribeSubnets/DescribeSecurityGroups by id never check the VPC: ask for it, so a VpcId that does not exist is
  // reported on Directory.VpcSettings.VpcId (otherwise it would only show as subnets "in another VPC"). Its CIDR
  // blocks are what the connector's security groups must let TCP 443 in from.
  const vpc = (async (): Promise<{ missing: boolean; cidrs?: VpcCidrs }> => {
    try {
      const out = await deps.ec2.send(new DescribeVpcsCommand({ VpcIds: [request.Directory.VpcSettings.VpcId] }));
      const found = out.Vpcs?.find((x) => x.VpcId === request.Directory.VpcSettings.VpcId);
      return found ? { missing: false, cidrs: vpcCidrsOf(found) } : { missing: false };
    } catch (error) {
      if (errorName(error) === VPC_NOT_FOUND) return { missing: true };
      throw error;
    }
  })();
  const [s, g, ca, sec, v] = await Promise.all([subnets, groups, certificateAuthority, secret, vpc]);
  return {
    subnets: s.found,
    securityGroups: g.found,
    vpcMissing: s.vpcMissing || g.vpcMissing || v.missing,
    ...(v.cidrs ? { vpcCidrs: v.cidrs } : {}),
    ...(ca ? { certificateAuthority: ca } : {}),
    secret: sec,
  };
};

export const validateRequestCore = async (
  input: ValidateRequestInput,
  deps: ValidateRequestDeps = defaultDeps(),
): Promise<ValidationResult> => {
  const request = typeof input === 'object' && input !== null ? (input as { Request?: unknown }).Request : undefined;
  const schema = validateRequest(request, validationScope());
  if (!schema.request) {
    logger.warn('Request rejected by schema validation', { violations: schema.violations });
    throw new InvalidRequestError(schema.violations);
  }
  const valid = schema.request;

  const facts = await gatherPreflightFacts(valid, deps);
  const violations = preflightViolations(valid, facts);
  if (violations.length > 0) {
    logger.warn('Request rejected by preflight checks', { violations });
    throw new InvalidRequestError(violations);
  }

  const timeouts = timeoutsOf(valid);
  const result: ValidationResult = {
    DirectoryType: valid.Directory.Type ?? 'SimpleAD',
    ConnectorRequested: valid.Connector !== undefined,
    GroupNamesRequested: namesGroups(valid.Connector?.Templates),
    Warnings: requestWarnings(valid, timeouts.directory),
    DirectoryTimeoutSeconds: timeouts.directory,
    ConnectorTimeoutSeconds: timeouts.connector,
  };
  logger.info('Request valid', { directoryType: result.DirectoryType, warnings: result.Warnings.length });
  return result;
};

export const handler = wrapHandler(validateRequestCore, 'ValidateRequest');
