/**
 * The diff (pure): a request against what exists, one plan entry per resource (docs/plan.md). The plan (`npm start
 * -- --plan`, `POST /provisionings?dryRun=true`, the PlanChanges Task) and the apply (the create steps, the
 * templates step) both read it, so what a plan says is what a run does.
 *
 * What AWS changes in place is `update`: a template's Definition (UpdateTemplate), an access entry's AccessRights and
 * GroupDisplayName (UpdateTemplateGroupAccessControlEntry), tags (AddTagsToResource, TagResource). What only a
 * replacement changes is `conflict`: the directory's Name, ShortName, Type, Edition/Size, VPC and subnets; the
 * connector's CA, security groups and IP address type (CloudFormation's "Update requires: Replacement" for them). A
 * run with a conflict writes nothing. A Description no API changes is a `warning`. Fields the request leaves out are
 * not compared (the service may fill in defaults), so a field is changed by giving its new value, never by omitting
 * it. Tags: only the request's own are compared and added; tags it no longer lists are left alone.
 */
import { isExistingDirectory } from '../contract.ts';
import type {
  ConnectorRequest,
  DirectoryType,
  FieldDifference,
  PlanAction,
  PlanEntry,
  PlanResource,
  ProvisioningRequest,
  ResolvedAccessControlEntry,
  ResolvedTemplateRequest,
  TemplateRequest,
} from '../contract.ts';
import { CA_SHARE_PERMISSION_NAME } from './ca-share.ts';
import type { ShareDecision } from './ca-share.ts';
import { chooseRegistration, sameAdName, spnAdoptable } from './connector-setup.ts';
import type { ExistingAccessControlEntry, RegistrationCandidate } from './connector-setup.ts';
import {
  chooseDirectory,
  connectorDifferences,
  connectorWanted,
  directoryDifferences,
  liveConnectorsOf,
  sameNameSameVpc,
  wantedDirectory,
} from './find-or-create.ts';
import type { ConnectorCandidate, DirectoryCandidate } from './find-or-create.ts';
import { directoryDataProblem, groupKey, groupsToResolve } from './groups.ts';
import { keyPath } from './spec.ts';
import { isOwned } from './tags.ts';

/* ---------------- what exists (src/aws/discovery.ts reads it) ---------------- */

export interface ExistingDirectory extends DirectoryCandidate {
  Description?: string | undefined;
  Tags: Record<string, string>;
}
export interface ExistingRegistration extends RegistrationCandidate {
  Arn: string;
  DirectoryId: string;
  Tags: Record<string, string>;
}
export interface ExistingConnector extends ConnectorCandidate {
  Arn: string;
  Tags: Record<string, string>;
}
export interface ExistingTemplate {
  Arn: string;
  Name: string;
  Status?: string | undefined;
  Definition?: unknown;
  Tags: Record<string, string>;
  /** Its group access control entries. */
  Entries: ExistingAccessControlEntry[];
}

/**
 * What exists for one request: the directories with its Name in its VPC, and, on the directory in play (the one the
 * request adopts), its registrations, connectors, the service principal name of the connector in play and that
 * connector's templates.
 */
export interface ExistingResources {
  /** What the CA's shares with Connector for AD say (adopt or wait: it exists; conflict; create); undefined: none. */
  share?: ShareDecision | undefined;
  directories: ExistingDirectory[];
  registrations: ExistingRegistration[];
  connectors: ExistingConnector[];
  /**
   * Where an access entry names a group by GroupName, on the directory in play: its Directory Data access status
   * (DescribeDirectoryDataAccess), and, when that is Enabled, the SID of each such group it has (by groupKey).
   */
  dataAccess?: string | undefined;
  groups?: ReadonlyMap<string, string> | undefined;
  /** The service principal name of the connector in play in the registration in play. */
  servicePrincipalName?: { Status: string } | undefined;
  templates: ExistingTemplate[];
}

export const NOTHING_EXISTS: ExistingResources = { directories: [], registrations: [], connectors: [], templates: [] };

/* ---------------- which existing resource the request is about ---------------- */

/**
 * The directory the request is about: the one it adopts (same Name and VPC, no difference in what only a replacement
 * changes; several → `chooseDirectory`'s order), else the first of those that differ (a conflict: the plan still shows
 * what is beneath it). Undefined when there is none: it is created. A request by DirectoryId is about that directory.
 */
