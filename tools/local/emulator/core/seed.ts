import { FileProblem, readTextFile } from '../../../files.ts';

/** The seed: the pre-existing AWS resources the emulator starts from (read-only, except secrets created through the API). */
export interface Seed {
  region: string;
  accountId: string;
  vpcs: { VpcId: string; CidrBlock: string; Ipv6CidrBlock?: string }[];
  subnets: { SubnetId: string; VpcId: string; AvailabilityZone: string; CidrBlock: string }[];
  /** IngressRules: the group's inbound rules (none when absent), one source each, as EC2 security group rules. */
  securityGroups: { GroupId: string; VpcId: string; GroupName: string; IngressRules?: IngressRule[] }[];
  /** Subject: `CN=…,O=…` (default: a CN and an O); a subject without CN makes a CA Connector for AD refuses. */
  certificateAuthorities: { Arn: string; Status: string; Subject?: string }[];
  secrets: { Name: string; Arn?: string; SecretString: string }[];
  /** Directories per type (SimpleAD, MicrosoftAD); default 10. */
  directoryLimit?: number;
  /** Connectors per account and region; default 10. */
  connectorLimit?: number;
}

/** One inbound rule: a protocol (`tcp`, `udp`, `icmp` or `-1` for all), its ports (not for `-1`), and one source. */
export interface IngressRule {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  CidrIpv4?: string;
  CidrIpv6?: string;
  ReferencedGroupId?: string;
  PrefixListId?: string;
}
const RULE_SOURCES = ['CidrIpv4', 'CidrIpv6', 'ReferencedGroupId', 'PrefixListId'] as const;

/** The problems of one security group's IngressRules (`at` names the group in the seed). */
function ingressProblems(rules: unknown, at: string): string[] {
  if (rules === undefined) return [];
  if (!Array.isArray(rules)) return [`${at}.IngressRules must be an array`];
  return rules.flatMap((rule: unknown, i) => {
    const where = `${at}.IngressRules[${i}]`;
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return [`${where} must be an object`];
    const r = rule as Record<string, unknown>;
    const problems: string[] = [];
    if (typeof r['IpProtocol'] !== 'string' || r['IpProtocol'] === '') problems.push(`${where}.IpProtocol must be a non-empty string`);
    for (const port of ['FromPort', 'ToPort']) {
      const v = r[port];
      if (r['IpProtocol'] !== '-1' && !(Number.isInteger(v) && (v as number) >= -1 && (v as number) <= 65535)) problems.push(`${where}.${port} must be a port number`);
    }
    const sources = RULE_SOURCES.filter((k) => r[k] !== undefined);
    if (sources.length !== 1 || sources.some((k) => typeof r[k] !== 'string' || r[k] === '')) {
      problems.push(`${where} must have exactly one source: ${RULE_SOURCES.join(', ')} (a non-empty string)`);
    }
    return problems;
  });
}

type Fields = Record<string, 'string' | 'string?'>;
const ITEM_FIELDS: Record<string, Fields> = {
  vpcs: { VpcId: 'string', CidrBlock: 'string', Ipv6CidrBlock: 'string?' },
  subnets: { SubnetId: 'string', VpcId: 'string', AvailabilityZone: 'string', CidrBlock: 'string' },
  securityGroups: { GroupId: 'string', VpcId: 'string', GroupName: 'string' },
  certificateAuthorities: { Arn: 'string', Status: 'string', Subject: 'string?' },
  secrets: { Name: 'string', Arn: 'string?', SecretString: 'string' },
};

/** Checks a parsed seed document; returns it typed or throws one Error listing every problem. */
export function validateSeed(value: unknown, source = 'seed'): Seed {
  const problems: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(value)) throw new Error(`Invalid ${source}: expected a JSON object`);
  if (typeof value.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(value.region)) problems.push('region must be a region name like "us-east-1"');
  if (typeof value.accountId !== 'string' || !/^\d{12}$/.test(value.accountId)) problems.push('accountId must be 12 digits');
  for (const [list, fields] of Object.entries(ITEM_FIELDS)) {
    const items = value[list];
    if (!Array.isArray(items)) {
      problems.push(`${list} must be an array`);
      continue;
    }
    items.forEach((item: unknown, i) => {
      if (!isObj(item)) return problems.push(`${list}[${i}] must be an object`);
      for (const [field, kind] of Object.entries(fields)) {
        const v = item[field];
        if (v === undefined && kind === 'string?') continue;
        if (typeof v !== 'string' || v === '') problems.push(`${list}[${i}].${field} must be a non-empty string`);
      }
    });
  }
  if (Array.isArray(value.securityGroups)) {
    value.securityGroups.forEach((g: unknown, i) => {
      if (isObj(g)) problems.push(...ingressProblems(g['IngressRules'], `securityGroups[${i}]`));
    });
  }
  for (const limit of ['directoryLimit', 'connectorLimit']) {
    const v = value[limit];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0)) problems.push(`${limit} must be an integer >= 0`);
  }
  if (problems.length) throw new Error(`Invalid ${source}: ${problems.join('; ')}`);
  return value as unknown as Seed;
}

export function loadSeed(path: string): Seed {
  let text: string;
  try {
    text = readTextFile(path);
  } catch (e) {
    throw new Error(`Cannot read seed file ${path}: ${e instanceof FileProblem ? e.reason : (e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new Error(`Seed file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return validateSeed(parsed, `seed file ${path}`);
}

/** tools/local/seeds/default.json: what the local world starts from unless told otherwise. */
export const DEFAULT_SEED_PATH = new URL('../../seeds/default.json', import.meta.url).pathname;
