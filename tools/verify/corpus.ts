/**
 * Bad-input corpus: property-based (fast-check, fixed seed, bounded runs) requests around every documented
 * constraint of the execution input, checked against the domain validator (src/domain/validate.ts).
 *
 * The constraints are written down HERE again, independently, from the service models and the README's input
 * contract (`SPEC`), so each property is a differential check: for a generated value of one field, the validator
 * must report a violation at exactly that field's path if and only if the spec says the value is invalid, and must
 * accept the whole request otherwise. Invalid shapes (wrong types, missing fields, unknown fields, deep nesting,
 * huge sizes, non-object documents) must always be rejected with the path named.
 *
 * `preflightCases` adds the constraints that need AWS facts (subnets, AZs, security groups, CA status, secret):
 * they are checked through the ValidateRequest handler core against the emulator (see test/tools/verify).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { validateRequest } from '../../src/domain/validate.ts';
import type { Violation } from '../../src/domain/errors.ts';
import { SIMPLE_KEY } from '../../src/domain/field-path.ts';
import type { Seed } from '../local/emulator/index.ts';

export const CORPUS_SEED = 20261123;

/* ---------------- the base request (valid against tools/local/seeds/default.json) ---------------- */

export const BASE_REQUEST = {
  Directory: {
    Type: 'MicrosoftAD',
    Name: 'corp.example.com',
    ShortName: 'CORP',
    Description: 'Managed AD for the PKI team',
    Edition: 'Standard',
    PasswordSecretId: 'ad-cert-orchestrator/ad-admin-password',
    VpcSettings: { VpcId: 'vpc-0a1b2c3d4e5f60718', SubnetIds: ['subnet-0a1b2c3d4e5f6a001', 'subnet-0a1b2c3d4e5f6b002'] },
    Tags: [{ Key: 'team', Value: 'pki' }],
  },
  Connector: {
    CertificateAuthorityArn: 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555',
    VpcInformation: { IpAddressType: 'IPV4', SecurityGroupIds: ['sg-0a1b2c3d4e5f6a101'] },
    Tags: { team: 'pki' },
  },
  Options: { DirectoryTimeoutMinutes: 60, ConnectorTimeoutMinutes: 30 },
};

/**
 * A Simple AD directory alone. Connector for AD is documented for AWS Managed Microsoft AD and AD Connector only, so a
 * Simple AD request (Type given or defaulted) with a Connector must be refused on Directory.Type.
 */
const { Edition: _edition, ...directoryWithoutEdition } = BASE_REQUEST.Directory;
export const SIMPLE_BASE = {
  Directory: { ...directoryWithoutEdition, Type: 'SimpleAD', Description: 'Simple AD for the PKI team', Size: 'Small' },
  Options: { DirectoryTimeoutMinutes: 60 },
};

type Json = Record<string, unknown>;
type Seg = string | number;
export const clone = <T>(v: T): T => structuredClone(v);

/**
 * How a key is shown in a path: a JSON string literal in which C1 controls, bidi marks, embeddings, overrides and
 * isolates, zero-width and other invisible format characters, the line/paragraph separators and the BOM are
 * `\uXXXX` escapes too (they would change how the rest of the message is displayed).
 */
