/**
 * PCA Connector for AD, templates and their group access control entries (restJson1). A template is ACTIVE from
 * CreateTemplate on (the model has no CREATING); UpdateTemplate (PATCH, 200) replaces its definition and raises its
 * revision (minor; major with ReenrollAllCertificateHolders, as TemplateRevision documents); DeleteTemplate (202)
 * leaves it DELETING for DELETE_SECONDS (state.ts), then gone; an access control entry (200, no status in the model)
 * is changed in place by UpdateTemplateGroupAccessControlEntry (the members it is given) and gone at once when deleted.
 * A template that still has access entries cannot be deleted (ConflictException; AWS documents no such rule: an
 * assumption).
 */
import { ApiError } from '../core/api-error.ts';
import { epochSeconds, obj, str } from '../core/service.ts';
import type { Json, Route, ServiceContext } from '../core/service.ts';
import { check, conflict, notFound, page, paging, remember, replay, tagsOf } from './requests.ts';
import { CONNECTORS, CONNECTOR_AD_RESOURCES, liveTemplates, templateStatus } from './state.ts';
import type { AceRecord, TemplateRecord } from './state.ts';

/** Templates per connector: AWS documents no figure here; the emulator's quota is an assumption. */
export const TEMPLATE_LIMIT = 100;

/** A new template's revision (the figures the service answers are not documented). */
const FIRST_REVISION = { MajorRevision: 100, MinorRevision: 0 };

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
    Revision: t.revision ?? FIRST_REVISION,
    Status: st.status,
    UpdatedAt: epochSeconds(st.status === 'ACTIVE' ? (t.updatedAtMs ?? st.sinceMs) : st.sinceMs),
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
  const connector = ctx.state.get(CONNECTORS).find((c) => c.Arn === connectorArn && c.deletedAtMs === undefined);
  if (!connector) throw notFound('CONNECTOR', connectorArn, `Connector ${connectorArn} was not found.`);
  const mine = liveTemplates(ctx).filter((t) => t.ConnectorArn === connectorArn);
  // A certificate template is an object in Active Directory, whose names are case-insensitive (an assumption).
  const same = mine.find((t) => t.Name.toLowerCase() === name.toLowerCase());
  if (same) throw conflict('TEMPLATE', same.Arn, `A template named ${name} already exists for this connector.`);
  if (mine.length >= TEMPLATE_LIMIT) {
    throw new ApiError('ServiceQuotaExceededException', `You have reached the quota of ${TEMPLATE_LIMIT} templates for this connector.`, 402, {
      QuotaCode: 'L-TEMPLATES', ResourceId: connectorArn, ResourceType: 'TEMPLATE', ServiceCode: 'pca-connector-ad',
    });
  }
  const arn = `${connectorArn}/template/${ctx.ids.uuid()}`;
  ctx.state.get(CONNECTOR_AD_RESOURCES).templates.push({
    Arn: arn,
    ConnectorArn: connectorArn,
    Name: name,
    Definition: obj(input['Definition']) ?? {},
    Tags: tagsOf(input),
    ObjectIdentifier: `1.3.6.1.4.1.311.21.8.${ctx.state.get(CONNECTOR_AD_RESOURCES).templates.length + 1}`,
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
    UpdatedAt: epochSeconds(a.updatedAtMs ?? a.createdAtMs),
  };
}

function createAce(input: Json, ctx: ServiceContext): Json {
  check('CreateTemplateGroupAccessControlEntry', input);
  const again = replay(ctx, 'CreateTemplateGroupAccessControlEntry', input);
  if (again) return again;
  const template = findTemplate(ctx, str(input, 'TemplateArn'), true);
  const sid = str(input, 'GroupSecurityIdentifier') ?? '';
  const existing = ctx.state.get(CONNECTOR_AD_RESOURCES).accessControlEntries.find((a) => a.TemplateArn === template.Arn && a.GroupSecurityIdentifier === sid);
  if (existing) throw conflict('TEMPLATE_GROUP_ACCESS_CONTROL_ENTRY', sid, `Template ${template.Arn} already has an entry for ${sid}.`);
  ctx.state.get(CONNECTOR_AD_RESOURCES).accessControlEntries.push({
    TemplateArn: template.Arn,
    GroupSecurityIdentifier: sid,
    GroupDisplayName: str(input, 'GroupDisplayName') ?? '',
    AccessRights: obj(input['AccessRights']) ?? {},
    createdAtMs: ctx.clock.now(),
  });
  return remember(ctx, 'CreateTemplateGroupAccessControlEntry', input, {});
}

/** UpdateTemplate (200, no body): the new definition; a template being deleted is not found (as for its entries). */
function updateTemplate(input: Json, ctx: ServiceContext): Json {
  check('UpdateTemplate', input);
  const t = findTemplate(ctx, str(input, 'TemplateArn'), true);
  const definition = obj(input['Definition']);
  const revision = t.revision ?? FIRST_REVISION;
  if (definition) t.Definition = definition;
  t.revision = input['ReenrollAllCertificateHolders'] === true
    ? { MajorRevision: revision.MajorRevision + 1, MinorRevision: 0 }
    : { MajorRevision: revision.MajorRevision, MinorRevision: revision.MinorRevision + 1 };
  t.updatedAtMs = ctx.clock.now();
  return {};
}

