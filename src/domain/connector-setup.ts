/**
 * Pure decisions of the connector-side steps: which directory registration or service principal name to adopt, and
 * what CreateTemplates must create, adopt or refuse. The handlers read AWS, call these, then act.
 */
import type { ResolvedAccessControlEntry, ResolvedTemplateRequest } from '../contract.ts';

/* ---------------- directory registration ---------------- */

export interface RegistrationCandidate {
  Arn?: string;
  DirectoryId?: string;
  Status?: string;
}

/**
 * The registration of `directoryId` to adopt: one that is CREATING or ACTIVE, else a FAILED one (its poll then
 * reports the failure and its reason instead of a create that would conflict with it). A DELETING one is on its way
 * out and is not adopted. Oldest first, as listed.
 */
export const chooseRegistration = (all: readonly RegistrationCandidate[], directoryId: string): RegistrationCandidate | undefined => {
  const mine = all.filter((r) => r.DirectoryId === directoryId && r.Arn);
  return mine.find((r) => r.Status === 'CREATING' || r.Status === 'ACTIVE') ?? mine.find((r) => r.Status === 'FAILED');
};

/** A service principal name is adopted unless it is being deleted. */
export const spnAdoptable = (status: string | undefined): boolean => status !== undefined && status !== 'DELETING';

/* ---------------- templates and access control entries ---------------- */

export interface ExistingTemplate {
  Arn: string;
  Name: string;
  Status?: string;
  Definition?: unknown;
}
export interface ExistingAccessControlEntry {
  GroupSecurityIdentifier: string;
  GroupDisplayName?: string;
  AccessRights?: { Enroll?: string; AutoEnroll?: string };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? 'null';
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
};

/**
 * Where an existing value differs from the requested one: every field the request sets must be equal in the existing
 * value (objects field by field, lists item by item and of the same length). Fields only the existing value has are
 * not differences: the service may fill in defaults the request left out.
 */
/** Whether two names are one to Active Directory (template and group names are case-insensitive there). */
export const sameAdName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function differences(want: unknown, have: unknown, path: string): string[] {
  if (isObject(want)) {
    if (!isObject(have)) return [`${path}: requested ${show(want)}, found ${show(have)}`];
    return Object.keys(want).flatMap((k) => differences(want[k], have[k], `${path}.${k}`));
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(have) || have.length !== want.length) return [`${path}: requested ${show(want)}, found ${show(have)}`];
    return want.flatMap((item, i) => differences(item, have[i], `${path}[${i}]`));
  }
  return want === have ? [] : [`${path}: requested ${show(want)}, found ${show(have)}`];
}

export interface TemplatePlan {
  Name: string;
  /** The template to adopt, or undefined: create it. */
  existing?: ExistingTemplate;
  /** Entries to create (the others exist with the requested rights). */
  createEntries: ResolvedAccessControlEntry[];
  adoptedEntries: string[];
}

/**
 * What CreateTemplates does for each requested template, or every conflict found: a template of the same Name with
 * another definition, an entry of the same group with other rights or display name. Nothing is created when there
 * is a conflict, so the plan is made from one read of everything before the first create.
 */
export function planTemplates(
  requested: readonly ResolvedTemplateRequest[],
  existing: readonly ExistingTemplate[],
  entriesOf: (templateArn: string) => readonly ExistingAccessControlEntry[],
): { plans: TemplatePlan[]; conflicts: string[] } {
  const conflicts: string[] = [];
  const plans = requested.map((t, i): TemplatePlan => {
    const found = existing.find((e) => sameAdName(e.Name, t.Name) && e.Status !== 'DELETING');
    const at = `Connector.Templates[${i}]`;
    if (!found) return { Name: t.Name, createEntries: [...(t.AccessControlEntries ?? [])], adoptedEntries: [] };
    conflicts.push(...differences(t.Definition, found.Definition, `${at}.Definition`).map((d) => `template ${t.Name} (${found.Arn}): ${d}`));
    const entries = entriesOf(found.Arn);
    const createEntries: ResolvedAccessControlEntry[] = [];
    const adoptedEntries: string[] = [];
    (t.AccessControlEntries ?? []).forEach((a, j) => {
      const have = entries.find((e) => e.GroupSecurityIdentifier === a.GroupSecurityIdentifier);
      if (!have) {
        createEntries.push(a);
        return;
      }
      const diff = [
        ...differences(a.AccessRights, have.AccessRights ?? {}, `${at}.AccessControlEntries[${j}].AccessRights`),
        ...(sameAdName(a.GroupDisplayName ?? '', have.GroupDisplayName ?? '') ? [] : differences(a.GroupDisplayName, have.GroupDisplayName, `${at}.AccessControlEntries[${j}].GroupDisplayName`)),
      ];
      conflicts.push(...diff.map((d) => `template ${t.Name}, group ${a.GroupSecurityIdentifier}: ${d}`));
      adoptedEntries.push(a.GroupSecurityIdentifier);
    });
    return { Name: t.Name, existing: found, createEntries, adoptedEntries };
  });
  return { plans, conflicts };
}
