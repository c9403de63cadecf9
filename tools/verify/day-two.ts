/**
 * The matrix's day-two scenario: a world provisioned by DAY_ONE (the sample with a second template of this tool's,
 * `Retired`), then DAY_TWO applied to it: the first template valid for two years (UpdateTemplate), its entry's rights
 * changed (UpdateTemplateGroupAccessControlEntry), a new template (WebServer) for a new group (CreateGroup), other tags (AddTagsToResource,
 * TagResource), and `Retired` no longer listed with PruneTemplates (DeleteTemplateGroupAccessControlEntry,
 * DeleteTemplate). Its rows are the write calls of the day-two run that a clean run does not make, discovered from
 * the emulator's counters like the others'; a cell passes only with no duplicate and no lost update (`lostUpdates`).
 */
import type { ProvisioningRequest, TemplateRequest } from '../../src/contract.ts';
import { canonicalJson } from '../../src/domain/execution-names.ts';
import { WRITE_OPERATION } from '../local/emulator/index.ts';
import type { DirectoryDataState } from '../local/emulator/directory-service-data/index.ts';
import type { Emulator } from '../local/emulator/index.ts';
import { defaultInput } from './harness.ts';

type Request = ProvisioningRequest & { Connector: NonNullable<ProvisioningRequest['Connector']> };

const RETIRED_SID = 'S-1-5-21-1004336348-1177238915-682003330-1200';
/** The group the new template's entry names, created by the change (CreateGroup). */
const WEB_GROUP = 'Web Servers';

/** What provisions the day-two world: the sample and the template that day two prunes. */
export const DAY_ONE = (): Request => {
  const r = defaultInput() as unknown as Request;
  const [first] = r.Connector.Templates ?? [];
  if (!first) throw new Error('the sample has no template');
  const retired: TemplateRequest = {
    ...structuredClone(first),
    Name: 'Retired',
    AccessControlEntries: [{ GroupDisplayName: 'Old servers', GroupSecurityIdentifier: RETIRED_SID, AccessRights: { Enroll: 'ALLOW' } }],
  };
  return { ...r, Connector: { ...r.Connector, Templates: [first, retired] } };
};

/** The change applied on day two (every kind of in-place write and a prune). */
export const DAY_TWO = (): Request => {
  const r = defaultInput() as unknown as Request;
  const [first] = r.Connector.Templates ?? [];
  if (!first) throw new Error('the sample has no template');
  const changed = structuredClone(first);
  (changed.Definition as { TemplateV2: { CertificateValidity: { ValidityPeriod: { Period: number } } } }).TemplateV2.CertificateValidity.ValidityPeriod.Period = 2;
  const entry = changed.AccessControlEntries?.[0];
  if (entry) entry.AccessRights = { Enroll: 'ALLOW', AutoEnroll: 'DENY' };
  const web: TemplateRequest = {
    ...structuredClone(first),
    Name: 'WebServer',
    AccessControlEntries: [{ GroupName: WEB_GROUP, CreateGroup: true, AccessRights: { Enroll: 'ALLOW' } }],
  };
  return {
    ...r,
    Directory: { ...r.Directory, Tags: [{ Key: 'team', Value: 'platform' }] },
    Connector: { ...r.Connector, Tags: { team: 'platform' }, Templates: [changed, web], PruneTemplates: true },
  };
};

/** The day-two rows: the write calls `dayTwo` makes that `clean` does not (state + call). */
export const newWrites = <T extends { state: string; call: string; op: string }>(dayTwo: readonly T[], clean: readonly T[]): T[] =>
  dayTwo.filter((t) => WRITE_OPERATION.test(t.op) && !clean.some((c) => c.state === t.state && c.call === t.call));

/**
 * What DAY_TWO asked for and the world does not hold (after a successful apply): the first template's definition and
 * entry, the new template, the pruned one gone, the tags. Read from the emulator's state, not through the workflow.
 */
export const lostUpdates = (emulator: Emulator): string[] => {
  const want = DAY_TWO();
  const snap = emulator.snapshot();
  const c = snap.connectorAd;
  const live = (c?.templates ?? []).filter((t) => t.deletedAtMs === undefined);
  const problems: string[] = [];
  for (const t of want.Connector.Templates ?? []) {
    const have = live.filter((x) => x.Name === t.Name);
    if (have.length !== 1) {
      problems.push(`${have.length} live templates named ${t.Name}`);
      continue;
    }
    const [template] = have;
    if (canonicalJson(template?.Definition) !== canonicalJson(t.Definition)) problems.push(`template ${t.Name}: the definition is not the request's`);
    for (const a of t.AccessControlEntries ?? []) {
      // An entry naming its group by GroupName carries that name as its display name (the default).
      const group = a.GroupSecurityIdentifier ?? a.GroupDisplayName ?? a.GroupName;
      const ace = (c?.accessControlEntries ?? []).find(
        (x) => x.TemplateArn === template?.Arn && (a.GroupSecurityIdentifier !== undefined ? x.GroupSecurityIdentifier === group : x.GroupDisplayName === group),
      );
      if (canonicalJson(ace?.AccessRights) !== canonicalJson(a.AccessRights)) problems.push(`template ${t.Name}, group ${group ?? '?'}: the rights are not the request's`);
    }
    if (template?.Tags['team'] !== 'platform') problems.push(`template ${t.Name}: tag team is not the request's`);
  }
  if (live.some((x) => x.Name === 'Retired')) problems.push('the pruned template Retired is still there');
  const groups = (snap['directoryData'] as DirectoryDataState | undefined)?.groups ?? [];
  if (groups.filter((g) => g.SAMAccountName === WEB_GROUP).length !== 1) problems.push(`the group ${WEB_GROUP} is not there once`);
  const name = 'Name' in want.Directory ? want.Directory.Name : undefined;
  const directory = snap.directories.find((d) => d.Name === name && d.deletedAtMs === undefined);
  if (directory?.Tags?.find((t) => t.Key === 'team')?.Value !== 'platform') problems.push('the directory\'s tag team is not the request\'s');
  return problems;
};