const shownKey = (key: string): string =>
  JSON.stringify(key).replace(/[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The validator's path format: `a.b[0].c`, map keys as `["key"]`. */
export const pathOf = (segs: readonly Seg[]): string =>
  segs.reduce<string>((p, s, i) => {
    if (typeof s === 'number') return `${p}[${s}]`;
    const shown = shownKey(s.length > 64 ? `${s.slice(0, 64)}…` : s);
    if ((segs[i - 1] === 'Tags' && segs[i - 2] === 'Connector') || !SIMPLE_KEY.test(s)) return `${p}[${shown}]`;
    return p ? `${p}.${s}` : s;
  }, '');

export const setIn = (root: Json, segs: readonly Seg[], value: unknown): Json => {
  let cur = root as Record<Seg, unknown>;
  segs.slice(0, -1).forEach((s) => {
    if (typeof cur[s] !== 'object' || cur[s] === null) cur[s] = {};
    cur = cur[s] as Record<Seg, unknown>;
  });
  cur[segs[segs.length - 1] as Seg] = value;
  return root;
};
const deleteIn = (root: Json, segs: readonly Seg[]): Json => {
  let cur = root as Record<Seg, unknown>;
  segs.slice(0, -1).forEach((s) => (cur = cur[s] as Record<Seg, unknown>));
  Reflect.deleteProperty(cur, segs[segs.length - 1] as Seg);
  return root;
};
const withValue = (segs: readonly Seg[], value: unknown, base: Json = BASE_REQUEST): Json => setIn(clone(base), segs, value);

/* ---------------- the documented constraints, restated ---------------- */

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/; // eslint-disable-line no-control-regex
const len = (s: string, min: number, max: number): boolean => s.length >= min && s.length <= max;
const id = (prefix: string) => new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`);
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** The default password-secret prefix (deploy parameter passwordSecretPrefix), restated. */
const SECRET_SCOPE = 'ad-cert-orchestrator/';

export const SPEC = {
  /** DS DirectoryName pattern; DNS: at most 255, labels at most 63. */
  name: (s: string) => /^([a-zA-Z0-9]+[.-])+([a-zA-Z0-9])+$/.test(s) && s.length <= 255 && s.split('.').every((l) => l.length <= 63),
  /** DS DirectoryShortName pattern; NetBIOS 1-15; no control characters. */
  shortName: (s: string) => len(s, 1, 15) && !CONTROL.test(s) && /^[^\\/:*?"<>|.]+[^\\/:*?"<>|]*$/.test(s),
  /** DS Description 0-128 and its pattern (Java \s = space, \t, \n, \x0B, \f, \r). */
  // eslint-disable-next-line no-control-regex
  description: (s: string) => s === '' || (s.length <= 128 && /^[a-zA-Z0-9_][\\a-zA-Z0-9_@#%*+=:?./! \t\n\x0B\f\r-]*$/.test(s)),
  /**
   * Secrets Manager SecretId 1-2048, a name or ARN (never a password), and inside the deployment's password-secret
   * scope: the secret's name (the whole id, or what follows `:secret:` in an ARN) starts with the default prefix.
   */
  secretId: (s: string) => {
    const name = /^arn:[^:]*:secretsmanager:[^:]*:[^:]*:secret:(.*)$/.exec(s)?.[1] ?? s;
    return len(s, 1, 2048) && /^[A-Za-z0-9/_+=.@:-]+$/.test(s) && name.startsWith(SECRET_SCOPE) && name.length > SECRET_SCOPE.length;
  },
  vpcId: (s: string) => id('vpc').test(s),
  subnetId: (s: string) => id('subnet').test(s),
  securityGroupId: (s: string) => id('sg').test(s),
  /** PCA Connector AD CertificateAuthorityArn 5-200 and pattern (12-digit account). */
  caArn: (s: string) =>
    len(s, 5, 200) && /^arn:[\w-]+:acm-pca:[\w-]+:[0-9]{12}:certificate-authority\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(s),
  tagKey: (s: string) =>
    len(s, 1, 128) && !CONTROL.test(s) && TAG_CHARS.test(s) && !/^aws:/i.test(s) && !/^ad-cert-orchestrator:/i.test(s),
  tagValue: (s: string) => s.length <= 256 && !CONTROL.test(s) && TAG_CHARS.test(s),
  directoryTimeout: (n: unknown) => Number.isInteger(n) && (n as number) >= 10 && (n as number) <= 180,
  /** A Managed Microsoft AD takes 20-45 min to create (AWS admin guide): a shorter deadline is rejected. */
  directoryTimeoutMicrosoftAd: (n: unknown) => Number.isInteger(n) && (n as number) >= 20 && (n as number) <= 180,
  connectorTimeout: (n: unknown) => Number.isInteger(n) && (n as number) >= 5 && (n as number) <= 120,
  /** Directory Service Data GroupName (ds-data 2023-05-31): 1-64, none of : ; | = + " * ? < > / \ , [ ] @; no control characters. */
  groupName: (s: string) => len(s, 1, 64) && !CONTROL.test(s) && !/[:;|=+"*?<>/\\,[\]@]/.test(s),
  /** PCA Connector AD DisplayName: printable ASCII, at most 256 (what a GroupName must be to stand in for it). */
  displayName: (s: string) => len(s, 1, 256) && /^[\x20-\x7E]+$/.test(s),
};

/**
 * A request with one certificate template whose access entry names its group (the sample's template definition, a
 * fixture: the definition's own rules are the service model's and are checked elsewhere). The README's contract: an
 * entry names its group by exactly one of GroupName and GroupSecurityIdentifier; GroupDisplayName is required with a
 * SID and defaults to GroupName; CreateGroup applies to a GroupName only; two entries of one template never name the
 * same group (group names compare case-insensitively); a GroupName needs a Managed AD (Directory Service Data).
 */
const SAMPLE_DEFINITION = (JSON.parse(readFileSync(new URL('../../events/execution-input.json', import.meta.url), 'utf8')) as {
  Connector: { Templates: { Definition: unknown }[] };
}).Connector.Templates[0]?.Definition;
const GROUP_SID = 'S-1-5-21-1111111111-2222222222-3333333333-515';
const withEntries = (entries: unknown[], base: Json = BASE_REQUEST): Json =>
  withValue(['Connector', 'Templates'], [{ Name: 'ComputerAutoEnroll', Definition: clone(SAMPLE_DEFINITION), AccessControlEntries: entries }], base);
const ACE = (i: number): Seg[] => ['Connector', 'Templates', 0, 'AccessControlEntries', i];

/* ---------------- generators ---------------- */

const HEX = '0123456789abcdef'.split('');
const hex = (n: number) => fc.string({ unit: fc.constantFrom(...HEX), minLength: n, maxLength: n });
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
const NASTY = ['\u0000', '\u0007', '\t', '\n', '\r', '\u000b', '\u007f', '\u0085', '\u00a0', '\u200b', '\u2028', '\u202e', '\ufeff',
  'é', 'ß', 'İ', 'Ω', '中', '🙂', '\ud800', ' ', '.', '-', '_', '\\', '/', ':', '*', '?', '"', '<', '>', '|', '@', '#', '%', '+', '=',
  '!', '$', '&', "'", '(', ')', ',', ';', '[', ']', '{', '}', '~', '`', '^'];
const anyChar = fc.oneof(fc.constantFrom(...ALNUM), fc.constantFrom(...NASTY), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));

/** Random strings near a valid one: insert/replace/delete one char, repeat, truncate, or random text; plus huge. */
const around = (valid: fc.Arbitrary<string>, maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: valid },
    {
      weight: 4,
      arbitrary: fc.tuple(valid, fc.nat(), anyChar, fc.constantFrom('insert', 'replace', 'delete', 'prefix', 'suffix')).map(([v, i, c, op]) => {
        const at = v.length === 0 ? 0 : i % v.length;
        if (op === 'insert') return v.slice(0, at) + c + v.slice(at);
        if (op === 'replace') return v.slice(0, at) + c + v.slice(at + 1);
        if (op === 'delete') return v.slice(0, at) + v.slice(at + 1);
        return op === 'prefix' ? c + v : v + c;
      }),
    },
    { weight: 1, arbitrary: fc.tuple(valid, fc.integer({ min: 2, max: 40 })).map(([v, n]) => v.repeat(n)) },
    { weight: 2, arbitrary: fc.string({ unit: anyChar, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 1_000_000 }).map((n) => 'a'.repeat(n)) },
  );

