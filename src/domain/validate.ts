/**
 * Schema validation of the execution input (contract v1) against every documented constraint of the two seed APIs
 * (Directory Service CreateDirectory / CreateMicrosoftAD, PCA Connector AD CreateConnector) and the service models.
 *
 * Pure: no I/O, never throws on any JSON-ish input, returns ALL violations with field paths. Messages never contain
 * a secret (the admin password is never accepted here) and never echo values longer than 64 characters.
 *
 * Where this is stricter than the service model, the reason is written next to the rule.
 */
import type {
  ConnectorRequest,
  DirectoryEdition,
  DirectoryRequest,
  DirectorySize,
  DirectoryTag,
  DirectoryType,
  ProvisioningOptions,
  ProvisioningRequest,
} from '../contract.ts';
import type { Violation } from './errors.ts';
import { quote } from '../lib/printable.ts';
import { SIMPLE_KEY } from './field-path.ts';
import { PASSWORD_KEY } from './password.ts';
import { DEFAULT_PASSWORD_SECRET_PREFIX, secretScopeProblem } from './secret-scope.ts';

/* ---------------- documented constraints ---------------- */

export const DIRECTORY_TYPES: readonly DirectoryType[] = ['SimpleAD', 'MicrosoftAD'];
export const DIRECTORY_SIZES: readonly DirectorySize[] = ['Small', 'Large'];
export const DIRECTORY_EDITIONS: readonly DirectoryEdition[] = ['Standard', 'Enterprise'];
export const IP_ADDRESS_TYPES = ['IPV4', 'DUALSTACK'] as const;

/**
 * DS `DirectoryName`: `^([a-zA-Z0-9]+[\\.-])+([a-zA-Z0-9])+$`. In the model's Java regex `[\\.-]` also admits a
 * backslash; a DNS name cannot contain one, so the separator here is `.` or `-` only. The model has no length
 * limit; DNS has (255 per name, 63 per label).
 */
