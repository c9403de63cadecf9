/**
 * Schema validation of the execution input (contract v1) against every documented constraint of the two seed APIs
 * (Directory Service CreateDirectory / CreateMicrosoftAD, PCA Connector AD CreateConnector) and the service models.
 *
 * Pure: no I/O, never throws on any JSON-ish input, returns ALL violations with field paths. Messages never contain
 * a secret (the admin password is never accepted here) and never echo values longer than 64 characters. The rules
 * are one spec tree (`REQUEST_SPEC`, interpreted by src/domain/spec.ts), which also generates the API's model.
 *
 * Where this is stricter than the service model, the reason is written next to the rule.
 */
import { isExistingDirectory } from '../contract.ts';
import type {
  ConnectorRequest,
  DirectoryEdition,
  DirectoryRequest,
  DirectorySize,
  DirectoryTag,
  DirectoryType,
  ExistingDirectoryRequest,
  ProvisioningOptions,
  ProvisioningRequest,
} from '../contract.ts';
import type { Violation } from './errors.ts';
import { GROUP_NAME_MAX, GROUP_NAME_PATTERN, directoryDataProblem, groupKey } from './groups.ts';
import { DEFAULT_PASSWORD_SECRET_PREFIX, secretScopeProblem } from './secret-scope.ts';
import { MAX_ITEMS_CHECKED, checkShape, has, isPlainObject, show } from './spec.ts';
import type { ArraySpec, ObjectSpec, Spec, StringSpec } from './spec.ts';
import { specOfShape } from './template-spec.ts';
import { CONNECTOR_TIMEOUT_MINUTES, DIRECTORY_TIMEOUT_MINUTES } from '../workflow/waits.ts';
export { kindOf, show } from './spec.ts';

/* ---------------- documented constraints ---------------- */

export const DIRECTORY_TYPES: readonly DirectoryType[] = ['SimpleAD', 'MicrosoftAD', 'ADConnector'];
/** DS `DirectoryId`: `^d-[0-9a-f]{10}$`. */
export const DIRECTORY_ID_PATTERN = /^d-[0-9a-f]{10}$/;
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
/**
 * ConnectDirectory `ConnectSettings`: `CustomerDnsIps` (DS `IpAddr`, dotted IPv4) and `CustomerUserName` (DS
 * `UserName`: min 1, `[a-zA-Z0-9._-]+`, matched whole as the model's Java patterns are). The model makes
 * CustomerDnsIps optional only because CustomerDnsIpsV6 may replace it; this tool connects over IPv4 only, so it
 * requires at least one. The model bounds neither list nor name: 10 addresses and 64 characters are this tool's.
 */