const label = (max: number) => fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: max });
const validName = fc.array(label(63), { minLength: 2, maxLength: 5 }).map((ls) => ls.join('.')).filter((n) => n.length <= 255);
const validShortName = fc.string({ unit: fc.constantFrom(...ALNUM, '-', '_', ' ', '.'), minLength: 0, maxLength: 14 }).chain((rest) =>
  fc.constantFrom(...ALNUM).map((first) => first + rest),
);
const validDescription = fc.string({ unit: fc.constantFrom(...ALNUM, ' ', '_', '@', '#', '%', '*', '+', '=', ':', '?', '.', '/', '!', '-', '\\', '\t', '\n'), maxLength: 127 })
  .chain((rest) => fc.constantFrom(...ALNUM, '_').map((first) => first + rest));
const SECRET_UNITS = fc.constantFrom(...ALNUM, '/', '_', '+', '=', '.', '@', ':', '-');
const validSecretId = fc.oneof(
  fc.string({ unit: SECRET_UNITS, minLength: 1, maxLength: 2048 - SECRET_SCOPE.length }).map((rest) => `${SECRET_SCOPE}${rest}`),
  fc.string({ unit: SECRET_UNITS, minLength: 1, maxLength: 64 }).map((rest) => `arn:aws:secretsmanager:us-east-1:111122223333:secret:${SECRET_SCOPE}${rest}`),
  fc.string({ unit: SECRET_UNITS, minLength: 1, maxLength: 64 }), // outside the scope
);
const validId = (prefix: string) => fc.oneof(hex(8), hex(17)).map((h) => `${prefix}-${h}`);
const validCaArn = fc.tuple(fc.constantFrom('aws', 'aws-cn', 'aws-us-gov'), fc.constantFrom('us-east-1', 'eu-west-3', 'cn-north-1'), fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 12, maxLength: 12 }), hex(8), hex(4), hex(4), hex(4), hex(12))
  .map(([p, r, acct, a, b, c, d, e]) => `arn:${p}:acm-pca:${r}:${acct}:certificate-authority/${a}-${b}-${c}-${d}-${e}`);
const TAG_UNITS = [...ALNUM, ' ', '_', '.', ':', '/', '=', '+', '-', '@', 'é', 'ß', 'Ω', '中', '٣', '\u00a0', '\u3000'];
const validTagKey = fc.string({ unit: fc.constantFrom(...TAG_UNITS), minLength: 1, maxLength: 128 });
const validTagValue = fc.string({ unit: fc.constantFrom(...TAG_UNITS), maxLength: 256 });

/** Any JSON-ish value that is NOT of the given kind. */
const wrongType = (kind: 'string' | 'array' | 'object' | 'integer' | 'boolean'): fc.Arbitrary<unknown> =>
  fc
    .oneof(
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 8 }),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    )
    .filter((v) => {
      if (kind === 'string') return typeof v !== 'string';
      if (kind === 'array') return !Array.isArray(v);
      if (kind === 'object') return typeof v !== 'object' || v === null || Array.isArray(v);
      if (kind === 'boolean') return typeof v !== 'boolean';
      return !Number.isInteger(v);
    });