export const DIRECTORY_NAME_PATTERN = /^([a-zA-Z0-9]+[.-])+([a-zA-Z0-9])+$/;
export const DIRECTORY_NAME_MAX = 255;
export const DNS_LABEL_MAX = 63;
/** DS `DirectoryShortName`: `^[^\\/:*?"<>|.]+[^\\/:*?"<>|]*$`. No length in the model; a NetBIOS name is 1–15. */
export const SHORT_NAME_PATTERN = /^[^\\/:*?"<>|.]+[^\\/:*?"<>|]*$/;
export const SHORT_NAME_MAX = 15;
/** DS `Description`: 0–128, `^([a-zA-Z0-9_])[\\a-zA-Z0-9_@#%*+=:?./!\s-]*$` (Java `\s` = [ \t\n\x0B\f\r]). */
// eslint-disable-next-line no-control-regex -- Java `\s` includes \x0B (vertical tab)
export const DESCRIPTION_PATTERN = /^([a-zA-Z0-9_])[\\a-zA-Z0-9_@#%*+=:?./! \t\n\x0B\f\r-]*$/;
export const DESCRIPTION_MAX = 128;
/** Secrets Manager `SecretId`: 1–2048 (a name or an ARN). */
export const SECRET_ID_MAX = 2048;
/**
 * Characters of a secret name or (partial) ARN: ASCII letters, digits and `/_+=.@-`, plus `:` for ARNs. Enforced
 * so that a password pasted into this field by mistake is rejected, and its value is never echoed.
 */
export const SECRET_ID_PATTERN = /^[A-Za-z0-9/_+=.@:-]+$/;
/** DS `VpcId`, `SubnetId`; PCA Connector AD `SecurityGroupId` (11–20). */
export const VPC_ID_PATTERN = /^(vpc-[0-9a-f]{8}|vpc-[0-9a-f]{17})$/;
export const SUBNET_ID_PATTERN = /^(subnet-[0-9a-f]{8}|subnet-[0-9a-f]{17})$/;
export const SECURITY_GROUP_ID_PATTERN = /^(sg-[0-9a-f]{8}|sg-[0-9a-f]{17})$/;
/** Directory Service needs exactly two subnets, in two different Availability Zones. */
export const SUBNET_COUNT = 2;
export const SECURITY_GROUPS_MIN = 1;
export const SECURITY_GROUPS_MAX = 4;
/**
 * PCA Connector AD `CertificateAuthorityArn`: 5–200,
 * `^arn:[\w-]+:acm-pca:[\w-]+:[0-9]+:certificate-authority\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$`;
 * the account is required to be 12 digits (every AWS account id is).
 */
export const CA_ARN_PATTERN =
  /^arn:[\w-]+:acm-pca:[\w-]+:[0-9]{12}:certificate-authority\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/;
export const CA_ARN_MIN = 5;
export const CA_ARN_MAX = 200;
/**
 * Tags. DS `TagKey` 1–128 / `TagValue` 0–256, both `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`, at most 50 per directory,
 * `aws:` reserved. The PCA Connector AD model gives its `Tags` map no limits; the general AWS tagging rules are
 * the same, so the same rules apply to both. This tool adds two tags of its own (managed-by, execution), so a
 * request may carry at most 48, and the `ad-cert-orchestrator:` prefix is reserved.
 */
export const TAG_PATTERN = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;
export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 256;
export const AWS_TAG_LIMIT = 50;
export const OWN_TAG_COUNT = 2;
export const USER_TAG_LIMIT = AWS_TAG_LIMIT - OWN_TAG_COUNT;
export const RESERVED_TAG_PREFIX = 'ad-cert-orchestrator:';
/** Options, in minutes. */
export const DIRECTORY_TIMEOUT_MINUTES = { min: 10, max: 180, default: 60 } as const;
export const CONNECTOR_TIMEOUT_MINUTES = { min: 5, max: 120, default: 30 } as const;

/** Bounds on the work and the report size for hostile inputs. */
const MAX_ITEMS_CHECKED = 50;
const MAX_VIOLATIONS = 60;
const MAX_ECHO = 64;

/* ---------------- helpers ---------------- */

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/; // eslint-disable-line no-control-regex

type Json = Record<string, unknown>;

/** What a value is, for messages (never the value itself). */
export const kindOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;

/** A value for a message: short printable strings are quoted, anything else is described by its length. */
export const show = (value: string): string =>
  value.length <= MAX_ECHO && !CONTROL_CHARS.test(value) ? quote(value) : `a ${value.length}-character value`;

/** A map key or unknown field name inside a path: safe, bounded, printable. */
const keyPath = (path: string, key: string): string => {
  if (SIMPLE_KEY.test(key)) return path ? `${path}.${key}` : key;
  const shown = key.length > MAX_ECHO ? `${key.slice(0, MAX_ECHO)}…` : key;
  return `${path}[${quote(shown)}]`;
};

const own = (obj: Json, key: string): unknown => (Object.hasOwn(obj, key) ? obj[key] : undefined);
const has = (obj: Json, key: string): boolean => Object.hasOwn(obj, key) && obj[key] !== undefined;

const isPlainObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

class Collector {
  readonly violations: Violation[] = [];
  private dropped = 0;

  add(path: string, message: string): void {
    if (this.violations.length < MAX_VIOLATIONS) this.violations.push({ path, message });
    else this.dropped += 1;
  }

  result(): Violation[] {
    if (this.dropped === 0) return this.violations;
    return [...this.violations, { path: '(request)', message: `${this.dropped} more violation(s) not listed` }];
  }

  /** Checks an object's type, unknown fields and required fields; returns it when it is an object. */
  object(value: unknown, path: string, allowed: readonly string[], required: readonly string[]): Json | undefined {
    if (!isPlainObject(value)) {
      this.add(path || '(request)', `must be an object (got ${kindOf(value)})`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      if (PASSWORD_KEY.test(key)) {
        this.add(
          keyPath(path, key),
          'a password must never be part of the request (it would be stored in the execution history); put it in ' +
            'AWS Secrets Manager and pass the secret id or ARN as Directory.PasswordSecretId. The value was not logged',
        );
      } else {
        this.add(keyPath(path, key), `unknown field (allowed: ${allowed.join(', ')})`);
      }
    }
    for (const key of required) {
      if (!has(value, key)) this.add(keyPath(path, key), 'is required');
    }
    return value;
  }

  /** Checks a string: type, length, control characters, pattern. Returns it when every check passed. */
  string(
    value: unknown,
    path: string,
    rules: {
      min?: number;
      max: number;
      pattern?: RegExp;
      patternText?: string;
      /** '' is allowed although the pattern needs a character (min 0 in the model). */
      emptyOk?: boolean;
      controlChars?: boolean;
      echo?: boolean;
    },
  ): string | undefined {
    if (typeof value !== 'string') {
      this.add(path, `must be a string (got ${kindOf(value)})`);
      return undefined;
    }
    const echo = rules.echo === false ? '' : ` (got ${show(value)})`;
    const min = rules.min ?? 0;
    if (value.length < min || value.length > rules.max) {
      const range = min === 0 ? `at most ${rules.max}` : `${min}-${rules.max}`;
      this.add(path, `must be ${range} characters long (it has ${value.length})`);
      return undefined;
    }
    if (!rules.controlChars && CONTROL_CHARS.test(value)) {
      this.add(path, 'must not contain control characters');
      return undefined;
    }
    if (rules.pattern && !(rules.emptyOk && value === '') && !rules.pattern.test(value)) {
      this.add(path, `must match ${rules.patternText ?? String(rules.pattern)}${echo}`);
      return undefined;
    }
    return value;
  }

  enumeration<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    const got = typeof value === 'string' ? show(value) : kindOf(value);
    this.add(path, `must be one of ${allowed.join(' | ')} (got ${got})`);
    return undefined;
  }

  /** An array with a count range; returns the (bounded) items to check when it is an array. */
  array(value: unknown, path: string, min: number, max: number, what: string): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.add(path, `must be an array (got ${kindOf(value)})`);
      return undefined;
    }
    if (value.length < min || value.length > max) {
      const range = min === max ? `exactly ${min}` : min === 0 ? `at most ${max}` : `${min}-${max}`;
      this.add(path, `must contain ${range} ${what} (it has ${value.length})`);
    }
    return value.slice(0, MAX_ITEMS_CHECKED);
  }

  integer(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(path, `must be an integer (got ${typeof value === 'number' ? String(value) : kindOf(value)})`);
      return undefined;
    }
    if (value < min || value > max) {
      this.add(path, `must be between ${min} and ${max} (got ${value})`);
      return undefined;
    }
    return value;
  }

  /** Strings of one id pattern, no duplicates. */
  distinctIds(items: unknown[], path: string, pattern: RegExp, patternText: string): void {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const itemPath = `${path}[${i}]`;
      const id = this.string(item, itemPath, { min: 1, max: 64, pattern, patternText });
      if (id === undefined) return;
      const first = seen.get(id);
      if (first !== undefined) this.add(itemPath, `duplicates ${path}[${first}] (${show(id)})`);
      else seen.set(id, i);
    });
  }

  tagKey(key: unknown, path: string): string | undefined {
    const checked = this.string(key, path, {
      min: 1,
      max: TAG_KEY_MAX,
      pattern: TAG_PATTERN,
      patternText: 'the tag character set (letters, digits, spaces and _.:/=+-@)',
    });
    if (checked === undefined) return undefined;
    if (checked.toLowerCase().startsWith('aws:')) {
      this.add(path, `tag keys must not start with "aws:" (reserved by AWS; got ${show(checked)})`);
      return undefined;
    }
    if (checked.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
      this.add(path, `tag keys must not start with "${RESERVED_TAG_PREFIX}" (this tool sets those itself)`);
      return undefined;
    }
    return checked;
  }

  tagValue(value: unknown, path: string): string | undefined {
    return this.string(value, path, {
      max: TAG_VALUE_MAX,
      pattern: TAG_PATTERN,
      patternText: 'the tag character set (letters, digits, spaces and _.:/=+-@)',
    });
  }
}