export const IPV4_PATTERN = /^(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$/;
export const CUSTOMER_DNS_IPS_MAX = 10;
export const CUSTOMER_USER_NAME_PATTERN = /^[a-zA-Z0-9._-]+$/;
export const CUSTOMER_USER_NAME_MAX = 64;
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
/**
 * Templates and access entries one request may create: CreateTemplates makes them in one Lambda invocation (at most
 * 10 × 12 calls; the function has 50 s, serverless.yml), so the bound keeps it inside its timeout. AWS's own quotas
 * are higher.
 */
export const TEMPLATES_MAX = 10;
export const ACCESS_CONTROL_ENTRIES_MAX = 10;

/**
 * The least DirectoryTimeoutMinutes per type: a shorter deadline is certain to expire. AWS Managed Microsoft AD: the
 * Directory Service admin guide's status page says "Directory creation typically takes between 20 to 45 minutes"
 * (https://docs.aws.amazon.com/directoryservice/latest/admin-guide/simple_ad_directory_status.html; the text sits on
 * the Simple AD page, but the Managed AD figures of other sources match it, e.g. "Microsoft AD 20-40 minutes"). Simple
 * AD: roughly 10 minutes by secondary sources, with no documented lower bound, so it keeps the general minimum.
 */
export const DIRECTORY_TIMEOUT_MIN_BY_TYPE: Readonly<Record<DirectoryType, { minutes: number; why: string }>> = {
  SimpleAD: { minutes: DIRECTORY_TIMEOUT_MINUTES.min, why: 'the general minimum' },
  ADConnector: { minutes: DIRECTORY_TIMEOUT_MINUTES.min, why: 'the general minimum' },
  MicrosoftAD: { minutes: 20, why: 'AWS documents 20-45 minutes to create one' },
};

/* ---------------- the request, as a spec (src/domain/spec.ts) ---------------- */

/** What this deployment allows beyond the documented constraints. */
export interface ValidationScope {
  /** Password secrets must be named under this prefix (the functions' IAM scope). */
  passwordSecretPrefix: string;
}
export const DEFAULT_SCOPE: ValidationScope = { passwordSecretPrefix: DEFAULT_PASSWORD_SECRET_PREFIX };

const TAG_CHARACTERS = 'the tag character set (letters, digits, spaces and _.:/=+-@)';

const tagKey: StringSpec<ValidationScope> = {
  kind: 'string',
  min: 1,
  max: TAG_KEY_MAX,
  pattern: TAG_PATTERN,
  patternText: TAG_CHARACTERS,
  refine: (key) => {
    if (key.toLowerCase().startsWith('aws:')) return `tag keys must not start with "aws:" (reserved by AWS; got ${show(key)})`;
    if (key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
      return `tag keys must not start with "${RESERVED_TAG_PREFIX}" (this tool sets those itself)`;
    }
    return undefined;
  },
};
const tagValue: StringSpec<ValidationScope> = { kind: 'string', max: TAG_VALUE_MAX, pattern: TAG_PATTERN, patternText: TAG_CHARACTERS };
const TAG_COUNT = `tags (AWS allows ${AWS_TAG_LIMIT}; this tool adds ${OWN_TAG_COUNT})`;

const ids = (pattern: RegExp, patternText: string, min: number, max: number, what: string): ArraySpec<ValidationScope> => ({
  kind: 'array',
  min,
  max,
  what,
  unique: true,
  items: { kind: 'string', min: 1, max: 64, pattern, patternText },
});

/**
 * Size for SimpleAD and ADConnector, Edition for MicrosoftAD, ConnectSettings for ADConnector only (Type defaults to
 * SimpleAD; an invalid Type has its own violation).
 */
const directoryTypeRules: ObjectSpec<ValidationScope>['check'] = (d, _path, _scope, report) => {
  const type = has(d, 'Type') ? d['Type'] : 'SimpleAD';
  if (type === 'SimpleAD' || type === 'ADConnector') {
    if (!has(d, 'Size')) report('Directory.Size', `is required for Directory.Type ${type} (Small | Large)`);
    if (has(d, 'Edition')) report('Directory.Edition', `applies to Directory.Type MicrosoftAD only (${type} uses Size)`);
  } else if (type === 'MicrosoftAD') {
    if (has(d, 'Size')) report('Directory.Size', 'applies to Directory.Type SimpleAD and ADConnector only (Managed Microsoft AD uses Edition)');
  }
  if (type === 'ADConnector' && !has(d, 'ConnectSettings')) {
    report('Directory.ConnectSettings', 'is required for Directory.Type ADConnector (CustomerDnsIps, CustomerUserName: the on-premises domain)');
  }
  if (type !== 'ADConnector' && has(d, 'ConnectSettings')) report('Directory.ConnectSettings', 'applies to Directory.Type ADConnector only');
};

/**
 * AWS documents AWS Private CA Connector for Active Directory for AWS Managed Microsoft AD and AD Connector only
 * (Private CA User Guide, "Set up Connector for AD"); its registration reasons include DIRECTORY_TYPE_NOT_SUPPORTED.
 * A Simple AD directory with a connector would be a billable directory the connector can never use, so the request
 * is refused before anything is created. Type defaults to SimpleAD, so an omitted Type counts.
 */
export const SIMPLE_AD_CONNECTOR_MESSAGE =
  'SimpleAD cannot be used with a Connector (DIRECTORY_TYPE_NOT_SUPPORTED): AWS documents AWS Private CA Connector for ' +
  'Active Directory for AWS Managed Microsoft AD and AD Connector only. Use Type "MicrosoftAD" (with Edition instead ' +
  'of Size), or leave out Connector to create the Simple AD directory alone';

/** The Directory of a request that creates one (the checks by Type do not apply to a directory named by DirectoryId). */
const directoryToCreate = (request: Record<string, unknown>): Record<string, unknown> | undefined => {
  const directory = request['Directory'];
  return isPlainObject(directory) && !has(directory, 'DirectoryId') ? directory : undefined;
};

const simpleAdConnector: ObjectSpec<ValidationScope>['check'] = (request, _path, _scope, report) => {
  const directory = directoryToCreate(request);
  if (!directory || !has(request, 'Connector')) return;
  const type = has(directory, 'Type') ? directory['Type'] : 'SimpleAD';
  if (type === 'SimpleAD') {
    report('Directory.Type', `${SIMPLE_AD_CONNECTOR_MESSAGE}${has(directory, 'Type') ? '' : ' (Type defaults to SimpleAD)'}`);
  }
};

/* ---------------- access control entries: the group by name or by SID ---------------- */

/**
 * The group's sAMAccountName as Directory Service Data's DescribeGroup/CreateGroup take it (`GroupName`, ds-data
 * 2023-05-31). Stricter than the model: control characters are refused (they cannot be typed into a group name).
 */
const groupName: StringSpec<ValidationScope> = {
  kind: 'string',
  min: 1,
  max: GROUP_NAME_MAX,
  pattern: GROUP_NAME_PATTERN,
  patternText: 'an Active Directory group name (sAMAccountName, e.g. "Domain Computers"): none of : ; | = + " * ? < > / \\ , [ ] @',
};
const groupSecurityIdentifier: Spec<ValidationScope> = specOfShape('GroupSecurityIdentifier');
const groupDisplayName: Spec<ValidationScope> = specOfShape('DisplayName');

/** Whether `value` passes `spec` (without reporting). */
const passes = (spec: Spec<ValidationScope>, value: unknown, scope: ValidationScope): boolean => checkShape(spec, value, scope).length === 0;

/**
 * One entry names its group by exactly one of GroupName and GroupSecurityIdentifier. GroupDisplayName is required
 * with a SID (CreateTemplateGroupAccessControlEntry requires it) and defaults to GroupName otherwise, so a GroupName
 * that is not a valid display name (printable ASCII) needs one. CreateGroup applies to a GroupName only.
 */
const accessControlEntryRules: ObjectSpec<ValidationScope>['check'] = (entry, path, scope, report) => {
  const byName = has(entry, 'GroupName');
  const bySid = has(entry, 'GroupSecurityIdentifier');
  if (byName && bySid) report(path, 'must name its group by exactly one of GroupName or GroupSecurityIdentifier (it has both)');
  if (!byName && !bySid) report(path, 'must name its group by GroupName (e.g. "Domain Computers") or GroupSecurityIdentifier (it has neither)');
  if (bySid && !byName && !has(entry, 'GroupDisplayName')) {
    report(`${path}.GroupDisplayName`, 'is required with GroupSecurityIdentifier (it defaults to GroupName only)');
  }
  if (has(entry, 'CreateGroup') && !byName) report(`${path}.CreateGroup`, 'applies to an entry with GroupName only');
  const name = entry['GroupName'];
  if (byName && !has(entry, 'GroupDisplayName') && passes(groupName, name, scope) && !passes(groupDisplayName, name, scope)) {
    report(`${path}.GroupDisplayName`, 'is required: it defaults to GroupName, which is not a valid display name (printable ASCII only)');
  }
};

/**
 * Two entries of one template must not name the same group: by SID, or by name in any case (Active Directory
 * compares sAMAccountNames case-insensitively). A name and the SID it resolves to are told apart only once the
 * directory answers (ResolveGroups refuses them then).
 */
const distinctGroups: ObjectSpec<ValidationScope>['check'] = (template, path, scope, report) => {
  const entries = template['AccessControlEntries'];
  if (!Array.isArray(entries)) return;
  const seen = new Map<string, number>();
  entries.slice(0, MAX_ITEMS_CHECKED).forEach((entry: unknown, i) => {
    if (!isPlainObject(entry)) return;
    const name = entry['GroupName'];
    const sid = entry['GroupSecurityIdentifier'];
    const [field, key] = typeof name === 'string' && passes(groupName, name, scope)
      ? ['GroupName', `name:${groupKey(name)}`]
      : typeof sid === 'string' && passes(groupSecurityIdentifier, sid, scope) ? ['GroupSecurityIdentifier', `sid:${sid}`] : [undefined, undefined];
    if (field === undefined || key === undefined) return;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    const value = entry[field] as string;
    const caseNote = field === 'GroupName' ? '; group names are case-insensitive' : '';
    report(`${path}.AccessControlEntries[${i}].${field}`, `names the same group as ${path}.AccessControlEntries[${first}] (${show(value)}${caseNote})`);
  });
};

/** A GroupName needs Directory Service Data, which not every directory type has (src/domain/groups.ts). */
const groupNamesByType: ObjectSpec<ValidationScope>['check'] = (request, _path, _scope, report) => {
  const directory = directoryToCreate(request);
  const connector = request['Connector'];
  if (!directory || !isPlainObject(connector) || !Array.isArray(connector['Templates'])) return;
  const type = has(directory, 'Type') ? directory['Type'] : 'SimpleAD';
  if (typeof type !== 'string' || !(DIRECTORY_TYPES as readonly string[]).includes(type)) return;
  const problem = directoryDataProblem(type);
  if (problem === undefined) return;
  connector['Templates'].slice(0, MAX_ITEMS_CHECKED).forEach((template: unknown, t) => {
    const entries = isPlainObject(template) ? template['AccessControlEntries'] : undefined;
    if (!Array.isArray(entries)) return;
    entries.slice(0, MAX_ITEMS_CHECKED).forEach((entry: unknown, e) => {
      if (isPlainObject(entry) && has(entry, 'GroupName')) report(`Connector.Templates[${t}].AccessControlEntries[${e}].GroupName`, problem);
    });
  });
};

/** Options.DirectoryTimeoutMinutes at least the type's minimum (checked only when the value is otherwise valid). */
const directoryTimeoutByType: ObjectSpec<ValidationScope>['check'] = (request, _path, _scope, report) => {
  const directory = directoryToCreate(request);
  const options = request['Options'];
  if (!directory || !isPlainObject(options)) return;
  const type = has(directory, 'Type') ? directory['Type'] : 'SimpleAD';
  const minutes = options['DirectoryTimeoutMinutes'];
  if (type !== 'SimpleAD' && type !== 'MicrosoftAD' && type !== 'ADConnector') return;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes)) return;
  if (minutes < DIRECTORY_TIMEOUT_MINUTES.min || minutes > DIRECTORY_TIMEOUT_MINUTES.max) return;
  const least = DIRECTORY_TIMEOUT_MIN_BY_TYPE[type];
  if (minutes < least.minutes) {
    report('Options.DirectoryTimeoutMinutes', `must be at least ${least.minutes} for Directory.Type ${type} (${least.why}) (got ${minutes})`);
  }
};