/** A value nested `depth` levels deep (objects or arrays). */
const deep = fc.tuple(fc.integer({ min: 10, max: 5_000 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
});

/* ---------------- the rules ---------------- */

export interface Case {
  request: unknown;
  /** The path that must be named (invalid), or undefined (valid: must be accepted). */
  path?: string;
  /** The violation may also be at a field inside `path` (unknown fields; a nested value inside an array). */
  prefix?: boolean;
}

export interface Rule {
  name: string;
  arbitrary: fc.Arbitrary<Case>;
}

interface FieldSpec {
  segs: Seg[];
  kind: 'string' | 'array' | 'object' | 'integer' | 'boolean';
  required?: boolean;
}

const FIELDS: FieldSpec[] = [
  { segs: ['Directory'], kind: 'object', required: true },
  { segs: ['Connector'], kind: 'object' },
  { segs: ['Options'], kind: 'object' },
  { segs: ['Directory', 'Type'], kind: 'string' },
  { segs: ['Directory', 'Name'], kind: 'string', required: true },
  { segs: ['Directory', 'ShortName'], kind: 'string' },
  { segs: ['Directory', 'Description'], kind: 'string' },
  { segs: ['Directory', 'Edition'], kind: 'string' },
  { segs: ['Directory', 'PasswordSecretId'], kind: 'string', required: true },
  { segs: ['Directory', 'VpcSettings'], kind: 'object', required: true },
  { segs: ['Directory', 'VpcSettings', 'VpcId'], kind: 'string', required: true },
  { segs: ['Directory', 'VpcSettings', 'SubnetIds'], kind: 'array', required: true },
  { segs: ['Directory', 'VpcSettings', 'SubnetIds', 1], kind: 'string' },
  { segs: ['Directory', 'Tags'], kind: 'array' },
  { segs: ['Directory', 'Tags', 0], kind: 'object' },
  { segs: ['Directory', 'Tags', 0, 'Key'], kind: 'string', required: true },
  { segs: ['Directory', 'Tags', 0, 'Value'], kind: 'string', required: true },
  { segs: ['Connector', 'CertificateAuthorityArn'], kind: 'string', required: true },
  { segs: ['Connector', 'VpcInformation'], kind: 'object', required: true },
  { segs: ['Connector', 'VpcInformation', 'IpAddressType'], kind: 'string' },
  { segs: ['Connector', 'VpcInformation', 'SecurityGroupIds'], kind: 'array', required: true },
  { segs: ['Connector', 'VpcInformation', 'SecurityGroupIds', 0], kind: 'string' },
  { segs: ['Connector', 'Tags'], kind: 'object' },
  { segs: ['Connector', 'Tags', 'team'], kind: 'string' },
  { segs: ['Connector', 'PruneTemplates'], kind: 'boolean' },
  { segs: ['Options', 'DirectoryTimeoutMinutes'], kind: 'integer' },
  { segs: ['Options', 'ConnectorTimeoutMinutes'], kind: 'integer' },
];

/** Objects that reject unknown fields, with their allowed fields (from the README's input contract). */
const OBJECTS: { segs: Seg[]; allowed: string[] }[] = [
  { segs: [], allowed: ['Directory', 'Connector', 'Options'] },
  { segs: ['Directory'], allowed: ['Type', 'Name', 'ShortName', 'Description', 'Size', 'Edition', 'PasswordSecretId', 'VpcSettings', 'Tags'] },
  { segs: ['Directory', 'VpcSettings'], allowed: ['VpcId', 'SubnetIds'] },
  { segs: ['Directory', 'Tags', 0], allowed: ['Key', 'Value'] },
  { segs: ['Connector'], allowed: ['CertificateAuthorityArn', 'VpcInformation', 'Tags', 'Templates', 'PruneTemplates'] },
  { segs: ['Connector', 'VpcInformation'], allowed: ['IpAddressType', 'SecurityGroupIds'] },
  { segs: ['Options'], allowed: ['DirectoryTimeoutMinutes', 'ConnectorTimeoutMinutes'] },
];

/** One string field: valid iff the spec says so. */
const stringRule = (name: string, segs: Seg[], gen: fc.Arbitrary<string>, ok: (s: string) => boolean, base: Json = BASE_REQUEST): Rule => ({
  name,
  arbitrary: gen.map((v) => ({ request: withValue(segs, v, base), ...(ok(v) ? {} : { path: pathOf(segs) }) })),
});

const enumRule = (name: string, segs: Seg[], values: string[], base: Json = BASE_REQUEST): Rule =>
  stringRule(name, segs, around(fc.constantFrom(...values), 12).chain((v) => fc.constantFrom(v, v.toLowerCase(), v.toUpperCase())), (s) => values.includes(s), base);

const MS_BASE: Json = BASE_REQUEST;
const SIMPLE: Json = SIMPLE_BASE;

const distinct = <T>(a: T[]): boolean => new Set(a).size === a.length;

export const RULES: Rule[] = [
  stringRule('Directory.Name', ['Directory', 'Name'], around(validName, 300), SPEC.name),
  stringRule('Directory.ShortName', ['Directory', 'ShortName'], around(validShortName, 30), SPEC.shortName),
  stringRule('Directory.Description', ['Directory', 'Description'], around(validDescription, 200), SPEC.description),
  stringRule('Directory.PasswordSecretId', ['Directory', 'PasswordSecretId'], around(validSecretId, 2100), SPEC.secretId),
  stringRule('Directory.VpcSettings.VpcId', ['Directory', 'VpcSettings', 'VpcId'], around(validId('vpc'), 30), SPEC.vpcId),
  stringRule('Directory.VpcSettings.SubnetIds[1]', ['Directory', 'VpcSettings', 'SubnetIds', 1], around(validId('subnet'), 30).filter((s) => s !== BASE_REQUEST.Directory.VpcSettings.SubnetIds[0]), SPEC.subnetId),
  stringRule('Connector.VpcInformation.SecurityGroupIds[0]', ['Connector', 'VpcInformation', 'SecurityGroupIds', 0], around(validId('sg'), 30), SPEC.securityGroupId),
  stringRule('Connector.CertificateAuthorityArn', ['Connector', 'CertificateAuthorityArn'], around(validCaArn, 220), SPEC.caArn),
  stringRule('Directory.Tags[0].Key', ['Directory', 'Tags', 0, 'Key'], fc.oneof(around(validTagKey, 140), validTagKey.map((k) => `aws:${k}`.slice(0, 128)), validTagKey.map((k) => `ad-cert-orchestrator:${k}`.slice(0, 128))), SPEC.tagKey),
  stringRule('Directory.Tags[0].Value', ['Directory', 'Tags', 0, 'Value'], around(validTagValue, 300), SPEC.tagValue),
  stringRule('Connector.Tags[key].Value', ['Connector', 'Tags', 'team'], around(validTagValue, 300), SPEC.tagValue),
  {
    name: 'Connector.Tags key',
    arbitrary: fc.oneof(around(validTagKey, 140), validTagKey.map((k) => `aws:${k}`.slice(0, 128))).filter((k) => k !== '__proto__').map((k) => {
      const r = clone(BASE_REQUEST);
      (r.Connector as Json)['Tags'] = { [k]: 'v' };
      return { request: r, ...(SPEC.tagKey(k) ? {} : { path: pathOf(['Connector', 'Tags', k]) }) };
    }),
  },
  enumRule('Directory.Type', ['Directory', 'Type'], ['SimpleAD'], SIMPLE),
  enumRule('Directory.Size', ['Directory', 'Size'], ['Small', 'Large'], SIMPLE),
  enumRule('Directory.Edition (MicrosoftAD)', ['Directory', 'Edition'], ['Standard', 'Enterprise'], MS_BASE),
  enumRule('Connector.VpcInformation.IpAddressType', ['Connector', 'VpcInformation', 'IpAddressType'], ['IPV4', 'DUALSTACK']),
  {
    name: 'Options timeouts',
    arbitrary: fc
      .tuple(fc.constantFrom('DirectoryTimeoutMinutes', 'ConnectorTimeoutMinutes'), fc.oneof(fc.integer({ min: -10, max: 200 }), fc.double({ min: -10, max: 200 }), fc.constantFrom(Number.MAX_SAFE_INTEGER, -0, 1e308)))
      .map(([field, v]) => {
        const ok = field === 'DirectoryTimeoutMinutes' ? SPEC.directoryTimeout(v) : SPEC.connectorTimeout(v);
        return { request: withValue(['Options', field], v, SIMPLE), ...(ok ? {} : { path: pathOf(['Options', field]) }) };
      }),
  },
  {
    name: 'Options.DirectoryTimeoutMinutes for MicrosoftAD',
    arbitrary: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 200 })).map((v) => ({
      request: withValue(['Options', 'DirectoryTimeoutMinutes'], v, MS_BASE),
      ...(SPEC.directoryTimeoutMicrosoftAd(v) ? {} : { path: pathOf(['Options', 'DirectoryTimeoutMinutes']) }),
    })),
  },
  {
    name: 'SubnetIds count/duplicates',
    arbitrary: fc.array(fc.oneof(validId('subnet'), fc.constant('subnet-0a1b2c3d4e5f6a001')), { maxLength: 6 }).map((ids) => {
      const path = ids.length !== 2 ? 'Directory.VpcSettings.SubnetIds' : !distinct(ids) ? 'Directory.VpcSettings.SubnetIds[1]' : undefined;
      return { request: withValue(['Directory', 'VpcSettings', 'SubnetIds'], ids), ...(path ? { path } : {}) };
    }),
  },
  {
    name: 'SecurityGroupIds count/duplicates',
    arbitrary: fc.array(fc.oneof(validId('sg'), fc.constant('sg-0a1b2c3d4e5f6a101')), { maxLength: 7 }).map((ids) => {
      const firstDup = ids.findIndex((x, i) => ids.indexOf(x) !== i);
      const path = ids.length < 1 || ids.length > 4 ? 'Connector.VpcInformation.SecurityGroupIds' : firstDup >= 0 ? `Connector.VpcInformation.SecurityGroupIds[${firstDup}]` : undefined;
      return { request: withValue(['Connector', 'VpcInformation', 'SecurityGroupIds'], ids), ...(path ? { path } : {}) };
    }),
  },
  {
    name: 'Directory.Tags count/duplicates',
    arbitrary: fc.tuple(fc.integer({ min: 0, max: 60 }), fc.boolean()).map(([n, dup]) => {
      const tags = Array.from({ length: n }, (_, i) => ({ Key: `k${dup && i === n - 1 && n > 1 ? 0 : i}`, Value: 'v' }));
      const path = n > 48 ? 'Directory.Tags' : dup && n > 1 ? `Directory.Tags[${n - 1}].Key` : undefined;
      return { request: withValue(['Directory', 'Tags'], tags), ...(path ? { path } : {}) };
    }),
  },
  {
    name: 'Connector.Tags count',
    arbitrary: fc.integer({ min: 0, max: 60 }).map((n) => ({
      request: withValue(['Connector', 'Tags'], Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']))),
      ...(n > 48 ? { path: 'Connector.Tags' } : {}),
    })),
  },
  {
    name: 'cross-field (Type vs Size/Edition)',
    arbitrary: fc.constantFrom(
      { request: withValue(['Directory', 'Edition'], 'Standard', SIMPLE), path: 'Directory.Edition' },
      { request: withValue(['Directory', 'Size'], 'Small', MS_BASE), path: 'Directory.Size' },
      { request: deleteIn(clone(SIMPLE), ['Directory', 'Size']), path: 'Directory.Size' },
      { request: deleteIn(clone(MS_BASE), ['Directory', 'Edition']) },
    ),
  },
  {
    name: 'Simple AD with a Connector (DIRECTORY_TYPE_NOT_SUPPORTED)',
    arbitrary: fc.constantFrom(
      { request: withValue(['Connector'], clone(BASE_REQUEST.Connector), SIMPLE), path: 'Directory.Type' },
      { request: deleteIn(withValue(['Connector'], clone(BASE_REQUEST.Connector), SIMPLE), ['Directory', 'Type']), path: 'Directory.Type' },
      { request: clone(SIMPLE) },
      { request: deleteIn(clone(SIMPLE), ['Directory', 'Type']) },
      { request: deleteIn(clone(MS_BASE), ['Connector']) },
    ),
  },
  {
    name: 'AccessControlEntries[0].GroupName (and the display name it stands in for)',
    arbitrary: fc.oneof(around(fc.constantFrom('Domain Computers', 'PKI Enrollers', 'Cert Publishers'), 80), fc.constantFrom('Domänen-Computer', 'g'.repeat(64))).map((name) => {
      const request = withEntries([{ GroupName: name, AccessRights: { Enroll: 'ALLOW' } }]);
      if (!SPEC.groupName(name)) return { request, path: pathOf([...ACE(0), 'GroupName']) };
      return { request, ...(SPEC.displayName(name) ? {} : { path: pathOf([...ACE(0), 'GroupDisplayName']) }) };
    }),
  },
  {
    name: 'AccessControlEntries[0]: by GroupName or GroupSecurityIdentifier, exactly one; display name; CreateGroup',
    arbitrary: fc
      .record({ name: fc.boolean(), sid: fc.boolean(), display: fc.boolean(), create: fc.constantFrom(undefined, true, false) })
      .map(({ name, sid, display, create }) => {
        const entry = {
          ...(name ? { GroupName: 'Domain Computers' } : {}),
          ...(sid ? { GroupSecurityIdentifier: GROUP_SID } : {}),
          ...(display ? { GroupDisplayName: 'Domain Computers' } : {}),
          ...(create !== undefined ? { CreateGroup: create } : {}),
          AccessRights: { Enroll: 'ALLOW', AutoEnroll: 'ALLOW' },
        };
        const at = ACE(0);
        const path = name === sid ? pathOf(at)
          : sid && !display ? pathOf([...at, 'GroupDisplayName'])
            : create !== undefined && !name ? pathOf([...at, 'CreateGroup']) : undefined;
        return { request: withEntries([entry]), ...(path ? { path } : {}) };
      }),
  },
  {
    name: 'AccessControlEntries: one group per template (names case-insensitive, SIDs exact)',
    arbitrary: fc
      .tuple(fc.constantFrom('Domain Computers', 'PKI Enrollers'), fc.constantFrom('Domain Computers', 'domain computers', 'DOMAIN COMPUTERS', 'PKI Enrollers', 'pki enrollers'), fc.boolean())
      .map(([a, b, bySid]) => {
        if (bySid) {
          const sids = [GROUP_SID, a === 'Domain Computers' ? GROUP_SID : `${GROUP_SID.slice(0, -3)}512`];
          const entries = sids.map((sid, i) => ({ GroupSecurityIdentifier: sid, GroupDisplayName: `g${i}`, AccessRights: { Enroll: 'ALLOW' } }));
          return { request: withEntries(entries), ...(sids[0] === sids[1] ? { path: pathOf([...ACE(1), 'GroupSecurityIdentifier']) } : {}) };
        }
        const entries = [a, b].map((GroupName) => ({ GroupName, AccessRights: { Enroll: 'ALLOW' } }));
        return { request: withEntries(entries), ...(a.toLowerCase() === b.toLowerCase() ? { path: pathOf([...ACE(1), 'GroupName']) } : {}) };
      }),
  },
  {
    name: 'GroupName needs AWS Managed Microsoft AD (Directory Service Data)',
    arbitrary: fc.constantFrom('SimpleAD', 'MicrosoftAD').map((type) => {
      const base = type === 'SimpleAD' ? { ...clone(SIMPLE), Connector: clone(BASE_REQUEST.Connector) } : clone(BASE_REQUEST);
      const request = withEntries([{ GroupName: 'Domain Computers', AccessRights: { Enroll: 'ALLOW' } }], base);
      return { request, ...(type === 'SimpleAD' ? { path: pathOf([...ACE(0), 'GroupName']) } : {}) };
    }),
  },
  {
    name: 'wrong types',
    arbitrary: fc.constantFrom(...FIELDS).chain((f) => wrongType(f.kind).map((v) => ({ request: withValue(f.segs, v), path: pathOf(f.segs) }))),
  },
  {
    name: 'missing required fields',
    arbitrary: fc.constantFrom(...FIELDS.filter((f) => f.required)).map((f) => ({ request: deleteIn(clone(BASE_REQUEST), f.segs), path: pathOf(f.segs) })),
  },
  {
    name: 'unknown fields (incl. password-like)',
    arbitrary: fc
      .tuple(fc.constantFrom(...OBJECTS), fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }), fc.constantFrom('Password', 'password', 'AdminPassword', 'pwd', 'constructor', 'toString')), fc.jsonValue({ maxDepth: 2 }))
      .filter(([o, k]) => !o.allowed.includes(k) && k !== '__proto__')
      .map(([o, k, v]) => ({ request: withValue([...o.segs, k], v), path: pathOf(o.segs), prefix: true })),
  },
  {
    name: 'deep nesting',
    arbitrary: fc.tuple(fc.constantFrom(...FIELDS.filter((f) => f.kind !== 'object')), deep).map(([f, v]) => ({ request: withValue(f.segs, v), path: pathOf(f.segs), prefix: true })),
  },
  {
    name: 'huge arrays',
    arbitrary: fc.tuple(fc.constantFrom<Seg[]>(['Directory', 'VpcSettings', 'SubnetIds'], ['Connector', 'VpcInformation', 'SecurityGroupIds'], ['Directory', 'Tags']), fc.integer({ min: 1_000, max: 100_000 })).map(([segs, n]) => ({
      request: withValue(segs, Array.from({ length: n }, (_, i) => (segs.at(-1) === 'Tags' ? { Key: `k${i}`, Value: 'v' } : `x${i}`))),
      path: pathOf(segs),
    })),
  },
  {
    name: 'not an object',
    arbitrary: fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.string(), fc.boolean(), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 })).map((v) => ({ request: v, path: '(request)' })),
  },
];

