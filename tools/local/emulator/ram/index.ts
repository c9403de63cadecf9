/**
 * AWS RAM (rest-json, POST /<operation lowercase>; DeleteResourceShare is DELETE with query parameters):
 * CreateResourceShare, GetResourceShares, GetResourceShareAssociations, ListResourceSharePermissions,
 * DeleteResourceShare — enough to share a private CA with the service principal `pca-connector-ad.amazonaws.com`, to
 * find that share again, and to delete it by hand. Members are camelCase, as in the RAM model (ram-2018-01-04.json).
 * A share is ACTIVE at once; its resource associations are ASSOCIATED at once and its principal associations
 * ASSOCIATING for `shareAssociatedAfterSeconds` (undocumented by AWS: an assumption) on the simulated clock. A
 * deleted share stays listed as DELETED, its associations DISASSOCIATED.
 *
 * clientToken, as the model documents it: the same token with the same parameters is the same request (the share it
 * created is returned, as it is now: DELETED if it was deleted since); with other parameters,
 * IdempotentParameterMismatchException. RAM documents no time window for a token, so the emulator keeps them all.
 */
import { ApiError } from '../core/api-error.ts';
import { canonical, decodeToken, encodeToken, epochSeconds, obj, str, strList } from '../core/service.ts';
import type { Json, Route, ServiceContext, ServiceDef } from '../core/service.ts';
import { arrayOf, boolean, object, optional, seconds, string, time } from '../core/shape.ts';
import type { StateSlot } from '../core/state.ts';

export const STATUS: Record<string, number> = {
  IdempotentParameterMismatchException: 400,
  InvalidStateTransitionException: 400,
  UnknownResourceException: 400,
  MalformedArnException: 400,
  InvalidClientTokenException: 400,
  InvalidParameterException: 400,
  OperationNotPermittedException: 400,
  ResourceShareLimitExceededException: 400,
  TagPolicyViolationException: 400,
  TagLimitExceededException: 400,
  InvalidNextTokenException: 400,
  ServerInternalException: 500,
  ServiceUnavailableException: 503,
  ThrottlingException: 429,
};

/** The AWS managed permissions for `acm-pca:CertificateAuthority` the emulator knows (RAM User Guide, list-permissions). */
export const CA_PERMISSIONS = [
  'AWSRAMDefaultPermissionCertificateAuthority',
  'AWSRAMBlankEndEntityCertificateAPIPassthroughIssuanceCertificateAuthority',
  'AWSRAMBlankEndEntityCertificateAPICSRPassthroughIssuanceCertificateAuthority',
] as const;

export interface ResourceShareRecord {
  resourceShareArn: string;
  name: string;
  allowExternalPrincipals: boolean;
  resourceArns: string[];
  principals: string[];
  sources: string[];
  permissionArns: string[];
  tags: { key: string; value: string }[];
  clientToken?: string;
  fingerprint: string;
  createdAtMs: number;
  /** When DeleteResourceShare was called: DELETED from then on. */
  deletedAtMs?: number;
  principalsAssociatedAfterSeconds: number;
}

const ARN = /^arn:[\w-]+:[\w-]+:[\w-]*:([0-9]*|aws):.+$/;
const ACCOUNT = /^[0-9]{12}$/;
const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/;

const param = (message: string): ApiError => new ApiError('InvalidParameterException', message, 400);
const malformed = (arn: string): ApiError => new ApiError('MalformedArnException', `The format of ${arn} is not valid.`, 400);

/** The shares; snapshots keep them under `connectorAd` (where they were kept before RAM had a folder of its own). */
export const RESOURCE_SHARES: StateSlot<ResourceShareRecord[]> = {
  name: 'resource shares',
  fresh: () => [],
  load: (snapshot) => ((snapshot['connectorAd'] ?? {}) as { resourceShares?: ResourceShareRecord[] }).resourceShares ?? [],
  save: (resourceShares) => ({ connectorAd: { resourceShares } }),
  check: object({
    connectorAd: optional(object({
      resourceShares: optional(arrayOf(object({
        resourceShareArn: string, name: string, allowExternalPrincipals: boolean, resourceArns: arrayOf(string), principals: arrayOf(string),
        sources: arrayOf(string), permissionArns: arrayOf(string), tags: arrayOf(object({ key: string, value: string })),
        clientToken: optional(string), fingerprint: string, createdAtMs: time, principalsAssociatedAfterSeconds: seconds, deletedAtMs: optional(time),
      }))),
    })),
  }),
};