export const directoryInPlay = (request: ProvisioningRequest, directories: readonly ExistingDirectory[]): ExistingDirectory | undefined => {
  const d = request.Directory;
  if (isExistingDirectory(d)) return directories.find((x) => x.DirectoryId === d.DirectoryId);
  const want = wantedDirectory(d, d.Type ?? 'SimpleAD');
  const same = directories.filter((d) => sameNameSameVpc(d, want));
  const matches = same.filter((d) => directoryDifferences(d, want).length === 0);
  const tags = new Map(same.map((d) => [d.DirectoryId ?? '', d.Tags]));
  return (chooseDirectory(matches, tags) ?? chooseDirectory(same, tags)) as ExistingDirectory | undefined;
};

const connectorOrder = (a: ConnectorCandidate, b: ConnectorCandidate): number =>
  (a.Status === 'ACTIVE' ? 0 : 1) - (b.Status === 'ACTIVE' ? 0 : 1) ||
  (a.CreatedAt?.getTime() ?? Number.MAX_SAFE_INTEGER) - (b.CreatedAt?.getTime() ?? Number.MAX_SAFE_INTEGER) ||
  (a.Arn ?? '').localeCompare(b.Arn ?? '');

/**
 * The connector the request is about on `directoryId`: the live one it adopts (matching; ACTIVE first, then the
 * oldest), else the first live one that differs (a conflict). Undefined when there is none: it is created.
 */
export const connectorInPlay = (connector: ConnectorRequest, directoryId: string, connectors: readonly ExistingConnector[]): ExistingConnector | undefined => {
  const want = connectorWanted(directoryId, connector);
  const live = liveConnectorsOf(connectors, directoryId).sort(connectorOrder);
  return (live.find((c) => connectorDifferences(c, want).length === 0) ?? live[0]) as ExistingConnector | undefined;
};

/** The registration the request adopts on `directoryId` (connector-setup.ts: CREATING/ACTIVE, else FAILED). */
export const registrationInPlay = (directoryId: string, registrations: readonly ExistingRegistration[]): ExistingRegistration | undefined =>
  chooseRegistration(registrations, directoryId) as ExistingRegistration | undefined;

/* ---------------- field differences ---------------- */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value as a plan shows it: JSON, cut at 80 characters. */
export const shownValue = (v: unknown): string => {
  const s = JSON.stringify(v) ?? '(none)';
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
};

/**
 * Where an existing value differs from the requested one: every field the request sets must be equal in the existing
 * value (objects field by field, lists item by item and of the same length). Fields only the existing value has are
 * not differences: the service may fill in defaults the request left out.
 */
export function fieldDifferences(want: unknown, have: unknown, path: string): FieldDifference[] {
  const differ = (): FieldDifference[] => [{ field: path, requested: shownValue(want), existing: shownValue(have) }];
  if (isObject(want)) {
    if (!isObject(have)) return differ();
    return Object.keys(want).flatMap((k) => fieldDifferences(want[k], have[k], `${path}.${k}`));
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(have) || have.length !== want.length) return differ();
    return want.flatMap((item, i) => fieldDifferences(item, have[i], `${path}[${i}]`));
  }
  return want === have ? [] : differ();
}

/** The request's tags an existing resource lacks or has with another value (its other tags are not compared). */
export const tagDifferences = (
  requested: Readonly<Record<string, string>>,
  existing: Readonly<Record<string, string>>,
  pathOf: (key: string) => string,
): FieldDifference[] =>
  Object.entries(requested).flatMap(([key, value]) =>
    existing[key] === value ? [] : [{ field: pathOf(key), requested: value, existing: existing[key] ?? '(none)' }],
  );

/** The tags of `fields` (from tagDifferences) to put on the resource: the requested values. */
export const tagsToApply = (requested: Readonly<Record<string, string>>, existing: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(requested).filter(([key, value]) => existing[key] !== value));

/** The directory's type: the request's (with its default), or for a request by DirectoryId the directory's own. */
export const directoryTypeOf = (request: ProvisioningRequest, chosen: ExistingDirectory | undefined): DirectoryType => {
  const d = request.Directory;
  if (!isExistingDirectory(d)) return d.Type ?? 'SimpleAD';
  return chosen?.Type === 'ADConnector' || chosen?.Type === 'SimpleAD' ? chosen.Type : 'MicrosoftAD';
};

/** What the request names its directory by until it has an id: its Name, or the DirectoryId it gives. */
const directoryName = (request: ProvisioningRequest): string =>
  isExistingDirectory(request.Directory) ? request.Directory.DirectoryId : request.Directory.Name;