/* ---------------- running ---------------- */

/** Why the validator's answer for a case is wrong, or undefined. */
export const checkCase = (c: Case, violations: readonly Violation[], accepted: boolean): string | undefined => {
  if (c.path === undefined) {
    return accepted && violations.length === 0 ? undefined : `valid request rejected: ${JSON.stringify(violations).slice(0, 300)}`;
  }
  if (accepted) return `invalid request (${c.path}) accepted`;
  const p = c.path;
  const named = violations.some((v) => v.path === p || (c.prefix === true && (p === '' || v.path.startsWith(`${p}.`) || v.path.startsWith(`${p}[`))));
  return named ? undefined : `rejected, but ${c.path} not named: ${JSON.stringify(violations.map((v) => v.path)).slice(0, 300)}`;
};

export interface CorpusResult {
  cases: number;
  rejected: number;
  accepted: number;
  /** Invalid cases generated / valid cases generated (the targets for rejected / accepted). */
  invalid: number;
  valid: number;
  perRule: { name: string; cases: number; invalid: number; valid: number; failure?: string }[];
  failures: string[];
}

/** Runs every rule through the domain validator (fc.check: seeded, bounded, shrinking on failure). */
export const runCorpus = (opts: { seed?: number; numRuns?: number } = {}): CorpusResult => {
  const seed = opts.seed ?? CORPUS_SEED;
  const numRuns = opts.numRuns ?? 300;
  const result: CorpusResult = { cases: 0, rejected: 0, accepted: 0, invalid: 0, valid: 0, perRule: [], failures: [] };
  for (const rule of RULES) {
    const stats = { name: rule.name, cases: 0, invalid: 0, valid: 0 } as CorpusResult['perRule'][number];
    let shrinking = false;
    const details = fc.check(
      fc.property(rule.arbitrary, (c) => {
        let problem: string | undefined;
        try {
          const outcome = validateRequest(c.request);
          problem = checkCase(c, outcome.violations, outcome.request !== undefined);
        } catch (err) {
          problem = `the validator threw ${(err as Error).message}`;
        }
        if (!shrinking) {
          stats.cases += 1;
          if (c.path === undefined) stats.valid += 1;
          else stats.invalid += 1;
          if (!problem) {
            if (c.path === undefined) result.accepted += 1;
            else result.rejected += 1;
          }
        }
        if (problem) shrinking = true;
        return problem === undefined;
      }),
      { seed, numRuns },
    );
    if (details.failed) {
      const ce = details.counterexample?.[0];
      stats.failure = `${rule.name}: ${ce ? checkCase(ce, validateRequest(ce.request).violations, validateRequest(ce.request).request !== undefined) : String(details.errorInstance)}; counterexample ${preview(ce)}`;
      result.failures.push(stats.failure);
    }
    result.cases += stats.cases;
    result.invalid += stats.invalid;
    result.valid += stats.valid;
    result.perRule.push(stats);
  }
  return result;
};

