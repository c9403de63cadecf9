/**
 * PCA Connector for AD beyond the connector itself (restJson1, same service as pca-connector-ad.ts): directory
 * registrations, service principal names, templates and their group access control entries. Requests are checked
 * against the service model's shapes (./models/pca-connector-ad-shapes.json); lifecycles run on the simulated clock.
 *
 * Lifecycle durations are not documented by AWS: the defaults here (registration 60 s, SPN 30 s) are assumptions.
 * A Simple AD registration ends FAILED with DIRECTORY_TYPE_NOT_SUPPORTED (AWS documents Connector for AD for AWS
 * Managed Microsoft AD and AD Connector only; FAILED rather than a synchronous refusal is an assumption).
 *
 * Deletes: a registration, SPN or template is DELETING for DELETE_SECONDS (state.ts), then gone (Get ->
 * ResourceNotFoundException, absent from List); an access control entry (200, no status in the model) is gone at once.
 * Deleting again while DELETING answers as the first time (the model marks every delete idempotent). AWS documents
 * no dependency rule between these resources, so the emulator refuses, with ConflictException, what a safe teardown
 * order (entries, templates, SPN, connector, registration) would never do (assumption): deleting a resource still
 * CREATING, a template that still has access entries, a registration that still has an SPN or whose directory still
 * has a connector (DeleteConnector in pca-connector-ad.ts likewise refuses while templates or SPNs remain).
 */
import { ApiError } from './api-error.ts';
import { directoryStage, existingDirectories } from './directory-service.ts';
import { loadShapeModel, validateShape } from './model-validate.ts';
import { canonical, decodeToken, encodeToken, obj, str } from './service.ts';
import { DELETE_SECONDS, epochSeconds } from './state.ts';
import type { ConnectorRecord, Json, ServiceContext } from './state.ts';

const MODEL = loadShapeModel('pca-connector-ad-shapes.json');

export type RegistrationStatusReason =
  | 'DIRECTORY_ACCESS_DENIED' | 'DIRECTORY_RESOURCE_NOT_FOUND' | 'DIRECTORY_NOT_ACTIVE' | 'DIRECTORY_NOT_REACHABLE'
  | 'DIRECTORY_TYPE_NOT_SUPPORTED' | 'INTERNAL_FAILURE';
export type SpnStatusReason =
  | 'DIRECTORY_ACCESS_DENIED' | 'DIRECTORY_NOT_REACHABLE' | 'DIRECTORY_RESOURCE_NOT_FOUND' | 'SPN_EXISTS_ON_DIFFERENT_AD_OBJECT'
  | 'SPN_LIMIT_EXCEEDED' | 'INTERNAL_FAILURE';

/** A lifecycle that ends FAILED: the reason and when (seconds after creation). */
export interface FailedOutcome<R extends string> {
  statusReason: R;
  afterSeconds: number;
}

export interface RegistrationRecord {
  Arn: string;
  DirectoryId: string;
  Tags: Record<string, string>;
  createdAtMs: number;
  activeAfterSeconds: number;
  outcome?: FailedOutcome<RegistrationStatusReason>;
  /** When DeleteDirectoryRegistration was accepted. */
  deletedAtMs?: number;
}
export interface SpnRecord {
  DirectoryRegistrationArn: string;
  ConnectorArn: string;
  createdAtMs: number;
  activeAfterSeconds: number;
  outcome?: FailedOutcome<SpnStatusReason>;
  /** When DeleteServicePrincipalName was accepted. */
  deletedAtMs?: number;
}
export interface TemplateRecord {
  Arn: string;
  ConnectorArn: string;
  Name: string;
  Definition: Json;
  Tags: Record<string, string>;
  ObjectIdentifier: string;
  createdAtMs: number;
  /** When DeleteTemplate was accepted. */
  deletedAtMs?: number;
}
export interface AceRecord {
  TemplateArn: string;
  GroupSecurityIdentifier: string;
  GroupDisplayName: string;
  AccessRights: Json;
  createdAtMs: number;
}
/** Idempotency tokens of the creates other than CreateConnector: same token + other request = ConflictException. */
export interface TokenRecord {
  op: string;
  token: string;
  fingerprint: string;
  result: Json;
}
export interface ConnectorAdState {
  registrations: RegistrationRecord[];
  servicePrincipalNames: SpnRecord[];
  templates: TemplateRecord[];
  accessControlEntries: AceRecord[];
  tokens: TokenRecord[];
}
export const emptyConnectorAdState = (): ConnectorAdState => ({
  registrations: [],
  servicePrincipalNames: [],
  templates: [],
  accessControlEntries: [],
  tokens: [],
});