const requestedDirectoryTags = (request: ProvisioningRequest): readonly { Key: string; Value: string }[] =>
  isExistingDirectory(request.Directory) ? [] : (request.Directory.Tags ?? []);

const directoryTagMap = (request: ProvisioningRequest): Record<string, string> =>
  Object.fromEntries(requestedDirectoryTags(request).map((t) => [t.Key, t.Value]));

const directoryTagPath = (request: ProvisioningRequest) => (key: string): string =>
  `Directory.Tags[${requestedDirectoryTags(request).findIndex((t) => t.Key === key)}]`;

const connectorTagPath = (key: string): string => keyPath('Connector.Tags', key);

/* ---------------- remedies ---------------- */

export const REMEDY = {
  directoryConflict:
    'Directory Service changes none of these fields of an existing directory (CloudFormation replaces the directory for ' +
    'them): put the existing values back in the request, or remove the directory (the teardown, docs/teardown.md) and ' +
    'provision it anew.',
  connectorConflict:
    'Connector for AD changes none of these fields of an existing connector (CloudFormation replaces the connector for ' +
    'them): put the existing values back in the request, or delete the connector (the teardown with the input that ' +
    'created it) and provision again.',
  foreignTemplate:
    'This template was not created by this tool (it lacks the ownership tag), so this tool does not change it: request ' +
    'its current definition and rights, change it yourself (aws pca-connector-ad update-template), or give the ' +
    'requested template another Name.',
  shareConflict:
    'The CA is shared with Connector for AD only under another RAM permission, through which it cannot issue: replace ' +
    `that share's permission for the CA with ${CA_SHARE_PERMISSION_NAME} (aws ram associate-resource-share-permission ` +
    '--replace), or remove pca-connector-ad.amazonaws.com from that share so that a run creates its own.',
  groupNotFound:
    'The directory has no group of this name (a sAMAccountName such as "Domain Computers"): fix the name, create the ' +
    'group, or add "CreateGroup": true to the entry.',
  orphaned: 'No longer requested: kept, as Connector.PruneTemplates is not true (set it to delete what this tool created and the request no longer lists).',
  description:
    "Directory Service has no API to change a directory's description (CloudFormation replaces a Simple AD for it): " +
    'the existing description stays. Put it back in the request to silence this warning.',
} as const;

/* ---------------- the templates: what the templates step applies ---------------- */

export interface EntryChange {
  sid: string;
  action: Extract<PlanAction, 'create' | 'keep' | 'update' | 'delete' | 'orphaned' | 'conflict'>;
  fields: FieldDifference[];
  /** The requested entry (create, keep, update, conflict). */
  request?: ResolvedAccessControlEntry;
}

export interface TemplateChange {
  name: string;
  action: Extract<PlanAction, 'create' | 'keep' | 'update' | 'delete' | 'orphaned' | 'conflict'>;
  /** The existing template (all but create). */
  arn?: string;
  /** The requested template (all but delete and orphaned). */
  request?: ResolvedTemplateRequest;
  /** Definition differences: an UpdateTemplate for an update, the reasons of a conflict. */
  definitionFields: FieldDifference[];
  /** The request's connector tags it lacks (TagResource). */
  tagFields: FieldDifference[];
  tags: Record<string, string>;
  entries: EntryChange[];
}

const entryChange = (
  at: string,
  a: ResolvedAccessControlEntry,
  have: ExistingAccessControlEntry | undefined,
  owned: boolean,
): EntryChange => {
  if (!have) return { sid: a.GroupSecurityIdentifier, action: 'create', fields: [], request: a };
  const fields = [
    ...fieldDifferences(a.AccessRights, have.AccessRights ?? {}, `${at}.AccessRights`),
    ...(sameAdName(a.GroupDisplayName, have.GroupDisplayName ?? '') ? [] : fieldDifferences(a.GroupDisplayName, have.GroupDisplayName, `${at}.GroupDisplayName`)),
  ];
  const action = fields.length === 0 ? 'keep' : owned ? 'update' : 'conflict';
  return { sid: a.GroupSecurityIdentifier, action, fields, request: a };
};

/**
 * What the templates step does on a connector with `existing` templates: per requested template (its entries' groups
 * as SIDs) create, keep, update (Definition, tags) or conflict (a template not this tool's that differs); per
 * requested entry the same, compared by SID; this tool's templates and entries the request no longer lists: delete
 * with `PruneTemplates`, else orphaned. A template being deleted is as good as gone.
 */