/** Seconds a principal association stays ASSOCIATING (memory only). */
export const RAM_SETTINGS: StateSlot<{ shareAssociatedAfterSeconds: number }> = {
  name: 'RAM settings',
  fresh: () => ({ shareAssociatedAfterSeconds: 5 }),
};

const shares = (ctx: ServiceContext): ResourceShareRecord[] => ctx.state.get(RESOURCE_SHARES);

function permissionArnOf(ctx: ServiceContext, arn: string): string {
  if (!ARN.test(arn)) throw malformed(arn);
  const name = /^arn:[\w-]+:ram::aws:permission\/(.+)$/.exec(arn)?.[1];
  if (!name || !(CA_PERMISSIONS as readonly string[]).includes(name)) {
    throw new ApiError('UnknownResourceException', `The permission ${arn} does not exist.`, 400);
  }
  return `arn:aws:ram::aws:permission/${name}`.replace('arn:aws:', `arn:${ctx.seed.region.startsWith('cn-') ? 'aws-cn' : 'aws'}:`);
}

const statusOf = (s: ResourceShareRecord): 'ACTIVE' | 'DELETED' => (s.deletedAtMs === undefined ? 'ACTIVE' : 'DELETED');

function shareView(s: ResourceShareRecord, ctx: ServiceContext): Json {
  return {
    resourceShareArn: s.resourceShareArn,
    name: s.name,
    owningAccountId: ctx.seed.accountId,
    allowExternalPrincipals: s.allowExternalPrincipals,
    status: statusOf(s),
    tags: s.tags,
    creationTime: epochSeconds(s.createdAtMs),
    lastUpdatedTime: epochSeconds(s.deletedAtMs ?? s.createdAtMs),
    featureSet: 'STANDARD',
  };
}

type AssociationType = 'PRINCIPAL' | 'RESOURCE' | 'SOURCE';
function associations(s: ResourceShareRecord, type: AssociationType, ctx: ServiceContext): Json[] {
  const entities = type === 'PRINCIPAL' ? s.principals : type === 'RESOURCE' ? s.resourceArns : s.sources;
  const associatedAt = s.createdAtMs + (type === 'PRINCIPAL' ? s.principalsAssociatedAfterSeconds * 1000 : 0);
  const associated = ctx.clock.now() >= associatedAt;
  const status = s.deletedAtMs !== undefined ? 'DISASSOCIATED' : associated ? 'ASSOCIATED' : 'ASSOCIATING';
  return entities.map((entity) => ({
    resourceShareArn: s.resourceShareArn,
    resourceShareName: s.name,
    associatedEntity: entity,
    associationType: type,
    status,
    creationTime: epochSeconds(s.createdAtMs),
    lastUpdatedTime: epochSeconds(s.deletedAtMs ?? (associated ? associatedAt : s.createdAtMs)),
    external: type === 'PRINCIPAL' && !SERVICE_PRINCIPAL.test(entity) && entity !== ctx.seed.accountId,
  }));
}

function paged(input: Json, items: Json[], key: string): Json {
  const maxRaw = input['maxResults'];
  const max = maxRaw === undefined ? 500 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 1 || max > 500) throw param('maxResults must be between 1 and 500.');
  const start = decodeToken(str(input, 'nextToken'), () => new ApiError('InvalidNextTokenException', 'The nextToken is not valid.', 400));
  const end = start + max;
  return { [key]: items.slice(start, end), ...(end < items.length ? { nextToken: encodeToken(end) } : {}) };
}

/** CreateResourceShare. In a mixed world the CA is looked up on the ACM PCA the world uses, then the share is made. */
async function createResourceShareOp(input: Json, ctx: ServiceContext): Promise<Json> {
  const lookup = ctx.external?.certificateAuthority;
  if (!lookup) return createResourceShare(input, ctx);
  const arns = Array.isArray(input['resourceArns']) ? input['resourceArns'].filter((a): a is string => typeof a === 'string' && ARN.test(a)) : [];
  const found = new Set<string>();
  for (const arn of arns) if (await lookup(arn)) found.add(arn);
  return createResourceShare(input, ctx, found);
}