/** Lifecycle settings of the new resources (CLI flags --registration-active-after etc.). */
export interface ConnectorAdLifecycles {
  registrationActiveAfterSeconds: number;
  spnActiveAfterSeconds: number;
  registrationOutcome?: FailedOutcome<RegistrationStatusReason>;
  spnOutcome?: FailedOutcome<SpnStatusReason>;
}
export const DEFAULT_LIFECYCLES: ConnectorAdLifecycles = { registrationActiveAfterSeconds: 60, spnActiveAfterSeconds: 30 };

/** Templates per connector: AWS documents no figure here; the emulator's quota is an assumption. */
export const TEMPLATE_LIMIT = 100;

const invalid = (message: string, reason = 'FIELD_VALIDATION_FAILED'): ApiError => new ApiError('ValidationException', message, 400, { Reason: reason });
const notFound = (type: string, id: string, message: string): ApiError =>
  new ApiError('ResourceNotFoundException', message, 404, { ResourceId: id, ResourceType: type });
const conflict = (type: string, id: string, message: string): ApiError => new ApiError('ConflictException', message, 409, { ResourceId: id, ResourceType: type });

/** Checks `input` against the request shape of `op` (the model's `<op>Request`). */
function check(op: string, input: Json): void {
  const problem = validateShape(MODEL, `${op}Request`, input);
  if (problem) throw invalid(problem);
}

const tagsOf = (input: Json): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(input['Tags']) ?? {}).map(([k, v]) => [k, String(v)]));

/** Same ClientToken + same request: the first result again. Same token + another request: ConflictException. */
function replay(ctx: ServiceContext, op: string, input: Json): Json | undefined {
  const token = str(input, 'ClientToken');
  if (token === undefined) return undefined;
  const { ClientToken: _t, ...rest } = input;
  const seen = ctx.connectorAd.state.tokens.find((t) => t.op === op && t.token === token);
  if (!seen) return undefined;
  if (seen.fingerprint === canonical(rest)) return seen.result;
  throw conflict('CLIENT_TOKEN', token, 'The ClientToken was already used with a different request.');
}
function remember(ctx: ServiceContext, op: string, input: Json, result: Json): Json {
  const token = str(input, 'ClientToken');
  if (token !== undefined) {
    const { ClientToken: _t, ...rest } = input;
    ctx.connectorAd.state.tokens.push({ op, token, fingerprint: canonical(rest), result });
  }
  return result;
}

interface Lifecycle {
  createdAtMs: number;
  activeAfterSeconds: number;
  outcome?: FailedOutcome<string>;
}
/** CREATING until the lifecycle ends, then ACTIVE or FAILED with the outcome's reason. */
export function lifecycleStatus(r: Lifecycle, nowMs: number): { status: string; reason?: string; sinceMs: number } {
  const at = settledAtMs(r);
  if (nowMs < at) return { status: 'CREATING', sinceMs: r.createdAtMs };
  return r.outcome ? { status: 'FAILED', reason: r.outcome.statusReason, sinceMs: at } : { status: 'ACTIVE', sinceMs: at };
}
export const settledAtMs = (r: Lifecycle): number => r.createdAtMs + (r.outcome ? r.outcome.afterSeconds : r.activeAfterSeconds) * 1000;

interface Status {
  status: string;
  reason?: string;
  sinceMs: number;
}
/** DELETING from the delete until `deleteSeconds` later, then undefined (gone); before the delete, `before()`. */
function withDeletion(r: { deletedAtMs?: number }, nowMs: number, deleteSeconds: number, before: () => Status): Status | undefined {
  if (r.deletedAtMs === undefined) return before();
  return nowMs < r.deletedAtMs + deleteSeconds * 1000 ? { status: 'DELETING', sinceMs: r.deletedAtMs } : undefined;
}
export const registrationStatus = (r: RegistrationRecord, nowMs: number): Status | undefined =>
  withDeletion(r, nowMs, DELETE_SECONDS.directoryRegistration, () => lifecycleStatus(r, nowMs));