/* ---------------- preflight facts (need the emulator) ---------------- */

/**
 * The default seed plus one more subnet in us-east-1a of the directory's VPC (for the two-AZ rule) and one more
 * security group there that lets TCP 443 in from another group (the seed's directory-clients group lets only 389 in).
 */
export const corpusSeed = (base: Seed): Seed => ({
  ...base,
  subnets: [...base.subnets, { SubnetId: 'subnet-0a1b2c3d4e5f6c004', VpcId: 'vpc-0a1b2c3d4e5f60718', AvailabilityZone: 'us-east-1a', CidrBlock: '10.0.4.0/24' }],
  securityGroups: [
    ...base.securityGroups,
    {
      GroupId: 'sg-0a1b2c3d4e5f6a103', VpcId: 'vpc-0a1b2c3d4e5f60718', GroupName: 'connector-from-clients',
      IngressRules: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, ReferencedGroupId: 'sg-0a1b2c3d4e5f6a102' }],
    },
  ],
});

const SUBNET_PATH = (i: number) => `Directory.VpcSettings.SubnetIds[${i}]`;
const SG_PATH = (i: number) => `Connector.VpcInformation.SecurityGroupIds[${i}]`;

/** Requests that pass the schema but break a preflight fact of `corpusSeed` (several at once), and valid ones. */
export const preflightArbitrary: fc.Arbitrary<{ request: Json; paths: string[] }> = fc
  .record({
    vpc: fc.constantFrom('ok', 'missing'),
    subnet1: fc.constantFrom('ok', 'missing', 'other-vpc', 'same-az'),
    sg: fc.constantFrom('ok', 'missing', 'other-vpc', 'two-ok', 'closed'),
    ca: fc.constantFrom('ok', 'missing', 'disabled'),
    secret: fc.constantFrom('ok', 'missing', 'weak'),
    type: fc.constantFrom('SimpleAD', 'MicrosoftAD'),
  })
  .map((f) => {
    // Simple AD has no Connector (refused with one), so its cases have no security group or CA fact.
    const r = clone(f.type === 'MicrosoftAD' ? MS_BASE : { ...SIMPLE, Connector: clone(BASE_REQUEST.Connector) }) as typeof BASE_REQUEST;
    const simple = f.type === 'SimpleAD';
    const paths: string[] = [];
    if (f.vpc === 'missing') {
      r.Directory.VpcSettings.VpcId = 'vpc-0123456789abcdef0';
      paths.push('Directory.VpcSettings.VpcId');
    }
    const second = { ok: 'subnet-0a1b2c3d4e5f6b002', missing: 'subnet-0fffffffffffffff1', 'other-vpc': 'subnet-0f9e8d7c6b5a4c003', 'same-az': 'subnet-0a1b2c3d4e5f6c004' }[f.subnet1];
    r.Directory.VpcSettings.SubnetIds = ['subnet-0a1b2c3d4e5f6a001', second];
    if (f.vpc === 'missing') paths.push(SUBNET_PATH(0), SUBNET_PATH(1));
    else if (f.subnet1 !== 'ok') paths.push(SUBNET_PATH(1));
    // 'closed': the seed's directory-clients group, which lets no TCP 443 in from the VPC (Connector for AD needs it).
    const sgs = {
      ok: ['sg-0a1b2c3d4e5f6a101'], missing: ['sg-0fffffffffffffff1'], 'other-vpc': ['sg-0f9e8d7c6b5a4c201'],
      'two-ok': ['sg-0a1b2c3d4e5f6a101', 'sg-0a1b2c3d4e5f6a103'], closed: ['sg-0a1b2c3d4e5f6a102'],
    }[f.sg];
    r.Connector.VpcInformation.SecurityGroupIds = sgs;
    if (!simple && (f.sg === 'missing' || f.sg === 'other-vpc' || f.sg === 'closed' || f.vpc === 'missing')) paths.push(SG_PATH(0));
    if (f.ca !== 'ok' && !simple) {
      r.Connector.CertificateAuthorityArn = f.ca === 'disabled'
        ? 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/66666666-7777-8888-9999-000000000000'
        : 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/99999999-9999-4999-8999-999999999999';
      paths.push('Connector.CertificateAuthorityArn');
    }
    if (f.secret !== 'ok') {
      r.Directory.PasswordSecretId = f.secret === 'weak' ? 'ad-cert-orchestrator/ad-weak-password' : 'ad-cert-orchestrator/no-such-secret';
      paths.push('Directory.PasswordSecretId');
    }
    if (simple) Reflect.deleteProperty(r, 'Connector');
    return { request: r as unknown as Json, paths: [...new Set(paths)] };
  });

