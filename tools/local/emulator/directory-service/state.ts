/**
 * Directory Service state: the directories (saved in snapshots as `directories`), their lifecycle on the simulated
 * clock (Requested -> Creating -> Created -> Active, or a failure outcome; Deleting, then gone) and the lifecycle
 * settings (memory only). Other services read directories through `existingDirectories` and `directoryStage`.
 */
import type { ServiceContext } from '../core/service.ts';
import { arrayOf, object, oneOf, optional, seconds, string, tagList, time } from '../core/shape.ts';
import type { StateSlot } from '../core/state.ts';

export interface DirectoryOutcome {
  /** Stage the directory lands in instead of Active (default Failed). */
  stage?: 'Failed' | 'Impaired' | 'Inoperable';
  /** The StageReason DescribeDirectories reports. */
  reason: string;
  /** Seconds after creation when it lands there (default: the type's active-after time). */
  afterSeconds?: number;
}

/** The stages a `DirectoryLifecycle` fault can end a directory in. */
export const DIRECTORY_FAIL_STAGES = ['Failed', 'Impaired', 'Inoperable'];

/**
 * Directory Service Data access of a directory once someone asked to enable it (absent: Disabled): Enabling from
 * `requestedAtMs` for `enabledAfterSeconds`, then Enabled, or Failed with a failure outcome.
 */
export interface DataAccessRecord {
  requestedAtMs: number;
  enabledAfterSeconds: number;
  outcome?: 'Failed';
}

/** The outcomes a `DirectoryDataAccessLifecycle` fault can end an enabling in. */
export const DATA_ACCESS_FAIL_STATUSES = ['Failed'];

/** A directory as stored. There is deliberately no password field: it is validated and dropped. */
export interface DirectoryRecord {
  DirectoryId: string;
  Type: 'SimpleAD' | 'MicrosoftAD';
  Name: string;
  ShortName: string;
  Description?: string;
  Size?: string;
  Edition?: string;
  VpcSettings: { VpcId: string; SubnetIds: string[]; SecurityGroupId: string; AvailabilityZones: string[] };
  DnsIpAddrs: string[];
  Tags: { Key: string; Value: string }[];
  /**
   * The domain's SID (`S-1-5-21-` and three 32-bit numbers), drawn from the seeded RNG when a Managed AD is created
   * (absent for Simple AD): its built-in groups' SIDs are this plus their well-known RIDs. No AWS API returns it.
   */
  DomainSid?: string;
  DataAccess?: DataAccessRecord;
  createdAtMs: number;
  activeAfterSeconds: number;
  outcome?: Required<DirectoryOutcome>;
  deletedAtMs?: number;
}

/** Seconds a deleted directory stays `Deleting` before it is gone (AWS documents no figure). */
export const DIRECTORY_DELETE_SECONDS = 60;

export const DIRECTORIES: StateSlot<DirectoryRecord[]> = {
  name: 'directories',
  fresh: () => [],
  load: (snapshot) => (snapshot['directories'] as DirectoryRecord[] | undefined) ?? [],
  save: (directories) => ({ directories }),
  check: object({
    directories: arrayOf(object({
      DirectoryId: string,
      Type: oneOf(['SimpleAD', 'MicrosoftAD']),
      Name: string,
      ShortName: string,
      Description: optional(string),
      Size: optional(string),
      Edition: optional(string),
      VpcSettings: object({ VpcId: string, SubnetIds: arrayOf(string), SecurityGroupId: string, AvailabilityZones: arrayOf(string) }),
      DnsIpAddrs: arrayOf(string),
      Tags: tagList,
      createdAtMs: time,
      activeAfterSeconds: seconds,
      outcome: optional(object({ stage: oneOf(DIRECTORY_FAIL_STAGES), reason: string, afterSeconds: seconds })),
      deletedAtMs: optional(time),
    })),
  }),
};