export const spnStatus = (s: SpnRecord, nowMs: number): Status | undefined =>
  withDeletion(s, nowMs, DELETE_SECONDS.servicePrincipalName, () => lifecycleStatus(s, nowMs));
/** Templates are ACTIVE from CreateTemplate (200) on: the model's TemplateStatus has no CREATING. */
export const templateStatus = (t: TemplateRecord, nowMs: number): Status | undefined =>
  withDeletion(t, nowMs, DELETE_SECONDS.template, () => ({ status: 'ACTIVE', sinceMs: t.createdAtMs }));

/** Registrations, SPNs and templates not yet gone (DELETING included). */
export const liveRegistrations = (ctx: ServiceContext): RegistrationRecord[] =>
  ctx.connectorAd.state.registrations.filter((r) => registrationStatus(r, ctx.clock.now()) !== undefined);
export const liveSpns = (ctx: ServiceContext): SpnRecord[] =>
  ctx.connectorAd.state.servicePrincipalNames.filter((s) => spnStatus(s, ctx.clock.now()) !== undefined);
export const liveTemplates = (ctx: ServiceContext): TemplateRecord[] =>
  ctx.connectorAd.state.templates.filter((t) => templateStatus(t, ctx.clock.now()) !== undefined);

/** A connector not yet gone, as connectorStatus in pca-connector-ad.ts (which imports this module) decides. */
const liveConnector = (ctx: ServiceContext, match: (c: ConnectorRecord) => boolean): ConnectorRecord | undefined =>
  ctx.state.connectors.find((c) => match(c) && (c.deletedAtMs === undefined || ctx.clock.now() < c.deletedAtMs + DELETE_SECONDS.connector * 1000));