/** A short description of a request for failure messages (never throws, even for very deep values). */
const preview = (v: unknown): string => {
  try {
    return JSON.stringify(v).slice(0, 300);
  } catch {
    return `(${typeof v}, not printable)`;
  }
};

/** Rules whose schema-valid values name resources that do not exist in the seed. */
const SEED_REFERENCE_RULES = [
  'Directory.PasswordSecretId', 'Directory.VpcSettings.VpcId', 'Directory.VpcSettings.SubnetIds[1]',
  'Connector.VpcInformation.SecurityGroupIds[0]', 'Connector.CertificateAuthorityArn', 'SubnetIds count/duplicates',
  'SecurityGroupIds count/duplicates',
];

export interface HandlerSampleResult {
  cases: number;
  rejected: number;
  accepted: number;
  invalid: number;
  valid: number;
  failures: string[];
}

/**
 * The ValidateRequest handler core (schema + preflight reads through the real SDK clients) against the ACTIVE
 * emulator: a seeded sample of the schema corpus plus generated preflight violations.
 */
export const runHandlerSample = async (opts: { seed?: number; perRule?: number; preflight?: number } = {}): Promise<HandlerSampleResult> => {
  const { validateRequestCore } = await import('../../src/handlers/validate-request.ts');
  const seed = opts.seed ?? CORPUS_SEED;
  const cases: { request: unknown; paths: string[]; prefix?: boolean }[] = [];
  for (const rule of RULES) {
    for (const c of fc.sample(rule.arbitrary, { seed, numRuns: opts.perRule ?? 4 })) {
      // A schema-valid value of a field that names an AWS resource is a preflight case (preflightArbitrary).
      if (c.path === undefined && SEED_REFERENCE_RULES.includes(rule.name)) continue;
      cases.push({ request: c.request, paths: c.path === undefined ? [] : [c.path], ...(c.prefix ? { prefix: true } : {}) });
    }
  }
  cases.push(...fc.sample(preflightArbitrary, { seed, numRuns: opts.preflight ?? 60 }));
  const out: HandlerSampleResult = { cases: 0, rejected: 0, accepted: 0, invalid: 0, valid: 0, failures: [] };
  for (const c of cases) {
    out.cases += 1;
    if (c.paths.length === 0) out.valid += 1;
    else out.invalid += 1;
    let violations: Violation[] = [];
    let accepted = false;
    try {
      await validateRequestCore({ ExecutionId: 'arn:aws:states:us-east-1:000000000000:execution:corpus:x', Request: c.request });
      accepted = true;
    } catch (err) {
      if (!(err instanceof Error) || err.name !== 'InvalidRequestError') {
        out.failures.push(`handler threw ${err instanceof Error ? err.name : String(err)} for ${preview(c.request)}`);
        continue;
      }
      violations = (err as Error & { violations: Violation[] }).violations;
    }
    const problems = c.paths.length === 0
      ? [checkCase({ request: c.request }, violations, accepted)]
      : c.paths.map((path) => checkCase({ request: c.request, path, ...(c.prefix ? { prefix: true } : {}) }, violations, accepted));
    const problem = problems.find((p) => p !== undefined);
    if (problem) out.failures.push(`${problem} :: ${preview(c.request)}`);
    else if (c.paths.length === 0) out.accepted += 1;
    else out.rejected += 1;
  }
  return out;
};