/** The directory to create (CreateDirectory / CreateMicrosoftAD). */
const NEW_DIRECTORY_SPEC: ObjectSpec<ValidationScope> = {
  kind: 'object',
  required: ['Name', 'PasswordSecretId', 'VpcSettings'],
  check: directoryTypeRules,
  fields: {
    Type: { kind: 'enum', values: DIRECTORY_TYPES },
    Name: {
      kind: 'string',
      min: 1,
      max: DIRECTORY_NAME_MAX,
      pattern: DIRECTORY_NAME_PATTERN,
      patternText: 'a fully qualified domain name such as corp.example.com (letters and digits, separated by . or -)',
      refine: (name) =>
        name.split('.').some((label) => label.length > DNS_LABEL_MAX)
          ? `each DNS label must be at most ${DNS_LABEL_MAX} characters`
          : undefined,
    },
    ShortName: {
      kind: 'string',
      min: 1,
      max: SHORT_NAME_MAX,
      pattern: SHORT_NAME_PATTERN,
      patternText: 'a NetBIOS name: no \\ / : * ? " < > | and not starting with "."',
    },
    Description: {
      kind: 'string',
      max: DESCRIPTION_MAX,
      pattern: DESCRIPTION_PATTERN,
      patternText:
        'the Directory Service description pattern (starts with a letter, digit or _, then letters, digits, spaces and _@#%*+=:?./!\\-)',
      controlChars: true, // the pattern itself admits \t \n \x0B \f \r and rejects the others
      emptyOk: true, // min 0 in the model; an empty description is simply not sent
    },
    Size: { kind: 'enum', values: DIRECTORY_SIZES },
    Edition: { kind: 'enum', values: DIRECTORY_EDITIONS },
    PasswordSecretId: {
      kind: 'string',
      min: 1,
      max: SECRET_ID_MAX,
      pattern: SECRET_ID_PATTERN,
      patternText: 'a Secrets Manager secret name or ARN (letters, digits and /_+=.@-:), never the password itself',
      echo: false, // if a password was pasted here, do not repeat it
      refine: (secretId, scope) => secretScopeProblem(secretId, scope.passwordSecretPrefix),
    },
    VpcSettings: {
      kind: 'object',
      required: ['VpcId', 'SubnetIds'],
      fields: {
        VpcId: { kind: 'string', min: 1, max: 64, pattern: VPC_ID_PATTERN, patternText: 'vpc- followed by 8 or 17 hex digits' },
        SubnetIds: ids(
          SUBNET_ID_PATTERN,
          'subnet- followed by 8 or 17 hex digits',
          SUBNET_COUNT,
          SUBNET_COUNT,
          'subnet ids (in two different Availability Zones)',
        ),
      },
    },
    ConnectSettings: {
      kind: 'object',
      required: ['CustomerDnsIps', 'CustomerUserName'],
      fields: {
        CustomerDnsIps: {
          kind: 'array',
          min: 1,
          max: CUSTOMER_DNS_IPS_MAX,
          what: 'IPv4 addresses of DNS servers or domain controllers of the on-premises domain',
          unique: true,
          items: { kind: 'string', min: 7, max: 15, pattern: IPV4_PATTERN, patternText: 'a dotted IPv4 address such as 192.0.2.10' },
        },
        CustomerUserName: {
          kind: 'string',
          min: 1,
          max: CUSTOMER_USER_NAME_MAX,
          pattern: CUSTOMER_USER_NAME_PATTERN,
          patternText: 'the on-premises service account name: letters, digits and ._- (no domain prefix)',
        },
      },
    },
    Tags: {
      kind: 'array',
      max: USER_TAG_LIMIT,
      what: TAG_COUNT,
      unique: { field: 'Key' },
      items: { kind: 'object', required: ['Key', 'Value'], fields: { Key: tagKey, Value: tagValue } },
    },
  },
};