/* ---------------- the request ---------------- */

export interface ValidationOutcome {
  violations: Violation[];
  /** The request, typed, when there are no violations (Directory.Type defaulted to SimpleAD). */
  request?: ProvisioningRequest;
}

const TOP_FIELDS = ['Directory', 'Connector', 'Options'] as const;
const DIRECTORY_FIELDS = [
  'Type', 'Name', 'ShortName', 'Description', 'Size', 'Edition', 'PasswordSecretId', 'VpcSettings', 'Tags',
] as const;
const VPC_SETTINGS_FIELDS = ['VpcId', 'SubnetIds'] as const;
const CONNECTOR_FIELDS = ['CertificateAuthorityArn', 'VpcInformation', 'Tags'] as const;
const VPC_INFORMATION_FIELDS = ['IpAddressType', 'SecurityGroupIds'] as const;
const TAG_FIELDS = ['Key', 'Value'] as const;
const OPTIONS_FIELDS = ['DirectoryTimeoutMinutes', 'ConnectorTimeoutMinutes'] as const;

const checkDirectory = (c: Collector, value: unknown, scope: ValidationScope): void => {
  const d = c.object(value, 'Directory', DIRECTORY_FIELDS, ['Name', 'PasswordSecretId', 'VpcSettings']);
  if (!d) return;

  let type: DirectoryType | undefined = 'SimpleAD';
  if (has(d, 'Type')) type = c.enumeration(own(d, 'Type'), 'Directory.Type', DIRECTORY_TYPES);

  if (has(d, 'Name')) {
    const name = c.string(own(d, 'Name'), 'Directory.Name', {
      min: 1,
      max: DIRECTORY_NAME_MAX,
      pattern: DIRECTORY_NAME_PATTERN,
      patternText: 'a fully qualified domain name such as corp.example.com (letters and digits, separated by . or -)',
    });
    if (name !== undefined) {
      const long = name.split(/[.]/).find((label) => label.length > DNS_LABEL_MAX);
      if (long) c.add('Directory.Name', `each DNS label must be at most ${DNS_LABEL_MAX} characters`);
    }
  }
  if (has(d, 'ShortName')) {
    c.string(own(d, 'ShortName'), 'Directory.ShortName', {
      min: 1,
      max: SHORT_NAME_MAX,
      pattern: SHORT_NAME_PATTERN,
      patternText: 'a NetBIOS name: no \\ / : * ? " < > | and not starting with "."',
    });
  }
  if (has(d, 'Description')) {
    c.string(own(d, 'Description'), 'Directory.Description', {
      max: DESCRIPTION_MAX,
      pattern: DESCRIPTION_PATTERN,
      patternText: 'the Directory Service description pattern (starts with a letter, digit or _, then letters, digits, spaces and _@#%*+=:?./!\\-)',
      controlChars: true, // the pattern itself admits \t \n \x0B \f \r and rejects the others
      emptyOk: true, // min 0 in the model; an empty description is simply not sent
    });
  }

  if (has(d, 'Size')) c.enumeration(own(d, 'Size'), 'Directory.Size', DIRECTORY_SIZES);
  if (has(d, 'Edition')) c.enumeration(own(d, 'Edition'), 'Directory.Edition', DIRECTORY_EDITIONS);
  if (type === 'SimpleAD') {
    if (!has(d, 'Size')) c.add('Directory.Size', 'is required for Directory.Type SimpleAD (Small | Large)');
    if (has(d, 'Edition')) c.add('Directory.Edition', 'applies to Directory.Type MicrosoftAD only (Simple AD uses Size)');
  } else if (type === 'MicrosoftAD') {
    if (has(d, 'Size')) c.add('Directory.Size', 'applies to Directory.Type SimpleAD only (Managed Microsoft AD uses Edition)');
  }

  if (has(d, 'PasswordSecretId')) {
    const secretId = c.string(own(d, 'PasswordSecretId'), 'Directory.PasswordSecretId', {
      min: 1,
      max: SECRET_ID_MAX,
      pattern: SECRET_ID_PATTERN,
      patternText: 'a Secrets Manager secret name or ARN (letters, digits and /_+=.@-:), never the password itself',
      echo: false, // if a password was pasted here, do not repeat it
    });
    const outOfScope = secretId === undefined ? undefined : secretScopeProblem(secretId, scope.passwordSecretPrefix);
    if (outOfScope) c.add('Directory.PasswordSecretId', outOfScope);
  }

  if (has(d, 'VpcSettings')) {
    const vpc = c.object(own(d, 'VpcSettings'), 'Directory.VpcSettings', VPC_SETTINGS_FIELDS, VPC_SETTINGS_FIELDS);
    if (vpc) {
      if (has(vpc, 'VpcId')) {
        c.string(own(vpc, 'VpcId'), 'Directory.VpcSettings.VpcId', {
          min: 1, max: 64, pattern: VPC_ID_PATTERN, patternText: 'vpc- followed by 8 or 17 hex digits',
        });
      }
      if (has(vpc, 'SubnetIds')) {
        const path = 'Directory.VpcSettings.SubnetIds';
        const items = c.array(own(vpc, 'SubnetIds'), path, SUBNET_COUNT, SUBNET_COUNT, 'subnet ids (in two different Availability Zones)');
        if (items) c.distinctIds(items, path, SUBNET_ID_PATTERN, 'subnet- followed by 8 or 17 hex digits');
      }
    }
  }

  if (has(d, 'Tags')) {
    const path = 'Directory.Tags';
    const items = c.array(own(d, 'Tags'), path, 0, USER_TAG_LIMIT, `tags (AWS allows ${AWS_TAG_LIMIT}; this tool adds ${OWN_TAG_COUNT})`);
    const seen = new Map<string, number>();
    items?.forEach((item, i) => {
      const tag = c.object(item, `${path}[${i}]`, TAG_FIELDS, TAG_FIELDS);
      if (!tag) return;
      const key = has(tag, 'Key') ? c.tagKey(own(tag, 'Key'), `${path}[${i}].Key`) : undefined;
      if (has(tag, 'Value')) c.tagValue(own(tag, 'Value'), `${path}[${i}].Value`);
      if (key !== undefined) {
        const first = seen.get(key);
        if (first !== undefined) c.add(`${path}[${i}].Key`, `duplicates ${path}[${first}].Key (${show(key)})`);
        else seen.set(key, i);
      }
    });
  }
};

