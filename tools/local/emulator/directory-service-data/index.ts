/**
 * Directory Service Data (restJson1, signing name `ds-data`): DescribeGroup and CreateGroup on the Managed AD
 * directories of Directory Service (../directory-service/). Requests are checked against the service model's shapes
 * (./models/ds-data-shapes.json, vendored from ds-data-2023-05-31.json). Every Managed AD has its built-in groups,
 * whose SIDs are the domain SID plus Microsoft's well-known RIDs; CreateGroup adds groups to the directory's OU.
 * Errors carry `x-amzn-ErrorType` and a JSON body with Message/message plus the shape's members (`Reason`).
 */
import { ApiError } from '../core/api-error.ts';
import { loadShapeModel, validateShape } from '../core/model-validate.ts';
import { canonical, str } from '../core/service.ts';
import type { Json, ServiceContext, ServiceDef } from '../core/service.ts';
import type { StateSlot } from '../core/state.ts';
import { dataAccessStatus, directoryStage, domainSidOf, existingDirectories } from '../directory-service/state.ts';
import type { DirectoryRecord } from '../directory-service/state.ts';

const MODEL = loadShapeModel(new URL('./models/ds-data-shapes.json', import.meta.url));

export const STATUS: Record<string, number> = {
  AccessDeniedException: 403,
  ValidationException: 400,
  DirectoryUnavailableException: 400,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ThrottlingException: 429,
  InternalServerException: 500,
};

/**
 * The built-in groups of a new domain with their well-known RIDs and scopes (Microsoft, "Well-known SIDs"; "Active
 * Directory security groups"), in the domain's Users container.
 */
export const BUILT_IN_GROUPS: readonly { name: string; rid: number; scope: 'Global' | 'DomainLocal' | 'Universal' }[] = [
  { name: 'Domain Admins', rid: 512, scope: 'Global' },
  { name: 'Domain Users', rid: 513, scope: 'Global' },
  { name: 'Domain Guests', rid: 514, scope: 'Global' },
  { name: 'Domain Computers', rid: 515, scope: 'Global' },
  { name: 'Domain Controllers', rid: 516, scope: 'Global' },
  { name: 'Cert Publishers', rid: 517, scope: 'DomainLocal' },
  { name: 'Schema Admins', rid: 518, scope: 'Universal' },
  { name: 'Enterprise Admins', rid: 519, scope: 'Universal' },
  { name: 'Group Policy Creator Owners', rid: 520, scope: 'Global' },
  { name: 'Read-only Domain Controllers', rid: 521, scope: 'Global' },
  { name: 'Cloneable Domain Controllers', rid: 522, scope: 'Global' },
  { name: 'Protected Users', rid: 525, scope: 'Global' },
  { name: 'Key Admins', rid: 526, scope: 'Global' },
  { name: 'Enterprise Key Admins', rid: 527, scope: 'Universal' },
  { name: 'RAS and IAS Servers', rid: 553, scope: 'DomainLocal' },
  { name: 'Allowed RODC Password Replication Group', rid: 571, scope: 'DomainLocal' },
  { name: 'Denied RODC Password Replication Group', rid: 572, scope: 'DomainLocal' },
];
/** The RID of the first group CreateGroup makes in a directory; each next one takes the next RID. */
export const FIRST_CREATED_RID = 1105;

/** A group CreateGroup made. */
export interface CreatedGroupRecord {
  DirectoryId: string;
  SAMAccountName: string;
  SID: string;
  GroupType: string;
  GroupScope: string;
  DistinguishedName: string;
  createdAtMs: number;
}
interface TokenRecord {
  DirectoryId: string;
  token: string;
  fingerprint: string;
  result: Json;
}
export interface DirectoryDataState {
  groups: CreatedGroupRecord[];
  tokens: TokenRecord[];
}