/**
 * An existing directory by id. Whether it exists, is of a supported type (Managed AD or AD Connector) and is Active
 * is checked by ValidateRequest's preflight (DescribeDirectories). It keeps its own admin password, so
 * PasswordSecretId has no use here.
 */
const EXISTING_DIRECTORY_SPEC: ObjectSpec<ValidationScope> = {
  kind: 'object',
  required: ['DirectoryId'],
  unknownField: (key) =>
    key === 'PasswordSecretId' || key === 'Password'
      ? 'unknown field: an existing directory (DirectoryId) keeps its own admin password, leave it out'
      : `unknown field (allowed: DirectoryId; give Name, VpcSettings and the rest without DirectoryId to create a directory)`,
  fields: {
    DirectoryId: { kind: 'string', min: 1, max: 12, pattern: DIRECTORY_ID_PATTERN, patternText: 'd- followed by 10 hex digits (a Directory Service directory id)' },
  },
};

/**
 * The execution input (contract v1): the one source of the workflow's validation, the API's, and the API Gateway
 * model (`npm run gen:schema` writes src/api/provisioning-request.schema.json from it).
 */
export const REQUEST_SPEC: ObjectSpec<ValidationScope> = {
  kind: 'object',
  required: ['Directory'],
  check: (request, path, scope, report) => {
    simpleAdConnector(request, path, scope, report);
    directoryTimeoutByType(request, path, scope, report);
    groupNamesByType(request, path, scope, report);
  },
  fields: {
    Directory: {
      kind: 'union',
      pick: (value) => (isPlainObject(value) && has(value, 'DirectoryId') ? 1 : 0),
      options: [NEW_DIRECTORY_SPEC, EXISTING_DIRECTORY_SPEC],
    },
    Connector: {
      kind: 'object',
      required: ['CertificateAuthorityArn', 'VpcInformation'],
      fields: {
        CertificateAuthorityArn: {
          kind: 'string',
          min: CA_ARN_MIN,
          max: CA_ARN_MAX,
          pattern: CA_ARN_PATTERN,
          patternText: 'arn:<partition>:acm-pca:<region>:<12-digit account>:certificate-authority/<uuid>',
        },
        VpcInformation: {
          kind: 'object',
          required: ['SecurityGroupIds'],
          fields: {
            IpAddressType: { kind: 'enum', values: IP_ADDRESS_TYPES },
            SecurityGroupIds: ids(
              SECURITY_GROUP_ID_PATTERN,
              'sg- followed by 8 or 17 hex digits',
              SECURITY_GROUPS_MIN,
              SECURITY_GROUPS_MAX,
              'security group ids',
            ),
          },
        },
        Tags: { kind: 'map', keys: tagKey, values: tagValue, max: USER_TAG_LIMIT, what: TAG_COUNT, example: '{"team": "pki"}' },
        Templates: {
          kind: 'array',
          max: TEMPLATES_MAX,
          what: `templates (this tool creates at most ${TEMPLATES_MAX} per request)`,
          unique: { field: 'Name', anyCase: true },
          items: {
            kind: 'object',
            required: ['Name', 'Definition'],
            check: distinctGroups,
            fields: {
              Name: specOfShape('TemplateName'),
              Definition: specOfShape('TemplateDefinition'),
              AccessControlEntries: {
                kind: 'array',
                max: ACCESS_CONTROL_ENTRIES_MAX,
                what: `access control entries (this tool creates at most ${ACCESS_CONTROL_ENTRIES_MAX} per template)`,
                items: {
                  kind: 'object',
                  required: ['AccessRights'],
                  check: accessControlEntryRules,
                  fields: {
                    GroupName: groupName,
                    GroupSecurityIdentifier: groupSecurityIdentifier,
                    GroupDisplayName: groupDisplayName,
                    CreateGroup: { kind: 'boolean' },
                    AccessRights: specOfShape('AccessRights'),
                  },
                },
              },
              ReenrollAllCertificateHolders: { kind: 'boolean' },
            },
          },
        },
        PruneTemplates: { kind: 'boolean' },
      },
    },
    Options: {
      kind: 'object',
      fields: {
        DirectoryTimeoutMinutes: { kind: 'integer', min: DIRECTORY_TIMEOUT_MINUTES.min, max: DIRECTORY_TIMEOUT_MINUTES.max },
        ConnectorTimeoutMinutes: { kind: 'integer', min: CONNECTOR_TIMEOUT_MINUTES.min, max: CONNECTOR_TIMEOUT_MINUTES.max },
      },
    },
  },
};