export interface DirectorySettings {
  /** Seconds until Active, by type. */
  activeAfterSeconds: { SimpleAD: number; MicrosoftAD: number };
  /** Every directory created while set lands in this stage instead of Active. */
  outcome?: DirectoryOutcome;
  /** Seconds Directory Service Data access stays Enabling after EnableDirectoryDataAccess (AWS documents no figure). */
  dataAccessEnabledAfterSeconds: number;
  /** Every enabling asked for while set ends Failed at that many seconds instead of Enabled. */
  dataAccessFailsAfterSeconds?: number;
}

export const DIRECTORY_SETTINGS: StateSlot<DirectorySettings> = {
  name: 'directory settings',
  fresh: () => ({ activeAfterSeconds: { SimpleAD: 600, MicrosoftAD: 2220 }, dataAccessEnabledAfterSeconds: 60 }),
};

/** Stage of a directory at `nowMs`; undefined once a deleted directory is gone. */
export function directoryStage(d: DirectoryRecord, nowMs: number): { stage: string; reason?: string; sinceMs: number } | undefined {
  if (d.deletedAtMs !== undefined) {
    return nowMs < d.deletedAtMs + DIRECTORY_DELETE_SECONDS * 1000 ? { stage: 'Deleting', sinceMs: d.deletedAtMs } : undefined;
  }
  const t = d.activeAfterSeconds * 1000;
  const at = (fraction: number): number => d.createdAtMs + Math.round(t * fraction);
  if (d.outcome) {
    // A directory with a failure outcome lands there instead of Active: Requested, Creating, then the outcome.
    const failAt = d.createdAtMs + d.outcome.afterSeconds * 1000;
    if (nowMs >= failAt) return { stage: d.outcome.stage, reason: d.outcome.reason, sinceMs: failAt };
    const creatingAt = Math.min(at(0.05), failAt);
    return nowMs < creatingAt ? { stage: 'Requested', sinceMs: d.createdAtMs } : { stage: 'Creating', sinceMs: creatingAt };
  }
  if (nowMs < at(0.05)) return { stage: 'Requested', sinceMs: d.createdAtMs };
  if (nowMs < at(0.95)) return { stage: 'Creating', sinceMs: at(0.05) };
  if (nowMs < at(1)) return { stage: 'Created', sinceMs: at(0.95) };
  return { stage: 'Active', sinceMs: at(1) };
}

/** When the creation lifecycle ends (epoch ms): Active, or the stage of its failure outcome. */
export function directorySettledAtMs(d: DirectoryRecord): number {
  return d.createdAtMs + (d.outcome ? d.outcome.afterSeconds * 1000 : Math.round(d.activeAfterSeconds * 1000));
}

/** Directories not yet gone (Deleting included). */
export function existingDirectories(ctx: ServiceContext): DirectoryRecord[] {
  return ctx.state.get(DIRECTORIES).filter((d) => directoryStage(d, ctx.clock.now()) !== undefined);
}

/** Directory Service Data access of a directory at `nowMs` (DescribeDirectoryDataAccess' DataAccessStatus). */
export function dataAccessStatus(d: DirectoryRecord, nowMs: number): 'Disabled' | 'Enabling' | 'Enabled' | 'Failed' {
  const a = d.DataAccess;
  if (!a) return 'Disabled';
  if (nowMs < dataAccessSettledAtMs(a)) return 'Enabling';
  return a.outcome ?? 'Enabled';
}

/** When an enabling ends (epoch ms): Enabled, or Failed. */
export const dataAccessSettledAtMs = (a: DataAccessRecord): number => a.requestedAtMs + Math.round(a.enabledAfterSeconds * 1000);

/** A domain SID: `S-1-5-21-` and three 32-bit decimal numbers from the world's seeded RNG. */
export const newDomainSid = (ctx: ServiceContext): string =>
  `S-1-5-21-${[0, 1, 2].map(() => Math.floor(ctx.ids.next() * 2 ** 32)).join('-')}`;

/** The directory's domain SID, drawn now for a Managed AD of a snapshot from before domain SIDs. */
export function domainSidOf(ctx: ServiceContext, d: DirectoryRecord): string {
  d.DomainSid ??= newDomainSid(ctx);
  return d.DomainSid;
}