export function diffTemplates(
  templates: readonly ResolvedTemplateRequest[],
  connector: Pick<ConnectorRequest, 'Tags' | 'PruneTemplates'>,
  existing: readonly ExistingTemplate[],
): TemplateChange[] {
  const prune = connector.PruneTemplates === true;
  const live = existing.filter((t) => t.Status !== 'DELETING');
  const wantedTags = connector.Tags ?? {};
  const requested = templates.map((t, i): TemplateChange => {
    const at = `Connector.Templates[${i}]`;
    const found = live.find((e) => sameAdName(e.Name, t.Name));
    if (!found) {
      const entries = (t.AccessControlEntries ?? []).map((a): EntryChange => ({ sid: a.GroupSecurityIdentifier, action: 'create', fields: [], request: a }));
      return { name: t.Name, action: 'create', request: t, definitionFields: [], tagFields: [], tags: {}, entries };
    }
    const owned = isOwned(found.Tags);
    const definitionFields = fieldDifferences(t.Definition, found.Definition, `${at}.Definition`);
    const tagFields = tagDifferences(wantedTags, found.Tags, connectorTagPath);
    const entries = (t.AccessControlEntries ?? []).map((a, j) =>
      entryChange(`${at}.AccessControlEntries[${j}]`, a, found.Entries.find((e) => e.GroupSecurityIdentifier === a.GroupSecurityIdentifier), owned),
    );
    if (owned) {
      const listed = new Set((t.AccessControlEntries ?? []).map((a) => a.GroupSecurityIdentifier));
      for (const e of found.Entries) {
        if (!listed.has(e.GroupSecurityIdentifier)) entries.push({ sid: e.GroupSecurityIdentifier, action: prune ? 'delete' : 'orphaned', fields: [] });
      }
    }
    const action = definitionFields.length > 0 && !owned ? 'conflict' : definitionFields.length + tagFields.length > 0 ? 'update' : 'keep';
    return {
      name: t.Name,
      action,
      arn: found.Arn,
      request: t,
      definitionFields,
      tagFields,
      tags: tagsToApply(wantedTags, found.Tags),
      entries,
    };
  });
  const unlisted = live
    .filter((t) => !templates.some((r) => sameAdName(r.Name, t.Name)) && isOwned(t.Tags))
    .map((t): TemplateChange => {
      const action = prune ? 'delete' : 'orphaned';
      return {
        name: t.Name,
        action,
        arn: t.Arn,
        definitionFields: [],
        tagFields: [],
        tags: {},
        entries: t.Entries.map((e) => ({ sid: e.GroupSecurityIdentifier, action, fields: [] })),
      };
    });
  return [...requested, ...unlisted];
}

/* ---------------- the whole plan ---------------- */

/** Why a directory named by DirectoryId is kept whatever the request says. */
export const GIVEN_DIRECTORY_REASON = 'named by DirectoryId';

const entry = (resource: PlanResource, id: string, action: PlanAction, fields: FieldDifference[] = [], remedy?: string): PlanEntry => ({
  resource,
  id,
  action,
  fields,
  ...(remedy !== undefined ? { remedy } : {}),
});

/** keep, or update when there are tag fields. */
const keepOrTag = (resource: PlanResource, id: string, tagFields: FieldDifference[]): PlanEntry =>
  entry(resource, id, tagFields.length > 0 ? 'update' : 'keep', tagFields);

const REMEDY_OF: Partial<Record<PlanAction, string>> = { orphaned: REMEDY.orphaned };

const templateEntries = (changes: readonly TemplateChange[]): PlanEntry[] =>
  changes.flatMap((t) => [
    t.action === 'conflict'
      ? entry('template', t.name, t.action, t.definitionFields, REMEDY.foreignTemplate)
      : entry('template', t.name, t.action, [...t.definitionFields, ...t.tagFields], REMEDY_OF[t.action]),
    ...t.entries.map((e) => entry('access-entry', `${t.name}/${e.sid}`, e.action, e.fields, e.action === 'conflict' ? REMEDY.foreignTemplate : REMEDY_OF[e.action])),
  ]);

