/**
 * Groups named by GroupName (pure): which directory types Directory Service Data serves, which names a request asks
 * to resolve, and how the resolved SIDs turn the request's access entries into the ones CreateTemplates sends.
 * Active Directory compares sAMAccountNames case-insensitively, so every comparison here does too.
 */
import type {
  AccessControlEntryRequest,
  DirectoryType,
  ResolvedAccessControlEntry,
  ResolvedGroup,
  ResolvedTemplateRequest,
  TemplateRequest,
} from '../contract.ts';
import type { Violation } from './errors.ts';
import { show } from './spec.ts';

/**
 * Directory Service Data `GroupName` (ds-data 2023-05-31), the sAMAccountName DescribeGroup and CreateGroup take:
 * 1-64 characters, none of `: ; | = + " * ? < > / \ , [ ] @`.
 */
export const GROUP_NAME_PATTERN = /^[^:;|=+"*?<>/\\,[\]@]+$/;
export const GROUP_NAME_MAX = 64;

/**
 * The directory types Directory Service Data serves: "With Directory Service Data, you can create, read, update, and
 * delete users, groups, and memberships from your AWS Managed Microsoft AD" (Directory Service Data API Reference,
 * Welcome); the admin guide enables it "for an existing AWS Managed Microsoft AD". Simple AD and AD Connector are not
 * named there: a GroupName cannot be resolved on them.
 */
export const DIRECTORY_DATA_TYPES: readonly DirectoryType[] = ['MicrosoftAD'];

/** Why a GroupName cannot be resolved on a directory of `type` (`which`: how the message names it), or undefined when it can. */
export const directoryDataProblem = (type: string, which = `Directory.Type ${type}`): string | undefined =>
  (DIRECTORY_DATA_TYPES as readonly string[]).includes(type)
    ? undefined
    : `needs Directory Service Data, which serves AWS Managed Microsoft AD only (${which}): name the ` +
      'group by GroupSecurityIdentifier instead';

/** The key two group names are compared by (sAMAccountNames are case-insensitive). */
export const groupKey = (name: string): string => name.toLowerCase();

/** A group the request names by GroupName, and whether any entry naming it asks to create it. */
export interface GroupToResolve {
  GroupName: string;
  CreateGroup: boolean;
}

/** Every group the templates name by GroupName, once each (spelled as the first entry naming it), in request order. */
export const groupsToResolve = (templates: readonly TemplateRequest[]): GroupToResolve[] => {
  const out = new Map<string, GroupToResolve>();
  for (const entry of templates.flatMap((t) => t.AccessControlEntries ?? [])) {
    if (entry.GroupName === undefined) continue;
    const key = groupKey(entry.GroupName);
    const known = out.get(key);
    if (known) known.CreateGroup ||= entry.CreateGroup === true;
    else out.set(key, { GroupName: entry.GroupName, CreateGroup: entry.CreateGroup === true });
  }
  return [...out.values()];
};

/** Whether any access entry of the templates names its group by GroupName. */
export const namesGroups = (templates: readonly TemplateRequest[] | undefined): boolean =>
  (templates ?? []).some((t) => (t.AccessControlEntries ?? []).some((e) => e.GroupName !== undefined));

const entryPath = (t: number, e: number): string => `Connector.Templates[${t}].AccessControlEntries[${e}]`;

/** The SID an entry names, if known: its GroupSecurityIdentifier, or what `sidOfName` says of its GroupName. */
const sidOf = (e: AccessControlEntryRequest, sidOfName: (name: string) => string | undefined): string | undefined =>
  e.GroupName !== undefined ? sidOfName(e.GroupName) : e.GroupSecurityIdentifier;

const fieldOf = (e: AccessControlEntryRequest): string => (e.GroupName !== undefined ? 'GroupName' : 'GroupSecurityIdentifier');

/**
 * Two entries of one template that name the same group once the names are known as SIDs: a name and the SID it
 * resolves to (which only the directory can tell). Entries whose SID `sidOfName` does not know are skipped.
 */
export const sameGroupViolations = (
  templates: readonly TemplateRequest[],
  sidOfName: (name: string) => string | undefined,
): Violation[] =>
  templates.flatMap((t, ti) => {
    const seen = new Map<string, number>();
    return (t.AccessControlEntries ?? []).flatMap((e, ei): Violation[] => {
      const sid = sidOf(e, sidOfName);
      if (sid === undefined) return [];
      const first = seen.get(sid);
      if (first === undefined) {
        seen.set(sid, ei);
        return [];
      }
      return [{
        path: `${entryPath(ti, ei)}.${fieldOf(e)}`,
        message: `names the same group (${sid}) as ${entryPath(ti, first)}: give each group one entry per template`,
      }];
    });
  });

/** A lookup of resolved SIDs by group name (case-insensitive). */
export const sidsByName = (groups: readonly ResolvedGroup[]): ((name: string) => string | undefined) => {
  const sids = new Map(groups.map((g) => [groupKey(g.GroupName), g.SID]));
  return (name) => sids.get(groupKey(name));
};

/**
 * The templates with every entry's group as a SID (GroupDisplayName defaulting to GroupName), or the violations: an
 * entry whose GroupName has no resolved SID, or two entries of one template naming the same group.
 */
export const resolveTemplates = (
  templates: readonly TemplateRequest[],
  groups: readonly ResolvedGroup[],
): { templates: ResolvedTemplateRequest[]; violations: Violation[] } => {
  const lookup = sidsByName(groups);
  const violations: Violation[] = sameGroupViolations(templates, lookup);
  const resolved = templates.map((t, ti): ResolvedTemplateRequest => {
    const entries = (t.AccessControlEntries ?? []).flatMap((e, ei): ResolvedAccessControlEntry[] => {
      const sid = sidOf(e, lookup);
      if (sid === undefined) {
        violations.push({ path: `${entryPath(ti, ei)}.${fieldOf(e)}`, message: 'names a group that was not resolved to a SID' });
        return [];
      }
      return [{ GroupDisplayName: e.GroupDisplayName ?? e.GroupName ?? '', GroupSecurityIdentifier: sid, AccessRights: { ...e.AccessRights } }];
    });
    return {
      Name: t.Name,
      Definition: t.Definition,
      ...(t.AccessControlEntries !== undefined ? { AccessControlEntries: entries } : {}),
      ...(t.ReenrollAllCertificateHolders !== undefined ? { ReenrollAllCertificateHolders: t.ReenrollAllCertificateHolders } : {}),
    };
  });
  return { templates: resolved, violations };
};

/**
 * Why the step stops before creating anything: the groups the directory does not have and no entry asks to create,
 * with the entries that name them.
 */
export const groupsNotFoundMessage = (missing: readonly string[], templates: readonly TemplateRequest[], directoryId: string): string => {
  const where = (name: string): string[] =>
    templates.flatMap((t, ti) =>
      (t.AccessControlEntries ?? []).flatMap((e, ei) => (e.GroupName !== undefined && groupKey(e.GroupName) === groupKey(name) ? [`${entryPath(ti, ei)}.GroupName`] : [])),
    );
  const list = missing.map((name) => `${show(name)} (${where(name).join(', ')})`).join('; ');
  return `Directory ${directoryId} has no group named ${list}. Group names are sAMAccountNames such as "Domain Computers"; ` +
    'fix the name, create the group, or add "CreateGroup": true to the entry. No group and no template was created';
};

/** A Directory Service Data AccessDeniedException whose Reason says Directory Data access is off. */
export const isDataDisabled = (error: unknown): boolean =>
  error instanceof Error && error.name === 'AccessDeniedException' && (error as { Reason?: unknown }).Reason === 'DATA_DISABLED';