const checkConnector = (c: Collector, value: unknown): void => {
  const k = c.object(value, 'Connector', CONNECTOR_FIELDS, ['CertificateAuthorityArn', 'VpcInformation']);
  if (!k) return;
  if (has(k, 'CertificateAuthorityArn')) {
    c.string(own(k, 'CertificateAuthorityArn'), 'Connector.CertificateAuthorityArn', {
      min: CA_ARN_MIN,
      max: CA_ARN_MAX,
      pattern: CA_ARN_PATTERN,
      patternText: 'arn:<partition>:acm-pca:<region>:<12-digit account>:certificate-authority/<uuid>',
    });
  }
  if (has(k, 'VpcInformation')) {
    const vpc = c.object(own(k, 'VpcInformation'), 'Connector.VpcInformation', VPC_INFORMATION_FIELDS, ['SecurityGroupIds']);
    if (vpc) {
      if (has(vpc, 'IpAddressType')) {
        c.enumeration(own(vpc, 'IpAddressType'), 'Connector.VpcInformation.IpAddressType', IP_ADDRESS_TYPES);
      }
      if (has(vpc, 'SecurityGroupIds')) {
        const path = 'Connector.VpcInformation.SecurityGroupIds';
        const items = c.array(own(vpc, 'SecurityGroupIds'), path, SECURITY_GROUPS_MIN, SECURITY_GROUPS_MAX, 'security group ids');
        if (items) c.distinctIds(items, path, SECURITY_GROUP_ID_PATTERN, 'sg- followed by 8 or 17 hex digits');
      }
    }
  }
  if (has(k, 'Tags')) {
    const path = 'Connector.Tags';
    const tags = own(k, 'Tags');
    if (!isPlainObject(tags)) {
      c.add(path, `must be an object of string values, e.g. {"team": "pki"} (got ${kindOf(tags)})`);
      return;
    }
    const keys = Object.keys(tags);
    if (keys.length > USER_TAG_LIMIT) {
      c.add(path, `must contain at most ${USER_TAG_LIMIT} tags (AWS allows ${AWS_TAG_LIMIT}; this tool adds ${OWN_TAG_COUNT}) (it has ${keys.length})`);
    }
    for (const key of keys.slice(0, MAX_ITEMS_CHECKED)) {
      const tagPath = `${path}[${quote(key.length > MAX_ECHO ? `${key.slice(0, MAX_ECHO)}…` : key)}]`;
      c.tagKey(key, tagPath);
      c.tagValue(own(tags, key), tagPath);
    }
  }
};