/** UpdateTemplateGroupAccessControlEntry (200): the members given replace the entry's; an unknown entry is not found. */
function updateAce(input: Json, ctx: ServiceContext): Json {
  check('UpdateTemplateGroupAccessControlEntry', input);
  const template = findTemplate(ctx, str(input, 'TemplateArn'), true);
  const sid = str(input, 'GroupSecurityIdentifier');
  const a = ctx.state.get(CONNECTOR_AD_RESOURCES).accessControlEntries.find((x) => x.TemplateArn === template.Arn && x.GroupSecurityIdentifier === sid);
  if (!a) throw notFound('TEMPLATE_GROUP_ACCESS_CONTROL_ENTRY', sid ?? '', `Template ${template.Arn} has no entry for ${sid}.`);
  const rights = obj(input['AccessRights']);
  const name = str(input, 'GroupDisplayName');
  if (rights) a.AccessRights = rights;
  if (name !== undefined) a.GroupDisplayName = name;
  a.updatedAtMs = ctx.clock.now();
  return {};
}

/** DeleteTemplate (202): DELETING, then gone; refused while the template has access control entries (assumption). */
function deleteTemplate(input: Json, ctx: ServiceContext): Json {
  check('DeleteTemplate', input);
  const t = findTemplate(ctx, str(input, 'TemplateArn'));
  if (t.deletedAtMs !== undefined) return {};
  const ace = ctx.state.get(CONNECTOR_AD_RESOURCES).accessControlEntries.find((a) => a.TemplateArn === t.Arn);
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
  const entries = ctx.state.get(CONNECTOR_AD_RESOURCES).accessControlEntries;
  const i = entries.findIndex((a) => a.TemplateArn === template.Arn && a.GroupSecurityIdentifier === sid);
  if (i < 0) throw notFound('TEMPLATE_GROUP_ACCESS_CONTROL_ENTRY', sid ?? '', `Template ${template.Arn} has no entry for ${sid}.`);
  entries.splice(i, 1);
  return {};
}


export const templateOps: Record<string, (input: Json, ctx: ServiceContext) => Json> = {
  CreateTemplate: createTemplate,
  GetTemplate(input, ctx) {
    check('GetTemplate', input);
    return { Template: templateView(findTemplate(ctx, str(input, 'TemplateArn')), ctx) };
  },
  ListTemplates(input, ctx) {
    check('ListTemplates', { ConnectorArn: input['ConnectorArn'] });
    const connectorArn = str(input, 'ConnectorArn');
    if (!ctx.state.get(CONNECTORS).some((c) => c.Arn === connectorArn && c.deletedAtMs === undefined)) {
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
    const a = ctx.state.get(CONNECTOR_AD_RESOURCES).accessControlEntries.find((x) => x.TemplateArn === template.Arn && x.GroupSecurityIdentifier === sid);
    if (!a) throw notFound('TEMPLATE_GROUP_ACCESS_CONTROL_ENTRY', sid ?? '', `Template ${template.Arn} has no entry for ${sid}.`);
    return { AccessControlEntry: aceView(a) };
  },
  ListTemplateGroupAccessControlEntries(input, ctx) {
    check('ListTemplateGroupAccessControlEntries', { TemplateArn: input['TemplateArn'] });
    const template = findTemplate(ctx, str(input, 'TemplateArn'), true);
    const { items, next } = page(input, ctx.state.get(CONNECTOR_AD_RESOURCES).accessControlEntries.filter((a) => a.TemplateArn === template.Arn));
    return { AccessControlEntries: items.map(aceView), ...(next ? { NextToken: next } : {}) };
  },
  UpdateTemplate: updateTemplate,
  UpdateTemplateGroupAccessControlEntry: updateAce,
  DeleteTemplate: deleteTemplate,
  DeleteTemplateGroupAccessControlEntry: deleteAce,
};

/** restJson1 routes of the operations above: `/templates[/{arn}[/accessControlEntries[/{sid}]]]`. */
export function routeTemplates(method: string, url: URL, body: Json): Route | undefined {
  const seg = url.pathname.replace(/\/+$/, '').split('/').slice(1).map(decodeURIComponent);
  const [a, b, c, d] = seg;
  if (a === 'templates') {
    if (seg.length === 1) {
      if (method === 'POST') return { op: 'CreateTemplate', input: body, status: 200 };
      if (method === 'GET') return { op: 'ListTemplates', input: paging(url, {}), status: 200 };
    }
    if (seg.length === 2 && method === 'GET') return { op: 'GetTemplate', input: { TemplateArn: b }, status: 200 };
    if (seg.length === 2 && method === 'PATCH') return { op: 'UpdateTemplate', input: { ...body, TemplateArn: b }, status: 200 };
    if (seg.length === 2 && method === 'DELETE') return { op: 'DeleteTemplate', input: { TemplateArn: b }, status: 202 };
    if (c === 'accessControlEntries') {
      if (seg.length === 3 && method === 'POST') return { op: 'CreateTemplateGroupAccessControlEntry', input: { ...body, TemplateArn: b }, status: 200 };
      if (seg.length === 3 && method === 'GET') return { op: 'ListTemplateGroupAccessControlEntries', input: paging(url, { TemplateArn: b }), status: 200 };
      if (seg.length === 4 && method === 'GET') return { op: 'GetTemplateGroupAccessControlEntry', input: { TemplateArn: b, GroupSecurityIdentifier: d }, status: 200 };
      if (seg.length === 4 && method === 'PATCH') {
        return { op: 'UpdateTemplateGroupAccessControlEntry', input: { ...body, TemplateArn: b, GroupSecurityIdentifier: d }, status: 200 };
      }
      if (seg.length === 4 && method === 'DELETE') return { op: 'DeleteTemplateGroupAccessControlEntry', input: { TemplateArn: b, GroupSecurityIdentifier: d }, status: 200 };
    }
  }
  return undefined;
}
