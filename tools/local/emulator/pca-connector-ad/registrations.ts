/**
 * PCA Connector for AD, the directory side (restJson1): directory registrations and service principal names, with
 * their lifecycles on the simulated clock (registration 60 s, SPN 30 s by default: assumptions, AWS documents no
 * figures). A Simple AD registration ends FAILED with DIRECTORY_TYPE_NOT_SUPPORTED (AWS documents Connector for AD for
 * AWS Managed Microsoft AD and AD Connector only; FAILED rather than a synchronous refusal is an assumption).
 *
 * Deletes: a registration or SPN is DELETING for DELETE_SECONDS (state.ts), then gone (Get ->
 * ResourceNotFoundException, absent from List). Deleting again while DELETING answers as the first time (the model
 * marks every delete idempotent). AWS documents no dependency rule between these resources, so the emulator refuses,
 * with ConflictException, what a safe teardown order (entries, templates, SPN, connector, registration) would never do
 * (assumption): deleting a resource still CREATING, a registration that still has an SPN or whose directory still has
 * a connector.
 */
import { str } from '../core/service.ts';
import type { Json, Route, ServiceContext } from '../core/service.ts';
import { epochSeconds } from '../core/service.ts';
import { directoryStage, existingDirectories } from '../directory-service/state.ts';
import { check, conflict, invalid, notFound, page, paging, remember, replay, tagsOf } from './requests.ts';
import { CONNECTORS, CONNECTOR_AD_RESOURCES, CONNECTOR_AD_SETTINGS, existingConnectors, liveRegistrations, liveSpns, registrationStatus, spnStatus } from './state.ts';
import type { FailedOutcome, RegistrationRecord, RegistrationStatusReason, SpnRecord, SpnStatusReason } from './state.ts';

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
  const lc = ctx.state.get(CONNECTOR_AD_SETTINGS);
  const fault = ctx.faults.take('PcaConnectorAd', 'DirectoryRegistrationLifecycle');
  const stage = dir ? directoryStage(dir, ctx.clock.now())?.stage : 'Active';
  const outcome: FailedOutcome<RegistrationStatusReason> | undefined = fault
    ? { statusReason: fault.error as RegistrationStatusReason, afterSeconds: lc.registrationActiveAfterSeconds }
    : dir?.Type === 'SimpleAD'
      ? { statusReason: 'DIRECTORY_TYPE_NOT_SUPPORTED', afterSeconds: lc.registrationActiveAfterSeconds }
      : stage !== 'Active'
        ? { statusReason: 'DIRECTORY_NOT_ACTIVE', afterSeconds: lc.registrationActiveAfterSeconds }
        : lc.registrationOutcome;
  ctx.state.get(CONNECTOR_AD_RESOURCES).registrations.push({
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
  const connector = ctx.state.get(CONNECTORS).find((c) => c.Arn === connectorArn && c.deletedAtMs === undefined);
  if (!connector) throw notFound('CONNECTOR', connectorArn, `Connector ${connectorArn} was not found.`);
  if (connector.DirectoryId !== registration.DirectoryId) {
    throw invalid(`Connector ${connectorArn} is for directory ${connector.DirectoryId}, not ${registration.DirectoryId}.`, 'MISMATCHED_CONNECTOR');
  }
  const status = registrationStatus(registration, ctx.clock.now())?.status;
  if (status !== 'ACTIVE') throw invalid(`Directory registration ${registration.Arn} is ${status}; it must be ACTIVE.`, 'INVALID_STATE');
  const existing = liveSpns(ctx).find((s) => s.DirectoryRegistrationArn === registration.Arn && s.ConnectorArn === connectorArn);
  if (existing) throw conflict('SERVICE_PRINCIPAL_NAME', connectorArn, 'A service principal name already exists for this connector and directory registration.');
  const lc = ctx.state.get(CONNECTOR_AD_SETTINGS);
  const fault = ctx.faults.take('PcaConnectorAd', 'ServicePrincipalNameLifecycle');
  const outcome = fault ? { statusReason: fault.error as SpnStatusReason, afterSeconds: lc.spnActiveAfterSeconds } : lc.spnOutcome;
  ctx.state.get(CONNECTOR_AD_RESOURCES).servicePrincipalNames.push({
    DirectoryRegistrationArn: registration.Arn,
    ConnectorArn: connectorArn,
    createdAtMs: ctx.clock.now(),
    activeAfterSeconds: lc.spnActiveAfterSeconds,
    ...(outcome ? { outcome } : {}),
  });
  return remember(ctx, 'CreateServicePrincipalName', input, {});
}

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
  const connector = existingConnectors(ctx).find((c) => c.DirectoryId === r.DirectoryId);
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


export const registrationOps: Record<string, (input: Json, ctx: ServiceContext) => Json> = {
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
  DeleteDirectoryRegistration: deleteDirectoryRegistration,
  DeleteServicePrincipalName: deleteServicePrincipalName,
};

/** restJson1 routes of the operations above: `/directoryRegistrations[/{arn}[/servicePrincipalNames[/{connectorArn}]]]`. */
export function routeRegistrations(method: string, url: URL, body: Json): Route | undefined {
  const seg = url.pathname.replace(/\/+$/, '').split('/').slice(1).map(decodeURIComponent);
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
  return undefined;
}