const checkOptions = (c: Collector, value: unknown): void => {
  const o = c.object(value, 'Options', OPTIONS_FIELDS, []);
  if (!o) return;
  if (has(o, 'DirectoryTimeoutMinutes')) {
    c.integer(own(o, 'DirectoryTimeoutMinutes'), 'Options.DirectoryTimeoutMinutes', DIRECTORY_TIMEOUT_MINUTES.min, DIRECTORY_TIMEOUT_MINUTES.max);
  }
  if (has(o, 'ConnectorTimeoutMinutes')) {
    c.integer(own(o, 'ConnectorTimeoutMinutes'), 'Options.ConnectorTimeoutMinutes', CONNECTOR_TIMEOUT_MINUTES.min, CONNECTOR_TIMEOUT_MINUTES.max);
  }
};

/** What this deployment allows beyond the documented constraints. */
export interface ValidationScope {
  /** Password secrets must be named under this prefix (the functions' IAM scope). */
  passwordSecretPrefix: string;
}
export const DEFAULT_SCOPE: ValidationScope = { passwordSecretPrefix: DEFAULT_PASSWORD_SECRET_PREFIX };

/** Validates an untrusted execution input. Never throws. */
export const validateRequest = (input: unknown, scope: ValidationScope = DEFAULT_SCOPE): ValidationOutcome => {
  const c = new Collector();
  const top = c.object(input, '', TOP_FIELDS, ['Directory', 'Connector']);
  if (top) {
    if (has(top, 'Directory')) checkDirectory(c, own(top, 'Directory'), scope);
    if (has(top, 'Connector')) checkConnector(c, own(top, 'Connector'));
    if (has(top, 'Options')) checkOptions(c, own(top, 'Options'));
  }
  const violations = c.result();
  if (violations.length > 0) return { violations };
  return { violations, request: normalise(input as ProvisioningRequest) };
};

