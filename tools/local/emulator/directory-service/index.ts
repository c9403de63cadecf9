/**
 * Directory Service (awsJson1_1, target prefix `DirectoryService_20150416.`).
 * Validation order and error names follow moto 5.x (moto/ds): directory limit, VpcSettings presence, model
 * constraints (-> ValidationException, "N validation error(s) detected: ..."), then the VPC facts (subnet count /
 * existence -> InvalidParameterException, same AZ / unknown VPC / subnet outside the VPC -> ClientException), then tags.
 * The password is checked against the model pattern and then dropped: it is never stored, logged or echoed.
 */
import { ApiError } from '../core/api-error.ts';
import { decodeToken, encodeToken, epochSeconds, obj, str, strList } from '../core/service.ts';
import type { Json, ServiceContext, ServiceDef } from '../core/service.ts';
import {
  DATA_ACCESS_FAIL_STATUSES,
  DIRECTORIES,
  DIRECTORY_FAIL_STAGES,
  DIRECTORY_SETTINGS,
  dataAccessStatus,
  directoryStage,
  existingDirectories,
  newDomainSid,
} from './state.ts';
import type { DirectoryRecord } from './state.ts';

const PATTERNS = {
  name: /^([a-zA-Z0-9]+[\\.-])+([a-zA-Z0-9])+$/,
  shortName: /^[^\\/:*?"<>|.]+[^\\/:*?"<>|]*$/,
  description: /^([a-zA-Z0-9_])[\\a-zA-Z0-9_@#%*+=:?./!\s-]*$/,
  password:
    /(?=^.{8,64}$)((?=.*\d)(?=.*[A-Z])(?=.*[a-z])|(?=.*\d)(?=.*[^A-Za-z0-9\s])(?=.*[a-z])|(?=.*[^A-Za-z0-9\s])(?=.*[A-Z])(?=.*[a-z])|(?=.*\d)(?=.*[A-Z])(?=.*[^A-Za-z0-9\s]))^.*/,
  subnetId: /^(subnet-[0-9a-f]{8}|subnet-[0-9a-f]{17})$/,
  directoryId: /^d-[0-9a-f]{10}$/,
  tagKey: /^(?!aws:)([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u,
  tagValue: /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u,
};
const MAX_TAGS = 50;
/** DeleteDirectory's refusal while an application (Connector for AD) is still authorized on the directory. */
export const AUTHORIZED_APPLICATIONS_MESSAGE = 'Cannot delete the directory because it still has authorized applications.';
const DEFAULT_PAGE = 100;

type Violation = [field: string, value: unknown, constraint: string];

/** One ValidationException carrying every violation, worded like AWS/moto. Password values are never shown. */
function validationError(violations: Violation[]): ApiError {
  const msgs = violations.map(([field, value, constraint]) => {
    const shown = field.toLowerCase().includes('password') ? 'at' : value === undefined ? 'null at' : `'${String(value)}' at`;
    return `Value ${shown} '${field}' failed to satisfy constraint: Member must ${constraint}`;
  });
  const n = violations.length;
  return new ApiError('ValidationException', `${n} validation error${n > 1 ? 's' : ''} detected: ${msgs.join('; ')}`);
}

function check(violations: Violation[], field: string, value: string | undefined, re: RegExp, required = false): void {
  if (value === undefined) {
    if (required) violations.push([field, undefined, 'not be null']);
    return;
  }
  if (!re.test(value)) violations.push([field, value, `satisfy regular expression pattern: ${re.source}`]);
}

function tagViolations(tags: unknown): Violation[] {
  const out: Violation[] = [];
  if (tags === undefined) return out;
  if (!Array.isArray(tags)) return [['tags', tags, 'be a list']];
  tags.forEach((t: unknown, i) => {
    const tag = obj(t) ?? {};
    const key = str(tag, 'Key');
    const value = str(tag, 'Value');
    const at = `tags.${i + 1}.member`;
    if (key === undefined || key.length < 1 || key.length > 128) out.push([`${at}.key`, key, 'have length between 1 and 128']);
    else if (!PATTERNS.tagKey.test(key)) out.push([`${at}.key`, key, `satisfy regular expression pattern: ${PATTERNS.tagKey.source}`]);
    if (value === undefined || value.length > 256) out.push([`${at}.value`, value, 'have length less than or equal to 256']);
    else if (!PATTERNS.tagValue.test(value)) out.push([`${at}.value`, value, `satisfy regular expression pattern: ${PATTERNS.tagValue.source}`]);
  });
  return out;
}

function findDirectory(ctx: ServiceContext, id: string | undefined, field = 'directoryId'): DirectoryRecord {
  const v: Violation[] = [];
  check(v, field, id, PATTERNS.directoryId, true);
  if (v.length) throw validationError(v);
  const d = existingDirectories(ctx).find((x) => x.DirectoryId === id);
  if (!d) throw new ApiError('EntityDoesNotExistException', `Directory ${id} does not exist`);
  return d;
}

function limitFor(ctx: ServiceContext): number {
  return ctx.seed.directoryLimit ?? 10;
}

function create(type: 'SimpleAD' | 'MicrosoftAD', input: Json, ctx: ServiceContext): Json {
  const live = existingDirectories(ctx).filter((d) => d.Type === type && d.deletedAtMs === undefined).length;
  if (live >= limitFor(ctx)) {
    throw new ApiError('DirectoryLimitExceededException', `Directory limit exceeded. A maximum of ${limitFor(ctx)} directories may be created`);
  }
  const vpc = obj(input.VpcSettings);
  if (!vpc) throw new ApiError('InvalidParameterException', 'VpcSettings must be specified.');
  const name = str(input, 'Name');
  const shortName = str(input, 'ShortName');
  const description = str(input, 'Description');
  const subnetIds = strList(vpc.SubnetIds) ?? [];
  const vpcId = str(vpc, 'VpcId');

  const v: Violation[] = [];
  const password = str(input, 'Password');
  check(v, 'password', password, PATTERNS.password, true);
  if (type === 'SimpleAD') {
    const size = str(input, 'Size');
    if (size === undefined) v.push(['size', undefined, 'not be null']);
    else if (!['Small', 'Large'].includes(size)) v.push(['size', size, 'satisfy enum value set: [Small, Large]']);
  } else {
    const edition = str(input, 'Edition');
    if (edition !== undefined && !['Enterprise', 'Standard'].includes(edition)) v.push(['edition', edition, 'satisfy enum value set: [Enterprise, Standard]']);
  }
  check(v, 'name', name, PATTERNS.name, true);
  if (description !== undefined && description.length > 128) v.push(['description', description, 'have length less than or equal to 128']);
  else if (description) check(v, 'description', description, PATTERNS.description);
  if (shortName) check(v, 'shortName', shortName, PATTERNS.shortName);
  const badSubnet = subnetIds.find((s) => !PATTERNS.subnetId.test(s));
  if (badSubnet) v.push(['vpcSettings.subnetIds', badSubnet, `satisfy regular expression pattern: ${PATTERNS.subnetId.source}`]);
  if (v.length) throw validationError(v);

  // The VPC facts (messages as moto, which copies AWS).
  const pairMsg = 'Invalid subnet ID(s). They must correspond to two subnets in different Availability Zones.';
  if (subnetIds.length !== 2) throw new ApiError('InvalidParameterException', pairMsg);
  const subnets = subnetIds.map((id) => ctx.seed.subnets.find((s) => s.SubnetId === id));
  const [a, b] = subnets;
  if (!a || !b) throw new ApiError('InvalidParameterException', pairMsg);
  if (a.AvailabilityZone === b.AvailabilityZone) {
    throw new ApiError('ClientException', 'Invalid subnet ID(s). The two subnets must be in different Availability Zones.');
  }
  if (!ctx.seed.vpcs.some((x) => x.VpcId === vpcId)) throw new ApiError('ClientException', 'Invalid VPC ID.');
  const outside = [a, b].find((s) => s.VpcId !== vpcId);
  if (outside) throw new ApiError('ClientException', `Invalid subnet ID(s). Subnet ${outside.SubnetId} does not belong to VPC ${vpcId}.`);

  const tags = input.Tags;
  const tv = tagViolations(tags);
  if (tv.length) throw validationError(tv);
  const tagList = (Array.isArray(tags) ? tags : []).map((t) => ({ Key: String((t as Json).Key), Value: String((t as Json).Value) }));
  if (tagList.length > MAX_TAGS) throw new ApiError('DirectoryLimitExceededException', 'Tag Limit is exceeding');

  const settings = ctx.state.get(DIRECTORY_SETTINGS);
  const activeAfterSeconds = settings.activeAfterSeconds[type];
  const lifecycleFault = ctx.faults.take('DirectoryService', 'DirectoryLifecycle');
  const outcome = lifecycleFault
    ? { stage: lifecycleFault.error as 'Failed', reason: lifecycleFault.message ?? `Directory creation failed: ${lifecycleFault.error} (injected lifecycle fault)` }
    : settings.outcome;
  const id = `d-${ctx.ids.hex(10)}`;
  const record: DirectoryRecord = {
    DirectoryId: id,
    Type: type,
    Name: name ?? '',
    ShortName: shortName ?? (name ?? '').split('.')[0]?.toUpperCase() ?? '',
    ...(description !== undefined ? { Description: description } : {}),
    ...(type === 'SimpleAD' ? { Size: str(input, 'Size') } : { Edition: str(input, 'Edition') ?? 'Enterprise' }),
    VpcSettings: { VpcId: vpcId ?? '', SubnetIds: subnetIds, SecurityGroupId: `sg-${ctx.ids.hex(17)}`, AvailabilityZones: [a.AvailabilityZone, b.AvailabilityZone] },
    DnsIpAddrs: [a, b].map((s) => dnsIp(s.CidrBlock)),
    Tags: tagList,
    createdAtMs: ctx.clock.now(),
    activeAfterSeconds,
    ...(outcome ? { outcome: { stage: outcome.stage ?? 'Failed', reason: outcome.reason, afterSeconds: outcome.afterSeconds ?? activeAfterSeconds } } : {}),
  };
  if (type === 'MicrosoftAD') record.DomainSid = newDomainSid(ctx);
  ctx.state.get(DIRECTORIES).push(record);
  return { DirectoryId: id };
}

/**
 * The directory of a Directory Data access call (DirectoryDoesNotExistException for an unknown one, as the model
 * lists). Directory Service Data serves AWS Managed Microsoft AD only (its API reference): another type is
 * UnsupportedOperationException, the model's error for it (the wording is the emulator's).
 */
function dataAccessDirectory(ctx: ServiceContext, input: Json): DirectoryRecord {
  const id = str(input, 'DirectoryId');
  const v: Violation[] = [];
  check(v, 'directoryId', id, PATTERNS.directoryId, true);
  if (v.length) throw validationError(v);
  const d = existingDirectories(ctx).find((x) => x.DirectoryId === id && x.deletedAtMs === undefined);
  if (!d) throw new ApiError('DirectoryDoesNotExistException', `Directory ${id} does not exist`);
  if (d.Type !== 'MicrosoftAD') throw new ApiError('UnsupportedOperationException', `Directory Service Data is not supported for ${d.Type} directories.`);
  return d;
}

/** An address inside the subnet (base + 10), like the DNS servers AWS places there. */
function dnsIp(cidr: string): string {
  const parts = (cidr.split('/')[0] ?? '10.0.0.0').split('.').map(Number);
  parts[3] = (parts[3] ?? 0) + 10;
  return parts.join('.');
}

function describe(d: DirectoryRecord, ctx: ServiceContext): Json {
  const st = directoryStage(d, ctx.clock.now());
  const { createdAtMs: _c, activeAfterSeconds: _a, outcome: _o, deletedAtMs: _d, Tags: _t, DomainSid: _s, DataAccess: _da, ...fields } = d;
  return {
    ...fields,
    Alias: d.DirectoryId,
    AccessUrl: `${d.DirectoryId}.awsapps.com`,
    Stage: st?.stage ?? 'Deleted',
    ...(st?.reason ? { StageReason: st.reason } : {}),
    LaunchTime: epochSeconds(d.createdAtMs),
    StageLastUpdatedDateTime: epochSeconds(st?.sinceMs ?? d.createdAtMs),
    SsoEnabled: false,
    DesiredNumberOfDomainControllers: d.Type === 'MicrosoftAD' ? 2 : 0,
  };
}

function page<T>(items: T[], input: Json): { items: T[]; NextToken?: string } {
  const limitRaw = input.Limit;
  if (limitRaw !== undefined && !(Number.isInteger(limitRaw) && (limitRaw as number) >= 0)) {
    throw validationError([['limit', limitRaw, 'have value greater than or equal to 0']]);
  }
  const limit = (limitRaw as number | undefined) || DEFAULT_PAGE;
  const start = decodeToken(str(input, 'NextToken'), () => new ApiError('InvalidNextTokenException', 'Invalid value passed for the NextToken parameter'));
  if (start > items.length) throw new ApiError('InvalidNextTokenException', 'Invalid value passed for the NextToken parameter');
  const end = start + limit;
  return { items: items.slice(start, end), ...(end < items.length ? { NextToken: encodeToken(end) } : {}) };
}

export const directoryService: ServiceDef = {
  name: 'DirectoryService',
  signingName: 'ds',
  endpointVariable: 'AWS_ENDPOINT_URL_DIRECTORY_SERVICE',
  protocol: 'awsJson',
  targetPrefix: 'DirectoryService_20150416',
  lifecycles: { DirectoryLifecycle: DIRECTORY_FAIL_STAGES, DirectoryDataAccessLifecycle: DATA_ACCESS_FAIL_STATUSES },
  state: [DIRECTORIES],
  errorStatus: (code) => (/(ServiceException|InternalServerException|InternalServiceError|InternalFailure)$/.test(code) ? 500 : 400),
  ops: {
    CreateDirectory: (input, ctx) => create('SimpleAD', input, ctx),
    CreateMicrosoftAD: (input, ctx) => create('MicrosoftAD', input, ctx),
    DescribeDirectories(input, ctx) {
      const ids = strList(input.DirectoryIds);
      const selected = ids?.length ? ids.map((id) => findDirectory(ctx, id, 'directoryIds')) : existingDirectories(ctx);
      const sorted = [...selected].sort((x, y) => x.createdAtMs - y.createdAtMs);
      const p = page(sorted, input);
      return { DirectoryDescriptions: p.items.map((d) => describe(d, ctx)), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
    },
    DeleteDirectory(input, ctx) {
      const d = findDirectory(ctx, str(input, 'DirectoryId'));
      // An application another service authorized on the directory (a PCA Connector for AD registration, until it is
      // gone, DELETING included) blocks the delete. Message as AWS returns it (as reported by users of aws-nuke;
      // Terraform retries on "authorized applications").
      if (d.deletedAtMs === undefined && ctx.services.some((svc) => (svc.directoryApplications?.(ctx, d.DirectoryId) ?? []).length > 0)) {
        throw new ApiError('ClientException', AUTHORIZED_APPLICATIONS_MESSAGE);
      }
      d.deletedAtMs ??= ctx.clock.now();
      return { DirectoryId: d.DirectoryId };
    },
    AddTagsToResource(input, ctx) {
      const d = findDirectory(ctx, str(input, 'ResourceId'), 'resourceId');
      const tv = tagViolations(input.Tags ?? []);
      if (tv.length) throw validationError(tv);
      for (const t of (input.Tags as Json[] | undefined) ?? []) {
        const key = String(t.Key);
        const existing = d.Tags.find((x) => x.Key === key);
        if (existing) existing.Value = String(t.Value);
        else d.Tags.push({ Key: key, Value: String(t.Value) });
      }
      if (d.Tags.length > MAX_TAGS) throw new ApiError('TagLimitExceededException', 'Tag limit exceeded');
      return {};
    },
    RemoveTagsFromResource(input, ctx) {
      const d = findDirectory(ctx, str(input, 'ResourceId'), 'resourceId');
      const keys = strList(input.TagKeys) ?? [];
      d.Tags = d.Tags.filter((t) => !keys.includes(t.Key));
      return {};
    },
    ListTagsForResource(input, ctx) {
      const d = findDirectory(ctx, str(input, 'ResourceId'), 'resourceId');
      const p = page(d.Tags, input);
      return { Tags: p.items, ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
    },
    DescribeDirectoryDataAccess(input, ctx) {
      const d = dataAccessDirectory(ctx, input);
      return { DataAccessStatus: dataAccessStatus(d, ctx.clock.now()) };
    },
    EnableDirectoryDataAccess(input, ctx) {
      const d = dataAccessDirectory(ctx, input);
      const now = ctx.clock.now();
      const stage = directoryStage(d, now)?.stage;
      if (stage !== 'Active') throw new ApiError('DirectoryUnavailableException', `Directory ${d.DirectoryId} is ${stage ?? 'Deleted'}, not Active.`);
      const status = dataAccessStatus(d, now);
      if (status === 'Enabled' || status === 'Enabling') {
        throw new ApiError('DirectoryInDesiredStateException', `Directory Service Data access of ${d.DirectoryId} is already ${status}.`);
      }
      // Disabled, or Failed before: enabling starts (again).
      const settings = ctx.state.get(DIRECTORY_SETTINGS);
      const fault = ctx.faults.take('DirectoryService', 'DirectoryDataAccessLifecycle');
      const failsAfter = fault ? settings.dataAccessEnabledAfterSeconds : settings.dataAccessFailsAfterSeconds;
      d.DataAccess = {
        requestedAtMs: now,
        enabledAfterSeconds: failsAfter ?? settings.dataAccessEnabledAfterSeconds,
        ...(failsAfter !== undefined ? { outcome: 'Failed' as const } : {}),
      };
      return {};
    },
    DisableDirectoryDataAccess(input, ctx) {
      const d = dataAccessDirectory(ctx, input);
      const status = dataAccessStatus(d, ctx.clock.now());
      if (status === 'Disabled') throw new ApiError('DirectoryInDesiredStateException', `Directory Service Data access of ${d.DirectoryId} is already Disabled.`);
      delete d.DataAccess;
      return {};
    },
    GetDirectoryLimits(_input, ctx) {
      const live = existingDirectories(ctx).filter((d) => d.deletedAtMs === undefined);
      const limit = limitFor(ctx);
      const simple = live.filter((d) => d.Type === 'SimpleAD').length;
      const ms = live.filter((d) => d.Type === 'MicrosoftAD').length;
      return {
        DirectoryLimits: {
          CloudOnlyDirectoriesLimit: limit,
          CloudOnlyDirectoriesCurrentCount: simple,
          CloudOnlyDirectoriesLimitReached: simple >= limit,
          CloudOnlyMicrosoftADLimit: limit,
          CloudOnlyMicrosoftADCurrentCount: ms,
          CloudOnlyMicrosoftADLimitReached: ms >= limit,
          ConnectedDirectoriesLimit: limit,
          ConnectedDirectoriesCurrentCount: 0,
          ConnectedDirectoriesLimitReached: false,
        },
      };
    },
  },
};