export const DIRECTORY_DATA: StateSlot<DirectoryDataState> = {
  name: 'directory data',
  fresh: () => ({ groups: [], tokens: [] }),
  load: (snapshot) => (snapshot['directoryData'] as DirectoryDataState | undefined) ?? { groups: [], tokens: [] },
  save: (directoryData) => ({ directoryData }),
};

const invalid = (message: string, reason?: string): ApiError => new ApiError('ValidationException', message, 400, reason ? { Reason: reason } : {});

const domainDn = (d: DirectoryRecord): string => d.Name.split('.').map((label) => `DC=${label}`).join(',');

/**
 * The directory a request names, once Directory Service Data serves it: Managed AD only (ValidationException
 * INVALID_DIRECTORY_TYPE otherwise), Active (DirectoryUnavailableException), Directory Data access Enabled
 * (AccessDeniedException DATA_DISABLED). An unknown directory is AccessDeniedException, as the model documents.
 */
function servedDirectory(ctx: ServiceContext, input: Json): DirectoryRecord {
  const id = str(input, 'DirectoryId');
  const d = existingDirectories(ctx).find((x) => x.DirectoryId === id && x.deletedAtMs === undefined);
  if (!d) throw new ApiError('AccessDeniedException', `You do not have access to directory ${id ?? ''} or it does not exist.`, 403);
  if (d.Type !== 'MicrosoftAD') throw invalid(`Directory ${d.DirectoryId} is not an AWS Managed Microsoft AD directory.`, 'INVALID_DIRECTORY_TYPE');
  const now = ctx.clock.now();
  if (directoryStage(d, now)?.stage !== 'Active') {
    throw new ApiError('DirectoryUnavailableException', `Directory ${d.DirectoryId} is not Active.`, 400, { Reason: 'INVALID_DIRECTORY_STATE' });
  }
  if (dataAccessStatus(d, now) !== 'Enabled') {
    throw new ApiError('AccessDeniedException', `Directory Service Data access is not enabled for directory ${d.DirectoryId}.`, 403, { Reason: 'DATA_DISABLED' });
  }
  return d;
}

/** Checks `input` against the request shape of `op`, then that a Realm names the directory's own domain. */
function check(op: string, input: Json, d?: DirectoryRecord): void {
  const problem = validateShape(MODEL, `${op}Request`, input);
  if (problem) throw invalid(problem);
  const realm = str(input, 'Realm');
  if (d && realm !== undefined && realm.replace(/\.$/, '').toLowerCase() !== d.Name.toLowerCase()) {
    throw invalid(`Realm ${realm} is not the directory's domain or a trusted one.`, 'INVALID_REALM');
  }
}

interface GroupView {
  SAMAccountName: string;
  SID: string;
  GroupType: string;
  GroupScope: string;
  DistinguishedName: string;
}

/** Every group of the directory: the built-in ones, then those CreateGroup made. */
export function groupsOf(ctx: ServiceContext, d: DirectoryRecord): GroupView[] {
  const sid = domainSidOf(ctx, d);
  return [
    ...BUILT_IN_GROUPS.map((g) => ({
      SAMAccountName: g.name,
      SID: `${sid}-${g.rid}`,
      GroupType: 'Security',
      GroupScope: g.scope,
      DistinguishedName: `CN=${g.name},CN=Users,${domainDn(d)}`,
    })),
    ...ctx.state.get(DIRECTORY_DATA).groups.filter((g) => g.DirectoryId === d.DirectoryId),
  ];
}

/** sAMAccountNames are case-insensitive. */
const findGroup = (ctx: ServiceContext, d: DirectoryRecord, name: string): GroupView | undefined =>
  groupsOf(ctx, d).find((g) => g.SAMAccountName.toLowerCase() === name.toLowerCase());

const describeGroup = (d: DirectoryRecord, g: GroupView): Json => ({
  DirectoryId: d.DirectoryId,
  Realm: d.Name,
  SAMAccountName: g.SAMAccountName,
  SID: g.SID,
  DistinguishedName: g.DistinguishedName,
  GroupType: g.GroupType,
  GroupScope: g.GroupScope,
});