/** Copies only the known fields (the input passed validation), defaulting Directory.Type. */
const normalise = (r: ProvisioningRequest): ProvisioningRequest => {
  const d = r.Directory;
  const directory: DirectoryRequest = {
    Type: d.Type ?? 'SimpleAD',
    Name: d.Name,
    ...(d.ShortName !== undefined ? { ShortName: d.ShortName } : {}),
    ...(d.Description !== undefined ? { Description: d.Description } : {}),
    ...(d.Size !== undefined ? { Size: d.Size } : {}),
    ...(d.Edition !== undefined ? { Edition: d.Edition } : {}),
    PasswordSecretId: d.PasswordSecretId,
    VpcSettings: { VpcId: d.VpcSettings.VpcId, SubnetIds: [...d.VpcSettings.SubnetIds] },
    ...(d.Tags !== undefined ? { Tags: d.Tags.map((t: DirectoryTag) => ({ Key: t.Key, Value: t.Value })) } : {}),
  };
  const k = r.Connector;
  const connector: ConnectorRequest = {
    CertificateAuthorityArn: k.CertificateAuthorityArn,
    VpcInformation: {
      ...(k.VpcInformation.IpAddressType !== undefined ? { IpAddressType: k.VpcInformation.IpAddressType } : {}),
      SecurityGroupIds: [...k.VpcInformation.SecurityGroupIds],
    },
    ...(k.Tags !== undefined ? { Tags: { ...k.Tags } } : {}),
  };
  const options: ProvisioningOptions | undefined = r.Options ? { ...r.Options } : undefined;
  return { Directory: directory, Connector: connector, ...(options ? { Options: options } : {}) };
};

/** Timeouts in seconds, defaults applied. */
export const timeoutsOf = (request: ProvisioningRequest): { directory: number; connector: number } => ({
  directory: (request.Options?.DirectoryTimeoutMinutes ?? DIRECTORY_TIMEOUT_MINUTES.default) * 60,
  connector: (request.Options?.ConnectorTimeoutMinutes ?? CONNECTOR_TIMEOUT_MINUTES.default) * 60,
});