export interface ValidationOutcome {
  violations: Violation[];
  /** The request, typed, when there are no violations (Directory.Type defaulted to SimpleAD). */
  request?: ProvisioningRequest;
}

/** Validates an untrusted execution input. Never throws. */
export const validateRequest = (input: unknown, scope: ValidationScope = DEFAULT_SCOPE): ValidationOutcome => {
  const violations = checkShape(REQUEST_SPEC, input, scope);
  if (violations.length > 0) return { violations };
  return { violations, request: normalise(input as ProvisioningRequest) };
};

/** Copies only the known fields (the input passed validation), defaulting Directory.Type. */
const normalise = (r: ProvisioningRequest): ProvisioningRequest => {
  const d = r.Directory;
  const directory: DirectoryRequest | ExistingDirectoryRequest = isExistingDirectory(d) ? { DirectoryId: d.DirectoryId } : {
    Type: d.Type ?? 'SimpleAD',
    Name: d.Name,
    ...(d.ShortName !== undefined ? { ShortName: d.ShortName } : {}),
    ...(d.Description !== undefined ? { Description: d.Description } : {}),
    ...(d.Size !== undefined ? { Size: d.Size } : {}),
    ...(d.Edition !== undefined ? { Edition: d.Edition } : {}),
    PasswordSecretId: d.PasswordSecretId,
    VpcSettings: { VpcId: d.VpcSettings.VpcId, SubnetIds: [...d.VpcSettings.SubnetIds] },
    ...(d.ConnectSettings !== undefined
      ? { ConnectSettings: { CustomerDnsIps: [...d.ConnectSettings.CustomerDnsIps], CustomerUserName: d.ConnectSettings.CustomerUserName } }
      : {}),
    ...(d.Tags !== undefined ? { Tags: d.Tags.map((t: DirectoryTag) => ({ Key: t.Key, Value: t.Value })) } : {}),
  };
  const k = r.Connector;
  const connector: ConnectorRequest | undefined = k
    ? {
        CertificateAuthorityArn: k.CertificateAuthorityArn,
        VpcInformation: {
          ...(k.VpcInformation.IpAddressType !== undefined ? { IpAddressType: k.VpcInformation.IpAddressType } : {}),
          SecurityGroupIds: [...k.VpcInformation.SecurityGroupIds],
        },
        ...(k.Tags !== undefined ? { Tags: { ...k.Tags } } : {}),
        ...(k.Templates !== undefined ? { Templates: structuredClone(k.Templates) } : {}),
        ...(k.PruneTemplates !== undefined ? { PruneTemplates: k.PruneTemplates } : {}),
      }
    : undefined;
  const options: ProvisioningOptions | undefined = r.Options ? { ...r.Options } : undefined;
  return { Directory: directory, ...(connector ? { Connector: connector } : {}), ...(options ? { Options: options } : {}) };
};

/** Timeouts in seconds, defaults applied. */
export const timeoutsOf = (request: ProvisioningRequest): { directory: number; connector: number } => ({
  directory: (request.Options?.DirectoryTimeoutMinutes ?? DIRECTORY_TIMEOUT_MINUTES.default) * 60,
  connector: (request.Options?.ConnectorTimeoutMinutes ?? CONNECTOR_TIMEOUT_MINUTES.default) * 60,
});