/** The CA's share: kept when one grants Connector for AD's permission, a conflict when only others do, else created. */
const shareEntry = (caArn: string, share: ShareDecision | undefined): PlanEntry => {
  switch (share?.kind) {
    case 'adopt':
    case 'wait':
      return entry('ca-share', share.resourceShareArn, 'keep');
    case 'conflict':
      return entry(
        'ca-share',
        share.shares.map((s) => s.resourceShareArn).join(', '),
        'conflict',
        share.shares.map((s) => ({ field: 'Connector.CertificateAuthorityArn', requested: `shared with ${CA_SHARE_PERMISSION_NAME}`, existing: `shared with ${s.permissions.join(', ') || 'no permission'}` })),
        REMEDY.shareConflict,
      );
    default:
      return entry('ca-share', caArn, 'create');
  }
};

/**
 * The directory's entries: create; keep, or update for the request's tags it lacks, and a warning for a Description
 * that differs; or, when it differs in what only a replacement changes, a conflict. A directory the request names by
 * DirectoryId is used as it is: keep, whatever it is (validation found it Active, of a supported type).
 */
const directoryEntries = (request: ProvisioningRequest, chosen: ExistingDirectory | undefined): PlanEntry[] => {
  const d = request.Directory;
  if (isExistingDirectory(d)) return [{ ...entry('directory', d.DirectoryId, 'keep'), reason: GIVEN_DIRECTORY_REASON }];
  if (!chosen?.DirectoryId) return [entry('directory', d.Name, 'create')];
  const id = chosen.DirectoryId;
  const differences = directoryDifferences(chosen, wantedDirectory(d, d.Type ?? 'SimpleAD'));
  if (differences.length > 0) return [entry('directory', id, 'conflict', differences, REMEDY.directoryConflict)];
  const entries = [keepOrTag('directory', id, tagDifferences(directoryTagMap(request), chosen.Tags, directoryTagPath(request)))];
  if (d.Description && d.Description !== chosen.Description) {
    const field = { field: 'Directory.Description', requested: d.Description, existing: chosen.Description ?? '(none)' };
    entries.push(entry('directory', id, 'warning', [field], REMEDY.description));
  }
  return entries;
};

/**
 * The templates with each entry's group as a SID where it is known: a GroupSecurityIdentifier, or a GroupName the
 * directory resolves (`groups`). A GroupName not known yet (the group is still to be created, or the directory cannot
 * be read) stands for itself: no existing entry has it as SID, so its entry is `create`.
 */
export const templatesBySid = (templates: readonly TemplateRequest[], groups: ReadonlyMap<string, string> | undefined): ResolvedTemplateRequest[] =>
  templates.map((t) => ({
    Name: t.Name,
    Definition: t.Definition,
    ...(t.ReenrollAllCertificateHolders !== undefined ? { ReenrollAllCertificateHolders: t.ReenrollAllCertificateHolders } : {}),
    ...(t.AccessControlEntries !== undefined
      ? {
          AccessControlEntries: t.AccessControlEntries.map((e) => ({
            GroupDisplayName: e.GroupDisplayName ?? e.GroupName ?? '',
            GroupSecurityIdentifier: e.GroupSecurityIdentifier ?? groups?.get(groupKey(e.GroupName ?? '')) ?? e.GroupName ?? '',
            AccessRights: { ...e.AccessRights },
          })),
        }
      : {}),
  }));

/** Directory Data access is on, or being turned on: EnableDirectoryDataAccess has nothing to ask. */
const DATA_ACCESS_ON = ['Enabled', 'Enabling'];

/**
 * Where an entry names a group by GroupName (a Managed AD): Directory Data access (keep when on, else create: the
 * workflow turns it on) and each group: keep (id: its SID) when the directory has it; create when it does not and an
 * entry says CreateGroup; conflict when it does not and none does (ResolveGroups would fail with GroupNotFoundError).
 * Before the directory exists or its data can be read, a group with CreateGroup is create and one without is
 * expected to exist (keep, by name): ResolveGroups checks it before anything connector-side is written.
 */