const page = <T>(input: Json, all: T[]): { items: T[]; next?: string } => {
  const maxRaw = input['MaxResults'];
  const max = maxRaw === undefined ? 100 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw invalid(`1 validation error detected: Value '${String(maxRaw)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  const start = decodeToken(str(input, 'NextToken'), () => invalid('The NextToken is not valid.'));
  const end = start + max;
  return { items: all.slice(start, end), ...(end < all.length ? { next: encodeToken(end) } : {}) };
};

/* ---------------- directory registrations ---------------- */

function registrationView(r: RegistrationRecord, ctx: ServiceContext): Json {
  const st = registrationStatus(r, ctx.clock.now()) ?? { status: 'DELETING', sinceMs: r.deletedAtMs ?? r.createdAtMs };
  return {
    Arn: r.Arn,
    CreatedAt: epochSeconds(r.createdAtMs),
    DirectoryId: r.DirectoryId,
    Status: st.status,
    ...(st.reason ? { StatusReason: st.reason } : {}),
    UpdatedAt: epochSeconds(st.sinceMs),
  };
}

function findRegistration(ctx: ServiceContext, arn: string | undefined): RegistrationRecord {
  const r = liveRegistrations(ctx).find((x) => x.Arn === arn);
  if (!r) throw notFound('DIRECTORY_REGISTRATION', arn ?? '', `Directory registration ${arn} was not found.`);
  return r;
}

function createDirectoryRegistration(input: Json, ctx: ServiceContext): Json {
  check('CreateDirectoryRegistration', input);
  const again = replay(ctx, 'CreateDirectoryRegistration', input);
  if (again) return again;
  const directoryId = str(input, 'DirectoryId') ?? '';
  const arn = `arn:aws:pca-connector-ad:${ctx.seed.region}:${ctx.seed.accountId}:directory-registration/${directoryId}`;
  const existing = liveRegistrations(ctx).find((r) => r.DirectoryId === directoryId);
  if (existing) throw conflict('DIRECTORY_REGISTRATION', existing.Arn, `Directory ${directoryId} is already registered.`);
  // With an external Directory Service (e.g. moto), the directory is not checked here (a synchronous operation).
  const externalDirectories = ctx.external?.directory !== undefined;
  const dir = externalDirectories ? undefined : existingDirectories(ctx).find((d) => d.DirectoryId === directoryId && d.deletedAtMs === undefined);
  if (!externalDirectories && !dir) throw notFound('DIRECTORY', directoryId, `Directory ${directoryId} was not found.`);
  const lc = ctx.connectorAd.lifecycles;
  const fault = ctx.faults.take('PcaConnectorAd', 'DirectoryRegistrationLifecycle');
  const stage = dir ? directoryStage(dir, ctx.clock.now())?.stage : 'Active';
  const outcome: FailedOutcome<RegistrationStatusReason> | undefined = fault
    ? { statusReason: fault.error as RegistrationStatusReason, afterSeconds: lc.registrationActiveAfterSeconds }
    : dir?.Type === 'SimpleAD'
      ? { statusReason: 'DIRECTORY_TYPE_NOT_SUPPORTED', afterSeconds: lc.registrationActiveAfterSeconds }
      : stage !== 'Active'
        ? { statusReason: 'DIRECTORY_NOT_ACTIVE', afterSeconds: lc.registrationActiveAfterSeconds }
        : lc.registrationOutcome;
  ctx.connectorAd.state.registrations.push({
    Arn: arn,
    DirectoryId: directoryId,
    Tags: tagsOf(input),
    createdAtMs: ctx.clock.now(),
    activeAfterSeconds: lc.registrationActiveAfterSeconds,
    ...(outcome ? { outcome } : {}),
  });
  return remember(ctx, 'CreateDirectoryRegistration', input, { DirectoryRegistrationArn: arn });
}

/* ---------------- service principal names ---------------- */

function spnView(s: SpnRecord, ctx: ServiceContext): Json {
  const st = spnStatus(s, ctx.clock.now()) ?? { status: 'DELETING', sinceMs: s.deletedAtMs ?? s.createdAtMs };
  return {
    ConnectorArn: s.ConnectorArn,
    CreatedAt: epochSeconds(s.createdAtMs),
    DirectoryRegistrationArn: s.DirectoryRegistrationArn,
    Status: st.status,
    ...(st.reason ? { StatusReason: st.reason } : {}),
    UpdatedAt: epochSeconds(st.sinceMs),
  };
}

function createServicePrincipalName(input: Json, ctx: ServiceContext): Json {
  check('CreateServicePrincipalName', input);
  const again = replay(ctx, 'CreateServicePrincipalName', input);
  if (again) return again;
  const registration = findRegistration(ctx, str(input, 'DirectoryRegistrationArn'));
  const connectorArn = str(input, 'ConnectorArn') ?? '';
  const connector = ctx.state.connectors.find((c) => c.Arn === connectorArn && c.deletedAtMs === undefined);
  if (!connector) throw notFound('CONNECTOR', connectorArn, `Connector ${connectorArn} was not found.`);
  if (connector.DirectoryId !== registration.DirectoryId) {
    throw invalid(`Connector ${connectorArn} is for directory ${connector.DirectoryId}, not ${registration.DirectoryId}.`, 'MISMATCHED_CONNECTOR');
  }
  const status = registrationStatus(registration, ctx.clock.now())?.status;
  if (status !== 'ACTIVE') throw invalid(`Directory registration ${registration.Arn} is ${status}; it must be ACTIVE.`, 'INVALID_STATE');
  const existing = liveSpns(ctx).find((s) => s.DirectoryRegistrationArn === registration.Arn && s.ConnectorArn === connectorArn);
  if (existing) throw conflict('SERVICE_PRINCIPAL_NAME', connectorArn, 'A service principal name already exists for this connector and directory registration.');
  const lc = ctx.connectorAd.lifecycles;
  const fault = ctx.faults.take('PcaConnectorAd', 'ServicePrincipalNameLifecycle');
  const outcome = fault ? { statusReason: fault.error as SpnStatusReason, afterSeconds: lc.spnActiveAfterSeconds } : lc.spnOutcome;
  ctx.connectorAd.state.servicePrincipalNames.push({
    DirectoryRegistrationArn: registration.Arn,
    ConnectorArn: connectorArn,
    createdAtMs: ctx.clock.now(),
    activeAfterSeconds: lc.spnActiveAfterSeconds,
    ...(outcome ? { outcome } : {}),
  });
  return remember(ctx, 'CreateServicePrincipalName', input, {});
}

/* ---------------- templates and access control entries ---------------- */

function templateView(t: TemplateRecord, ctx: ServiceContext): Json {
  const st = templateStatus(t, ctx.clock.now()) ?? { status: 'DELETING', sinceMs: t.deletedAtMs ?? t.createdAtMs };
  return {
    Arn: t.Arn,
    ConnectorArn: t.ConnectorArn,
    CreatedAt: epochSeconds(t.createdAtMs),
    Definition: t.Definition,
    Name: t.Name,
    ObjectIdentifier: t.ObjectIdentifier,
    PolicySchema: Object.keys(t.Definition)[0]?.replace('TemplateV', '') === undefined ? 2 : Number(Object.keys(t.Definition)[0]?.replace('TemplateV', '')),
    Revision: { MajorRevision: 100, MinorRevision: 0 },
    Status: st.status,
    UpdatedAt: epochSeconds(st.sinceMs),
  };
}

/**
 * A template not yet gone; with `activeOnly`, a DELETING one is not found either (the model's
 * ResourceNotFoundException: "its status might not be ACTIVE"), as for its access entries.
 */
function findTemplate(ctx: ServiceContext, arn: string | undefined, activeOnly = false): TemplateRecord {
  const t = liveTemplates(ctx).find((x) => x.Arn === arn && !(activeOnly && x.deletedAtMs !== undefined));
  if (!t) throw notFound('TEMPLATE', arn ?? '', `Template ${arn} was not found.`);
  return t;
}

function createTemplate(input: Json, ctx: ServiceContext): Json {
  check('CreateTemplate', input);
  const again = replay(ctx, 'CreateTemplate', input);
  if (again) return again;
  const connectorArn = str(input, 'ConnectorArn') ?? '';
  const name = str(input, 'Name') ?? '';
  const connector = ctx.state.connectors.find((c) => c.Arn === connectorArn && c.deletedAtMs === undefined);
  if (!connector) throw notFound('CONNECTOR', connectorArn, `Connector ${connectorArn} was not found.`);
  const mine = liveTemplates(ctx).filter((t) => t.ConnectorArn === connectorArn);
  const same = mine.find((t) => t.Name === name);
  if (same) throw conflict('TEMPLATE', same.Arn, `A template named ${name} already exists for this connector.`);
  if (mine.length >= TEMPLATE_LIMIT) {
    throw new ApiError('ServiceQuotaExceededException', `You have reached the quota of ${TEMPLATE_LIMIT} templates for this connector.`, 402, {
      QuotaCode: 'L-TEMPLATES', ResourceId: connectorArn, ResourceType: 'TEMPLATE', ServiceCode: 'pca-connector-ad',
    });
  }
  const arn = `${connectorArn}/template/${ctx.ids.uuid()}`;
  ctx.connectorAd.state.templates.push({
    Arn: arn,
    ConnectorArn: connectorArn,
    Name: name,
    Definition: obj(input['Definition']) ?? {},
    Tags: tagsOf(input),
    ObjectIdentifier: `1.3.6.1.4.1.311.21.8.${ctx.connectorAd.state.templates.length + 1}`,
    createdAtMs: ctx.clock.now(),
  });
  return remember(ctx, 'CreateTemplate', input, { TemplateArn: arn });
}

function aceView(a: AceRecord): Json {
  return {
    AccessRights: a.AccessRights,
    CreatedAt: epochSeconds(a.createdAtMs),
    GroupDisplayName: a.GroupDisplayName,
    GroupSecurityIdentifier: a.GroupSecurityIdentifier,
    TemplateArn: a.TemplateArn,
    UpdatedAt: epochSeconds(a.createdAtMs),
  };
}

function createAce(input: Json, ctx: ServiceContext): Json {
  check('CreateTemplateGroupAccessControlEntry', input);
  const again = replay(ctx, 'CreateTemplateGroupAccessControlEntry', input);
  if (again) return again;
  const template = findTemplate(ctx, str(input, 'TemplateArn'), true);
  const sid = str(input, 'GroupSecurityIdentifier') ?? '';
  const existing = ctx.connectorAd.state.accessControlEntries.find((a) => a.TemplateArn === template.Arn && a.GroupSecurityIdentifier === sid);
  if (existing) throw conflict('TEMPLATE_GROUP_ACCESS_CONTROL_ENTRY', sid, `Template ${template.Arn} already has an entry for ${sid}.`);
  ctx.connectorAd.state.accessControlEntries.push({
    TemplateArn: template.Arn,
    GroupSecurityIdentifier: sid,
    GroupDisplayName: str(input, 'GroupDisplayName') ?? '',
    AccessRights: obj(input['AccessRights']) ?? {},
    createdAtMs: ctx.clock.now(),
  });
  return remember(ctx, 'CreateTemplateGroupAccessControlEntry', input, {});
}

/* ---------------- deletes ---------------- */

/**
 * DeleteDirectoryRegistration (202): DELETING, then gone; Directory Service counts the directory as having an
 * authorized application until then. The model declares no ResourceNotFoundException for this operation; an unknown
 * or gone registration answers one anyway (assumption: the conservative answer; Terraform's pcaconnectorad handler
 * treats it as already deleted).
 */
function deleteDirectoryRegistration(input: Json, ctx: ServiceContext): Json {
  check('DeleteDirectoryRegistration', input);
  const r = findRegistration(ctx, str(input, 'DirectoryRegistrationArn'));
  if (r.deletedAtMs !== undefined) return {};
  if (registrationStatus(r, ctx.clock.now())?.status === 'CREATING') {
    throw conflict('DIRECTORY_REGISTRATION', r.Arn, `Directory registration ${r.Arn} is CREATING; delete it once it is ACTIVE or FAILED.`);
  }
  const spn = liveSpns(ctx).find((s) => s.DirectoryRegistrationArn === r.Arn);
  if (spn) {
    throw conflict('SERVICE_PRINCIPAL_NAME', spn.ConnectorArn, `Directory registration ${r.Arn} still has the service principal name of connector ${spn.ConnectorArn}; delete it first.`);
  }
  const connector = liveConnector(ctx, (c) => c.DirectoryId === r.DirectoryId);
  if (connector) throw conflict('CONNECTOR', connector.Arn, `Directory ${r.DirectoryId} still has connector ${connector.Arn}; delete it first.`);
  r.deletedAtMs = ctx.clock.now();
  return {};
}

/** DeleteServicePrincipalName (202): DELETING, then gone. Not found: as DeleteDirectoryRegistration (assumption). */
function deleteServicePrincipalName(input: Json, ctx: ServiceContext): Json {
  check('DeleteServicePrincipalName', input);
  const reg = str(input, 'DirectoryRegistrationArn');
  const con = str(input, 'ConnectorArn');
  const s = liveSpns(ctx).find((x) => x.DirectoryRegistrationArn === reg && x.ConnectorArn === con);
  if (!s) throw notFound('SERVICE_PRINCIPAL_NAME', con ?? '', `No service principal name for connector ${con} in ${reg}.`);
  if (s.deletedAtMs !== undefined) return {};
  if (spnStatus(s, ctx.clock.now())?.status === 'CREATING') {
    throw conflict('SERVICE_PRINCIPAL_NAME', con ?? '', `The service principal name of connector ${con} is CREATING; delete it once it is ACTIVE or FAILED.`);
  }
  s.deletedAtMs = ctx.clock.now();
  return {};
}

/** DeleteTemplate (202): DELETING, then gone; refused while the template has access control entries (assumption). */
function deleteTemplate(input: Json, ctx: ServiceContext): Json {
  check('DeleteTemplate', input);
  const t = findTemplate(ctx, str(input, 'TemplateArn'));
  if (t.deletedAtMs !== undefined) return {};
  const ace = ctx.connectorAd.state.accessControlEntries.find((a) => a.TemplateArn === t.Arn);
  if (ace) {
    throw conflict('TEMPLATE_GROUP_ACCESS_CONTROL_ENTRY', ace.GroupSecurityIdentifier, `Template ${t.Arn} still has the access control entry of ${ace.GroupSecurityIdentifier}; delete it first.`);
  }
  t.deletedAtMs = ctx.clock.now();
  return {};
}

/** DeleteTemplateGroupAccessControlEntry (200): gone at once; an unknown entry is a ResourceNotFoundException. */
function deleteAce(input: Json, ctx: ServiceContext): Json {
  check('DeleteTemplateGroupAccessControlEntry', input);
  const template = findTemplate(ctx, str(input, 'TemplateArn'), true);
  const sid = str(input, 'GroupSecurityIdentifier');
  const entries = ctx.connectorAd.state.accessControlEntries;
  const i = entries.findIndex((a) => a.TemplateArn === template.Arn && a.GroupSecurityIdentifier === sid);
  if (i < 0) throw notFound('TEMPLATE_GROUP_ACCESS_CONTROL_ENTRY', sid ?? '', `Template ${template.Arn} has no entry for ${sid}.`);
  entries.splice(i, 1);
  return {};
}

/* ---------------- operations and routes ---------------- */

export const connectorAdOps: Record<string, (input: Json, ctx: ServiceContext) => Json> = {
  CreateDirectoryRegistration: createDirectoryRegistration,
  GetDirectoryRegistration(input, ctx) {
    check('GetDirectoryRegistration', input);
    return { DirectoryRegistration: registrationView(findRegistration(ctx, str(input, 'DirectoryRegistrationArn')), ctx) };
  },
  ListDirectoryRegistrations(input, ctx) {
    const { items, next } = page(input, liveRegistrations(ctx).sort((a, b) => a.createdAtMs - b.createdAtMs));
    return { DirectoryRegistrations: items.map((r) => registrationView(r, ctx)), ...(next ? { NextToken: next } : {}) };
  },
  CreateServicePrincipalName: createServicePrincipalName,
  GetServicePrincipalName(input, ctx) {
    check('GetServicePrincipalName', input);
    const reg = str(input, 'DirectoryRegistrationArn');
    const con = str(input, 'ConnectorArn');
    const s = liveSpns(ctx).find((x) => x.DirectoryRegistrationArn === reg && x.ConnectorArn === con);
    if (!s) throw notFound('SERVICE_PRINCIPAL_NAME', con ?? '', `No service principal name for connector ${con} in ${reg}.`);
    return { ServicePrincipalName: spnView(s, ctx) };
  },
  ListServicePrincipalNames(input, ctx) {
    check('ListServicePrincipalNames', { DirectoryRegistrationArn: input['DirectoryRegistrationArn'] });
    const reg = findRegistration(ctx, str(input, 'DirectoryRegistrationArn'));
    const { items, next } = page(input, liveSpns(ctx).filter((s) => s.DirectoryRegistrationArn === reg.Arn));
    return { ServicePrincipalNames: items.map((s) => spnView(s, ctx)), ...(next ? { NextToken: next } : {}) };
  },
  CreateTemplate: createTemplate,
  GetTemplate(input, ctx) {
    check('GetTemplate', input);
    return { Template: templateView(findTemplate(ctx, str(input, 'TemplateArn')), ctx) };
  },
  ListTemplates(input, ctx) {
    check('ListTemplates', { ConnectorArn: input['ConnectorArn'] });
    const connectorArn = str(input, 'ConnectorArn');
    if (!ctx.state.connectors.some((c) => c.Arn === connectorArn && c.deletedAtMs === undefined)) {
      throw notFound('CONNECTOR', connectorArn ?? '', `Connector ${connectorArn} was not found.`);
    }
    const { items, next } = page(input, liveTemplates(ctx).filter((t) => t.ConnectorArn === connectorArn));
    return { Templates: items.map((t) => templateView(t, ctx)), ...(next ? { NextToken: next } : {}) };
  },
  CreateTemplateGroupAccessControlEntry: createAce,
  GetTemplateGroupAccessControlEntry(input, ctx) {
    check('GetTemplateGroupAccessControlEntry', input);
    const template = findTemplate(ctx, str(input, 'TemplateArn'), true);
    const sid = str(input, 'GroupSecurityIdentifier');
    const a = ctx.connectorAd.state.accessControlEntries.find((x) => x.TemplateArn === template.Arn && x.GroupSecurityIdentifier === sid);
    if (!a) throw notFound('TEMPLATE_GROUP_ACCESS_CONTROL_ENTRY', sid ?? '', `Template ${template.Arn} has no entry for ${sid}.`);
    return { AccessControlEntry: aceView(a) };
  },
  ListTemplateGroupAccessControlEntries(input, ctx) {
    check('ListTemplateGroupAccessControlEntries', { TemplateArn: input['TemplateArn'] });
    const template = findTemplate(ctx, str(input, 'TemplateArn'), true);
    const { items, next } = page(input, ctx.connectorAd.state.accessControlEntries.filter((a) => a.TemplateArn === template.Arn));
    return { AccessControlEntries: items.map(aceView), ...(next ? { NextToken: next } : {}) };
  },
  DeleteDirectoryRegistration: deleteDirectoryRegistration,
  DeleteServicePrincipalName: deleteServicePrincipalName,
  DeleteTemplate: deleteTemplate,
  DeleteTemplateGroupAccessControlEntry: deleteAce,
};

const paging = (url: URL, input: Json): Json => {
  for (const key of ['MaxResults', 'NextToken', 'ConnectorArn']) {
    const v = url.searchParams.get(key);
    if (v !== null) input[key] = v;
  }
  return input;
};

/** restJson1 routing of the operations above: method + path (+ query) -> operation and its input. */
export function routeConnectorAdResources(method: string, url: URL, body: Json): { op: string; input: Json; status: number } | undefined {
  const path = url.pathname.replace(/\/+$/, '');
  const seg = path.split('/').slice(1).map(decodeURIComponent);
  const [a, b, c, d] = seg;
  if (a === 'directoryRegistrations') {
    if (seg.length === 1) {
      if (method === 'POST') return { op: 'CreateDirectoryRegistration', input: body, status: 202 };
      if (method === 'GET') return { op: 'ListDirectoryRegistrations', input: paging(url, {}), status: 200 };
    }
    if (seg.length === 2 && method === 'GET') return { op: 'GetDirectoryRegistration', input: { DirectoryRegistrationArn: b }, status: 200 };
    if (seg.length === 2 && method === 'DELETE') return { op: 'DeleteDirectoryRegistration', input: { DirectoryRegistrationArn: b }, status: 202 };
    if (c === 'servicePrincipalNames') {
      if (seg.length === 3 && method === 'GET') return { op: 'ListServicePrincipalNames', input: paging(url, { DirectoryRegistrationArn: b }), status: 200 };
      if (seg.length === 4 && method === 'POST') return { op: 'CreateServicePrincipalName', input: { ...body, DirectoryRegistrationArn: b, ConnectorArn: d }, status: 202 };
      if (seg.length === 4 && method === 'GET') return { op: 'GetServicePrincipalName', input: { DirectoryRegistrationArn: b, ConnectorArn: d }, status: 200 };
      if (seg.length === 4 && method === 'DELETE') return { op: 'DeleteServicePrincipalName', input: { DirectoryRegistrationArn: b, ConnectorArn: d }, status: 202 };
    }
  }
  if (a === 'templates') {
    if (seg.length === 1) {
      if (method === 'POST') return { op: 'CreateTemplate', input: body, status: 200 };
      if (method === 'GET') return { op: 'ListTemplates', input: paging(url, {}), status: 200 };
    }
    if (seg.length === 2 && method === 'GET') return { op: 'GetTemplate', input: { TemplateArn: b }, status: 200 };
    if (seg.length === 2 && method === 'DELETE') return { op: 'DeleteTemplate', input: { TemplateArn: b }, status: 202 };
    if (c === 'accessControlEntries') {
      if (seg.length === 3 && method === 'POST') return { op: 'CreateTemplateGroupAccessControlEntry', input: { ...body, TemplateArn: b }, status: 200 };
      if (seg.length === 3 && method === 'GET') return { op: 'ListTemplateGroupAccessControlEntries', input: paging(url, { TemplateArn: b }), status: 200 };
      if (seg.length === 4 && method === 'GET') return { op: 'GetTemplateGroupAccessControlEntry', input: { TemplateArn: b, GroupSecurityIdentifier: d }, status: 200 };
      if (seg.length === 4 && method === 'DELETE') return { op: 'DeleteTemplateGroupAccessControlEntry', input: { TemplateArn: b, GroupSecurityIdentifier: d }, status: 200 };
    }
  }
  return undefined;
}