function createGroup(input: Json, ctx: ServiceContext): Json {
  check('CreateGroup', input);
  const d = servedDirectory(ctx, input);
  const state = ctx.state.get(DIRECTORY_DATA);
  const token = str(input, 'ClientToken');
  const { ClientToken: _t, ...request } = input;
  // The same ClientToken with the same request: the first answer again; with another request: ConflictException.
  const seen = token === undefined ? undefined : state.tokens.find((t) => t.DirectoryId === d.DirectoryId && t.token === token);
  if (seen) {
    if (seen.fingerprint === canonical(request)) return seen.result;
    throw new ApiError('ConflictException', 'The ClientToken was already used with different parameters.', 409);
  }
  const name = str(input, 'SAMAccountName') ?? '';
  if (findGroup(ctx, d, name)) throw new ApiError('ConflictException', `A group named ${name} already exists in directory ${d.DirectoryId}.`, 409);
  const rids = state.groups.filter((g) => g.DirectoryId === d.DirectoryId).map((g) => Number(g.SID.split('-').at(-1)));
  const rid = Math.max(FIRST_CREATED_RID - 1, ...rids) + 1;
  const group: CreatedGroupRecord = {
    DirectoryId: d.DirectoryId,
    SAMAccountName: name,
    SID: `${domainSidOf(ctx, d)}-${rid}`,
    GroupType: str(input, 'GroupType') ?? 'Security',
    GroupScope: str(input, 'GroupScope') ?? 'Global',
    DistinguishedName: `CN=${name},OU=Users,OU=${d.ShortName},${domainDn(d)}`,
    createdAtMs: ctx.clock.now(),
  };
  state.groups.push(group);
  const result = { DirectoryId: d.DirectoryId, SAMAccountName: name, SID: group.SID };
  if (token !== undefined) state.tokens.push({ DirectoryId: d.DirectoryId, token, fingerprint: canonical(request), result });
  return result;
}

/** Groups CreateGroup made in directories that still exist. */
export const createdGroups = (ctx: ServiceContext): CreatedGroupRecord[] => {
  const live = new Set(existingDirectories(ctx).filter((d) => d.deletedAtMs === undefined).map((d) => d.DirectoryId));
  return ctx.state.get(DIRECTORY_DATA).groups.filter((g) => live.has(g.DirectoryId));
};

export const directoryServiceData: ServiceDef = {
  name: 'DirectoryServiceData',
  signingName: 'ds-data',
  endpointVariable: 'AWS_ENDPOINT_URL_DIRECTORY_SERVICE_DATA',
  protocol: 'restJson',
  route(method, url, body) {
    const op = /^\/Groups\/(DescribeGroup|CreateGroup)$/.exec(url.pathname)?.[1];
    if (method !== 'POST' || !op) return undefined;
    const directoryId = url.searchParams.get('DirectoryId');
    return { op, input: { ...body, ...(directoryId !== null ? { DirectoryId: directoryId } : {}) }, status: 200 };
  },
  unsignedPath: /^\/Groups\//,
  errorStatus: (code) => STATUS[code],
  faultFields(code) {
    if (code === 'AccessDeniedException') return { Reason: 'IAM_AUTH' };
    if (code === 'DirectoryUnavailableException') return { Reason: 'DIRECTORY_TIMEOUT' };
    return {};
  },
  ops: {
    DescribeGroup(input, ctx) {
      check('DescribeGroup', input);
      const d = servedDirectory(ctx, input);
      check('DescribeGroup', input, d);
      const name = str(input, 'SAMAccountName') ?? '';
      const group = findGroup(ctx, d, name);
      if (!group) throw new ApiError('ResourceNotFoundException', `Group ${name} was not found in directory ${d.DirectoryId}.`, 404);
      return describeGroup(d, group);
    },
    CreateGroup: createGroup,
  },
  state: [DIRECTORY_DATA],
};
