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
}

export const DIRECTORY_SETTINGS: StateSlot<DirectorySettings> = {
  name: 'directory settings',
  fresh: () => ({ activeAfterSeconds: { SimpleAD: 600, MicrosoftAD: 2220 } }),
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