const CREATE_CALLS = ['DirectoryService.CreateDirectory', 'DirectoryService.CreateMicrosoftAD', 'PcaConnectorAd.CreateConnector'];

/**
 * A seeded sample of invalid requests as whole executions in the local world: each must fail with
 * InvalidRequestError (caught at ValidateRequest), name the violated path in the cause, and make no create call.
 */
export const runWorkflowSample = async (
  execute: (input: unknown) => Promise<{ status: string; error?: string; cause?: string; apiCalls: Record<string, number> }>,
  opts: { seed?: number; count?: number } = {},
): Promise<{ cases: number; rejected: number; failures: string[] }> => {
  const seed = opts.seed ?? CORPUS_SEED;
  const pool: { request: unknown; paths: string[] }[] = [];
  for (const rule of RULES) {
    for (const c of fc.sample(rule.arbitrary, { seed, numRuns: 3 })) {
      if (c.path === undefined || c.prefix || typeof c.request !== 'object' || c.request === null || Array.isArray(c.request)) continue;
      const text = (() => {
        try {
          return JSON.stringify(c.request);
        } catch {
          return undefined;
        }
      })();
      if (text && text.length < 200_000) pool.push({ request: c.request, paths: [c.path] });
    }
  }
  pool.push(...fc.sample(preflightArbitrary, { seed, numRuns: 12 }).filter((c) => c.paths.length > 0));
  const sample = fc.sample(fc.shuffledSubarray(pool, { minLength: Math.min(opts.count ?? 24, pool.length), maxLength: Math.min(opts.count ?? 24, pool.length) }), { seed, numRuns: 1 })[0] ?? [];
  const out = { cases: 0, rejected: 0, failures: [] as string[] };
  for (const c of sample) {
    out.cases += 1;
    const run = await execute(c.request);
    const created = CREATE_CALLS.filter((k) => (run.apiCalls[k] ?? 0) > 0);
    const problems = [
      ...(run.status !== 'FAILED' || run.error !== 'InvalidRequestError' ? [`ended ${run.status} ${run.error ?? ''}`] : []),
      ...c.paths.filter((p) => !(run.cause ?? '').includes(`${p}:`)).map((p) => `cause does not name ${p}`),
      ...(created.length > 0 ? [`create calls made: ${created.join(', ')}`] : []),
    ];
    if (problems.length === 0) out.rejected += 1;
    else out.failures.push(`${problems.join('; ')} :: ${preview(c.request)}`);
  }
  return out;
};