const groupEntries = (request: ProvisioningRequest, chosen: ExistingDirectory | undefined, existing: ExistingResources): PlanEntry[] => {
  const directoryId = chosen?.DirectoryId;
  const templates = request.Connector?.Templates ?? [];
  const wanted = groupsToResolve(templates);
  if (wanted.length === 0 || directoryDataProblem(directoryTypeOf(request, chosen)) !== undefined) return [];
  const on = directoryId !== undefined && DATA_ACCESS_ON.includes(existing.dataAccess ?? '');
  const out = [entry('directory-data-access', directoryId ?? directoryName(request), on ? 'keep' : 'create')];
  for (const g of wanted) {
    const sid = existing.groups?.get(groupKey(g.GroupName));
    if (sid !== undefined) out.push(entry('group', sid, 'keep'));
    else if (g.CreateGroup) out.push(entry('group', g.GroupName, 'create'));
    else if (existing.groups === undefined) out.push(entry('group', g.GroupName, 'keep'));
    else {
      const at = templates.flatMap((t, ti) =>
        (t.AccessControlEntries ?? []).flatMap((e, ei) => (e.GroupName !== undefined && groupKey(e.GroupName) === groupKey(g.GroupName) ? [`Connector.Templates[${ti}].AccessControlEntries[${ei}].GroupName`] : [])),
      );
      out.push(entry('group', g.GroupName, 'conflict', [{ field: at[0] ?? 'GroupName', requested: g.GroupName, existing: '(none)' }], REMEDY.groupNotFound));
    }
  }
  return out;
};

/**
 * The plan: per resource the request names (the CA share, the directory, its Directory Data access and the groups
 * entries name by GroupName, and with a Connector its registration, the
 * connector, its service principal name, each template and access entry, and this tool's templates it no longer
 * lists), what applying it does, in the order the workflow applies it.
 */
export function diff(request: ProvisioningRequest, existing: ExistingResources): PlanEntry[] {
  const c = request.Connector;
  const out: PlanEntry[] = [];
  if (c) out.push(shareEntry(c.CertificateAuthorityArn, existing.share));
  const directory = directoryInPlay(request, existing.directories);
  out.push(...directoryEntries(request, directory));
  if (!c) return out;

  const directoryId = directory?.DirectoryId;
  out.push(...groupEntries(request, directory, existing));
  const wantedTags = c.Tags ?? {};
  const registration = directoryId ? registrationInPlay(directoryId, existing.registrations) : undefined;
  out.push(
    registration
      ? keepOrTag('directory-registration', registration.Arn, tagDifferences(wantedTags, registration.Tags, connectorTagPath))
      : entry('directory-registration', directoryId ?? directoryName(request), 'create'),
  );

  const connector = directoryId ? connectorInPlay(c, directoryId, existing.connectors) : undefined;
  const connectorConflicts = connector && directoryId ? connectorDifferences(connector, connectorWanted(directoryId, c)) : [];
  out.push(
    !connector
      ? entry('connector', c.CertificateAuthorityArn, 'create')
      : connectorConflicts.length > 0
        ? entry('connector', connector.Arn, 'conflict', connectorConflicts, REMEDY.connectorConflict)
        : keepOrTag('connector', connector.Arn, tagDifferences(wantedTags, connector.Tags, connectorTagPath)),
  );

  const spn = registration && connector ? existing.servicePrincipalName : undefined;
  out.push(entry('service-principal-name', connector?.Arn ?? c.CertificateAuthorityArn, spn && spnAdoptable(spn.Status) ? 'keep' : 'create'));

  out.push(...templateEntries(diffTemplates(templatesBySid(c.Templates ?? [], existing.groups), c, connector ? existing.templates : [])));
  return out;
}

/* ---------------- reading a plan ---------------- */

export const conflictsOf = (plan: readonly PlanEntry[]): PlanEntry[] => plan.filter((e) => e.action === 'conflict');

/** What a plan line says in one sentence (the table, the warnings, the conflict error). */
export const describeEntry = (e: PlanEntry): string => {
  const fields = e.fields.map((f) => `${f.field}: requested ${f.requested}, existing ${f.existing}`).join('; ');
  return `${e.resource} ${e.id}${fields ? ` (${fields})` : ''}${e.remedy ? `: ${e.remedy}` : ''}`;
};

/** The plan's warnings: what differs and stays as it is (`warning`), and what is no longer requested (`orphaned`). */
export const planWarnings = (plan: readonly PlanEntry[]): string[] =>
  plan.filter((e) => e.action === 'warning' || e.action === 'orphaned').map((e) => `${e.action}: ${describeEntry(e)}`);

/** Whether applying the plan writes anything (a conflict writes nothing: the run refuses first). */
export const writesOf = (plan: readonly PlanEntry[]): PlanEntry[] =>
  conflictsOf(plan).length > 0 ? [] : plan.filter((e) => e.action === 'create' || e.action === 'update' || e.action === 'delete');