function createResourceShare(input: Json, ctx: ServiceContext, externalCas?: ReadonlySet<string>): Json {
  const name = str(input, 'name');
  if (name === undefined) throw param('The name parameter is required.');
  if (name.length < 1) throw param('The name must not be empty.');
  const resourceArns = strList(input['resourceArns'] ?? []);
  const principals = strList(input['principals'] ?? []);
  const sources = strList(input['sources'] ?? []);
  const permissionArns = strList(input['permissionArns'] ?? []);
  if (!resourceArns || !principals || !sources || !permissionArns) throw param('resourceArns, principals, sources and permissionArns must be lists of strings.');
  const clientToken = str(input, 'clientToken');
  const { clientToken: _t, ...rest } = input;
  const fingerprint = canonical(rest);
  if (clientToken !== undefined) {
    if (clientToken.length < 1 || clientToken.length > 64) throw new ApiError('InvalidClientTokenException', 'The clientToken is not valid.', 400);
    const seen = shares(ctx).find((s) => s.clientToken === clientToken);
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        throw new ApiError('IdempotentParameterMismatchException', 'The clientToken was already used with different parameters.', 400);
      }
      return { resourceShare: shareView(seen, ctx), clientToken };
    }
  }
  for (const arn of resourceArns) {
    if (!ARN.test(arn)) throw malformed(arn);
    const known = externalCas ? externalCas.has(arn) : ctx.seed.certificateAuthorities.some((ca) => ca.Arn === arn);
    if (!known) throw new ApiError('UnknownResourceException', `The resource ${arn} does not exist.`, 400);
  }
  const service = principals.filter((p) => SERVICE_PRINCIPAL.test(p));
  if (service.length > 0 && service.length !== principals.length) throw param('Service principals cannot be mixed with other principal types.');
  if (service.length > 0 && sources.length === 0) throw param('A source is required when sharing with a service principal.');
  for (const p of principals) if (!SERVICE_PRINCIPAL.test(p) && !ACCOUNT.test(p) && !ARN.test(p)) throw malformed(p);
  for (const src of sources) if (!ACCOUNT.test(src) && !ARN.test(src)) throw param(`The source ${src} is not an account id or an ARN.`);
  const permissions = permissionArns.map((p) => permissionArnOf(ctx, p));
  const tags = (Array.isArray(input['tags']) ? input['tags'] : []).map((t) => ({ key: String(obj(t)?.['key'] ?? ''), value: String(obj(t)?.['value'] ?? '') }));
  const record: ResourceShareRecord = {
    resourceShareArn: `arn:aws:ram:${ctx.seed.region}:${ctx.seed.accountId}:resource-share/${ctx.ids.uuid()}`,
    name,
    allowExternalPrincipals: input['allowExternalPrincipals'] !== false,
    resourceArns,
    principals,
    sources,
    permissionArns: permissions,
    tags,
    ...(clientToken !== undefined ? { clientToken } : {}),
    fingerprint,
    createdAtMs: ctx.clock.now(),
    principalsAssociatedAfterSeconds: ctx.state.get(RAM_SETTINGS).shareAssociatedAfterSeconds,
  };
  shares(ctx).push(record);
  return { resourceShare: shareView(record, ctx), ...(clientToken !== undefined ? { clientToken } : {}) };
}

function getResourceShares(input: Json, ctx: ServiceContext): Json {
  const owner = str(input, 'resourceOwner');
  if (owner !== 'SELF' && owner !== 'OTHER-ACCOUNTS') throw param('resourceOwner must be SELF or OTHER-ACCOUNTS.');
  const arns = strList(input['resourceShareArns']);
  const status = str(input, 'resourceShareStatus');
  const name = str(input, 'name');
  for (const arn of arns ?? []) if (!ARN.test(arn)) throw malformed(arn);
  const found = owner === 'OTHER-ACCOUNTS'
    ? []
    : shares(ctx).filter((s) => (!arns || arns.includes(s.resourceShareArn)) && (!status || status === statusOf(s)) && (!name || s.name === name));
  return paged(input, found.map((s) => shareView(s, ctx)), 'resourceShares');
}

