/**
 * EC2 (the `ec2` query protocol): form-encoded POST in, XML out. Handlers receive the flat form parameters and
 * return an object tree; the server renders it (arrays become `<item>` lists).
 */
import { ApiError } from '../core/api-error.ts';
import type { Json, ServiceDef } from '../core/service.ts';

/** Values of `Prefix.1`, `Prefix.2`, ... */
function members(input: Json, prefix: string): string[] {
  return Object.keys(input)
    .filter((k) => new RegExp(`^${prefix}\\.\\d+$`).test(k))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()))
    .map((k) => String(input[k]));
}

/** `Filter.N.Name` / `Filter.N.Value.M` -> name -> values. */
function filters(input: Json): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const k of Object.keys(input)) {
    const m = /^Filter\.(\d+)\.Name$/.exec(k);
    if (m) out.set(String(input[k]), members(input, `Filter\\.${m[1]}\\.Value`));
  }
  return out;
}

function select<T>(items: T[], input: Json, idParam: string, idOf: (t: T) => string, filterMap: Record<string, (t: T) => string>, err: { malformed: string; notFound: string; noun: string; re: RegExp }): T[] {
  const ids = members(input, idParam);
  for (const id of ids) if (!err.re.test(id)) throw new ApiError(err.malformed, `Invalid id: "${id}"`);
  const missing = ids.filter((id) => !items.some((t) => idOf(t) === id));
  if (missing.length) throw new ApiError(err.notFound, `The ${err.noun} '${missing.join("', '")}' does not exist`);
  let out = ids.length ? items.filter((t) => ids.includes(idOf(t))) : items;
  for (const [name, values] of filters(input)) {
    const get = filterMap[name];
    if (!get) throw new ApiError('InvalidParameterValue', `The filter '${name}' is invalid`);
    out = out.filter((t) => values.includes(get(t)));
  }
  return out;
}

/**
 * EC2 models no errors: the codes of the EC2 API reference ("Error codes for the Amazon EC2 API") that the three
 * Describe calls can answer — the common client and server errors and the ids' Malformed / NotFound codes.
 */
const EC2_ERRORS = [
  'AuthFailure', 'Blocked', 'DryRunOperation', 'IncompleteSignature', 'InternalError', 'InvalidAction', 'InvalidClientTokenId',
  'InvalidGroup.NotFound', 'InvalidGroupId.Malformed', 'InvalidPaginationToken', 'InvalidParameter', 'InvalidParameterCombination',
  'InvalidParameterValue', 'InvalidSubnetID.Malformed', 'InvalidSubnetID.NotFound', 'InvalidVpcID.Malformed', 'InvalidVpcID.NotFound',
  'MissingParameter', 'OptInRequired', 'RequestExpired', 'RequestLimitExceeded', 'ServiceUnavailable', 'UnauthorizedOperation',
  'Unavailable', 'UnknownParameter', 'UnsupportedOperation',
];

export const ec2: ServiceDef = {
  name: 'EC2',
  signingName: 'ec2',
  errorNames: () => EC2_ERRORS,
  endpointVariable: 'AWS_ENDPOINT_URL_EC2',
  protocol: 'ec2',
  ops: {
    DescribeVpcs(input, ctx) {
      const vpcs = select(ctx.seed.vpcs, input, 'VpcId', (v) => v.VpcId, { 'vpc-id': (v) => v.VpcId, 'cidr': (v) => v.CidrBlock }, {
        malformed: 'InvalidVpcID.Malformed', notFound: 'InvalidVpcID.NotFound', noun: 'vpc ID', re: /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/,
      });
      return {
        vpcSet: vpcs.map((v) => ({
          vpcId: v.VpcId,
          state: 'available',
          cidrBlock: v.CidrBlock,
          cidrBlockAssociationSet: [{ associationId: `vpc-cidr-assoc-${v.VpcId.slice(4)}`, cidrBlock: v.CidrBlock, cidrBlockState: { state: 'associated' } }],
          ...(v.Ipv6CidrBlock
            ? { ipv6CidrBlockAssociationSet: [{ associationId: `vpc-cidr-assoc-6${v.VpcId.slice(5)}`, ipv6CidrBlock: v.Ipv6CidrBlock, ipv6CidrBlockState: { state: 'associated' } }] }
            : {}),
          ownerId: ctx.seed.accountId,
          isDefault: false,
          instanceTenancy: 'default',
        })),
      };
    },
    DescribeSubnets(input, ctx) {
      const subnets = select(ctx.seed.subnets, input, 'SubnetId', (s) => s.SubnetId, {
        'subnet-id': (s) => s.SubnetId, 'vpc-id': (s) => s.VpcId, 'availability-zone': (s) => s.AvailabilityZone,
      }, { malformed: 'InvalidSubnetID.Malformed', notFound: 'InvalidSubnetID.NotFound', noun: 'subnet ID', re: /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/ });
      return {
        subnetSet: subnets.map((s) => ({
          subnetId: s.SubnetId,
          subnetArn: `arn:aws:ec2:${ctx.seed.region}:${ctx.seed.accountId}:subnet/${s.SubnetId}`,
          state: 'available',
          vpcId: s.VpcId,
          cidrBlock: s.CidrBlock,
          availabilityZone: s.AvailabilityZone,
          availabilityZoneId: `use1-az${(s.AvailabilityZone.charCodeAt(s.AvailabilityZone.length - 1) - 96).toString()}`,
          availableIpAddressCount: 250,
          defaultForAz: false,
          mapPublicIpOnLaunch: false,
          ownerId: ctx.seed.accountId,
        })),
      };
    },
    DescribeSecurityGroups(input, ctx) {
      const groups = select(ctx.seed.securityGroups, input, 'GroupId', (g) => g.GroupId, {
        'group-id': (g) => g.GroupId, 'vpc-id': (g) => g.VpcId, 'group-name': (g) => g.GroupName,
      }, { malformed: 'InvalidGroupId.Malformed', notFound: 'InvalidGroup.NotFound', noun: 'security group', re: /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/ });
      return {
        securityGroupInfo: groups.map((g) => ({
          ownerId: ctx.seed.accountId,
          groupId: g.GroupId,
          groupName: g.GroupName,
          groupDescription: g.GroupName,
          vpcId: g.VpcId,
          securityGroupArn: `arn:aws:ec2:${ctx.seed.region}:${ctx.seed.accountId}:security-group/${g.GroupId}`,
          // One permission per seeded rule (EC2 merges rules of one protocol and port range; either reads the same).
          ipPermissions: (g.IngressRules ?? []).map((r) => ({
            ipProtocol: r.IpProtocol,
            ...(r.IpProtocol === '-1' ? {} : { fromPort: r.FromPort, toPort: r.ToPort }),
            groups: r.ReferencedGroupId ? [{ groupId: r.ReferencedGroupId, userId: ctx.seed.accountId }] : [],
            ipRanges: r.CidrIpv4 ? [{ cidrIp: r.CidrIpv4 }] : [],
            ipv6Ranges: r.CidrIpv6 ? [{ cidrIpv6: r.CidrIpv6 }] : [],
            prefixListIds: r.PrefixListId ? [{ prefixListId: r.PrefixListId }] : [],
          })),
          ipPermissionsEgress: [{ ipProtocol: '-1', groups: [], ipRanges: [{ cidrIp: '0.0.0.0/0' }], ipv6Ranges: [], prefixListIds: [] }],
        })),
      };
    },
  },
};