function getResourceShareAssociations(input: Json, ctx: ServiceContext): Json {
  const type = str(input, 'associationType');
  if (type !== 'PRINCIPAL' && type !== 'RESOURCE' && type !== 'SOURCE') throw param('associationType must be PRINCIPAL, RESOURCE or SOURCE.');
  const resourceArn = str(input, 'resourceArn');
  const principal = str(input, 'principal');
  if (type === 'PRINCIPAL' && resourceArn !== undefined) throw param('resourceArn cannot be used with associationType PRINCIPAL.');
  if (type === 'RESOURCE' && principal !== undefined) throw param('principal cannot be used with associationType RESOURCE.');
  // The model documents the filter for an account, an organization, an OU or an IAM role or user: not for a service
  // principal, which is refused here (find a service principal's association by its associatedEntity instead).
  if (principal !== undefined && SERVICE_PRINCIPAL.test(principal)) {
    throw param(`principal ${principal} is a service principal; the principal filter takes an account, organization, OU or IAM role or user.`);
  }
  if (resourceArn !== undefined && !ARN.test(resourceArn)) throw malformed(resourceArn);
  const arns = strList(input['resourceShareArns']);
  for (const arn of arns ?? []) if (!ARN.test(arn)) throw malformed(arn);
  const status = str(input, 'associationStatus');
  const found = shares(ctx)
    .filter((s) => !arns || arns.includes(s.resourceShareArn))
    .flatMap((s) => associations(s, type, ctx))
    .filter((a) => (resourceArn === undefined || a['associatedEntity'] === resourceArn) && (principal === undefined || a['associatedEntity'] === principal))
    .filter((a) => status === undefined || a['status'] === status);
  return paged(input, found, 'resourceShareAssociations');
}

function listResourceSharePermissions(input: Json, ctx: ServiceContext): Json {
  const arn = str(input, 'resourceShareArn');
  if (arn === undefined) throw param('The resourceShareArn parameter is required.');
  if (!ARN.test(arn)) throw malformed(arn);
  const share = shares(ctx).find((s) => s.resourceShareArn === arn);
  if (!share) throw new ApiError('UnknownResourceException', `The resource share ${arn} does not exist.`, 400);
  const permissions = (share.permissionArns.length > 0 ? share.permissionArns : [`arn:aws:ram::aws:permission/${CA_PERMISSIONS[0]}`]).map((p) => ({
    arn: p,
    version: '1',
    defaultVersion: true,
    name: p.split('/').at(-1),
    resourceType: 'acm-pca:CertificateAuthority',
    status: 'ATTACHABLE',
    isResourceTypeDefault: p.endsWith(`/${CA_PERMISSIONS[0]}`),
    permissionType: 'AWS_MANAGED',
  }));
  return paged(input, permissions, 'permissions');
}

/** DeleteResourceShare: the share becomes DELETED (its associations DISASSOCIATED); the CA itself is untouched. */
function deleteResourceShare(input: Json, ctx: ServiceContext): Json {
  const arn = str(input, 'resourceShareArn');
  if (arn === undefined) throw param('The resourceShareArn parameter is required.');
  if (!ARN.test(arn)) throw malformed(arn);
  const share = shares(ctx).find((s) => s.resourceShareArn === arn);
  if (!share) throw new ApiError('UnknownResourceException', `The resource share ${arn} does not exist.`, 400);
  if (share.deletedAtMs !== undefined) throw new ApiError('InvalidStateTransitionException', `The resource share ${arn} is already deleted.`, 400);
  share.deletedAtMs = ctx.clock.now();
  const clientToken = str(input, 'clientToken');
  return { returnValue: true, ...(clientToken !== undefined ? { clientToken } : {}) };
}

export const ram: ServiceDef = {
  name: 'RAM',
  signingName: 'ram',
  endpointVariable: 'AWS_ENDPOINT_URL_RAM',
  protocol: 'restJson',
  route: (method, url, body) => routeRam(method, url, body),
  state: [RESOURCE_SHARES],
  errorStatus: (code) => STATUS[code],
  ops: {
    CreateResourceShare: createResourceShareOp,
    GetResourceShares: getResourceShares,
    GetResourceShareAssociations: getResourceShareAssociations,
    ListResourceSharePermissions: listResourceSharePermissions,
    DeleteResourceShare: deleteResourceShare,
  },
};

const OPS_BY_PATH: Record<string, string> = Object.fromEntries(Object.keys(ram.ops).map((op) => [`/${op.toLowerCase()}`, op]));

/**
 * rest-json routing: every RAM operation is `POST /<operation in lower case>` with a JSON body, but
 * DeleteResourceShare, `DELETE /deleteresourceshare?resourceShareArn=…&clientToken=…`.
 */
function routeRam(method: string, url: URL, body: Json): Route | undefined {
  const op = OPS_BY_PATH[url.pathname.replace(/\/+$/, '')];
  if (op === 'DeleteResourceShare') {
    return method === 'DELETE' ? { op, input: Object.fromEntries(url.searchParams.entries()), status: 200 } : undefined;
  }
  return method === 'POST' && op ? { op, input: body, status: 200 } : undefined;
}
