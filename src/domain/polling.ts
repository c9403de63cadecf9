/**
 * The poll schedules of the two Wait → Task → Choice loops, as data, so a benchmark can tune them.
 *
 * Cost model: every round is 3 Standard-workflow state transitions (Wait, Task, Choice) at $0.025 per 1,000, plus a
 * Lambda invocation and one Describe/Get call. Observed creation times: Simple AD ~9–13 min, Managed Microsoft AD
 * ~37 min, connector ~2 min. So the directory is polled inside a window sized to its type (Simple AD 9–13 min,
 * Managed Microsoft AD 33–41 min): no polling before the window opens (nothing can have happened), a poll every 60 s
 * inside it (median detection latency ~30 s), and 60 → +30 → 120 s after it; a directory in `Created` (the last step
 * before `Active`) is polled after 30 s. Measured with `npm run bench` (docs/performance.md): a 13 min Simple AD costs
 * 29 transitions per execution (median; the naive fixed 30 s poll: 98), against the previous 8 min + backoff schedule
 * whose 30 s median latency at 13 min only held because the emulator's `Created` stage hinted at `Active` (without that
 * hint: 50 s; this window: 20 s).
 *
 * The deadline is measured on ElapsedSeconds (the sum of waits so far) so it is deterministic and clock-free; the last
 * wait is clamped so the final poll happens exactly at the deadline.
 */
import type { ConnectorPollState, DirectoryPollState, DirectoryType } from '../contract.ts';
import { CONNECTOR_PENDING, DIRECTORY_PENDING } from '../workflow/stages.ts';
import { ConnectorActivationTimeoutError, DirectoryActivationTimeoutError } from './errors.ts';

export const DIRECTORY_POLL = {
  /** First wait after CreateDirectory / CreateMicrosoftAD, by type: the start of the type's typical window. */
  initialWaitSeconds: { SimpleAD: 540, MicrosoftAD: 1980 } as Record<DirectoryType, number>,
  /** End of the typical window (ElapsedSeconds), by type. */
  windowEndSeconds: { SimpleAD: 780, MicrosoftAD: 2460 } as Record<DirectoryType, number>,
  /** Wait between polls inside the window. */
  windowPollSeconds: 60,
  /** After the window: the first wait ... */
  firstPollSeconds: 60,
  /** ... plus this per further minute past the window's end ... */
  stepSeconds: 30,
  /** ... up to this. */
  maxPollSeconds: 120,
  /** Wait while the stage is `Created` (nearly Active). */
  createdStageSeconds: 30,
} as const;

export const CONNECTOR_POLL = {
  /** ~2 min to ACTIVE: first look at 90 s, then 30 s later. */
  initialWaitSeconds: 90,
  firstPollSeconds: 30,
  stepSeconds: 15,
  maxPollSeconds: 60,
} as const;

const backoff = (round: number, p: { firstPollSeconds: number; stepSeconds: number; maxPollSeconds: number }): number =>
  Math.min(p.firstPollSeconds + p.stepSeconds * Math.max(0, round - 1), p.maxPollSeconds);

/** Clamp a wait to what is left before the deadline (at least 1 s so a Wait state is valid). */
const clamp = (wait: number, elapsed: number, timeout: number): number => Math.max(1, Math.min(wait, timeout - elapsed));

export const initialDirectoryWait = (type: DirectoryType): number => DIRECTORY_POLL.initialWaitSeconds[type];

/**
 * The wait after a poll at `elapsed` that saw an in-progress stage: up to the window's start, every
 * `windowPollSeconds` inside it (the last one landing on its end), then 60 → +30 → 120 s.
 */
export const directoryWaitAt = (type: DirectoryType, elapsed: number): number => {
  const start = DIRECTORY_POLL.initialWaitSeconds[type];
  const end = DIRECTORY_POLL.windowEndSeconds[type];
  if (elapsed < start) return start - elapsed;
  if (elapsed < end) return Math.min(DIRECTORY_POLL.windowPollSeconds, end - elapsed);
  return backoff(Math.floor((elapsed - end) / 60) + 1, DIRECTORY_POLL);
};

/**
 * First wait for a directory found by find-or-create: 0 when it needs no waiting (Active, or a terminal stage the
 * Choice will route), else what is left of the typical creation time since its LaunchTime, at least one short poll.
 */
export const adoptedDirectoryWait = (type: DirectoryType, stage: string, secondsSinceLaunch: number | undefined): number => {
  if (!DIRECTORY_PENDING.includes(stage)) return 0;
  if (stage === 'Created') return DIRECTORY_POLL.createdStageSeconds;
  const left = initialDirectoryWait(type) - Math.max(0, secondsSinceLaunch ?? 0);
  return Math.max(DIRECTORY_POLL.firstPollSeconds, left);
};

/** The state CreateDirectory returns. */
export const initialDirectoryState = (init: {
  DirectoryId: string;
  DirectoryType: DirectoryType;
  Adopted: boolean;
  Stage: string;
  StageReason?: string | null | undefined;
  TimeoutSeconds: number;
  WaitSeconds: number;
}): DirectoryPollState => ({
  DirectoryId: init.DirectoryId,
  DirectoryType: init.DirectoryType,
  Adopted: init.Adopted,
  Stage: init.Stage,
  StageReason: init.StageReason ?? null,
  WaitSeconds: init.WaitSeconds === 0 ? 0 : clamp(init.WaitSeconds, 0, init.TimeoutSeconds),
  PollRound: 0,
  ElapsedSeconds: 0,
  TimeoutSeconds: init.TimeoutSeconds,
});

/**
 * After a poll saw `newStage`: the next state. In progress → next wait from the schedule; otherwise WaitSeconds 0
 * (the Choice routes Active / failures). Throws DirectoryActivationTimeoutError when still in progress at or past
 * the deadline.
 */
export const nextDirectoryPoll = (
  state: DirectoryPollState,
  newStage: string,
  stageReason: string | null = null,
): DirectoryPollState => {
  const elapsed = state.ElapsedSeconds + state.WaitSeconds;
  const round = state.PollRound + 1;
  const inProgress = DIRECTORY_PENDING.includes(newStage);
  if (inProgress && elapsed >= state.TimeoutSeconds) {
    throw new DirectoryActivationTimeoutError(
      `Directory ${state.DirectoryId} is still ${newStage} after ${elapsed} s (deadline ${state.TimeoutSeconds} s, ` +
        `${round} polls)${stageReason ? `: ${stageReason}` : ''}`,
    );
  }
  const wait = !inProgress
    ? 0
    : clamp(
        newStage === 'Created'
          ? Math.min(DIRECTORY_POLL.createdStageSeconds, directoryWaitAt(state.DirectoryType, elapsed))
          : directoryWaitAt(state.DirectoryType, elapsed),
        elapsed,
        state.TimeoutSeconds,
      );
  return { ...state, Stage: newStage, StageReason: stageReason, WaitSeconds: wait, PollRound: round, ElapsedSeconds: elapsed };
};

/** The state CreateConnector returns. */
export const initialConnectorState = (init: {
  ConnectorArn: string;
  Adopted: boolean;
  Status: string;
  StatusReason?: string | null | undefined;
  TimeoutSeconds: number;
}): ConnectorPollState => ({
  ConnectorArn: init.ConnectorArn,
  Adopted: init.Adopted,
  Status: init.Status,
  StatusReason: init.StatusReason ?? null,
  WaitSeconds: CONNECTOR_PENDING.includes(init.Status)
    ? clamp(CONNECTOR_POLL.initialWaitSeconds, 0, init.TimeoutSeconds)
    : 0,
  PollRound: 0,
  ElapsedSeconds: 0,
  TimeoutSeconds: init.TimeoutSeconds,
});

export const nextConnectorPoll = (
  state: ConnectorPollState,
  newStatus: string,
  statusReason: string | null = null,
): ConnectorPollState => {
  const elapsed = state.ElapsedSeconds + state.WaitSeconds;
  const round = state.PollRound + 1;
  const inProgress = CONNECTOR_PENDING.includes(newStatus);
  if (inProgress && elapsed >= state.TimeoutSeconds) {
    throw new ConnectorActivationTimeoutError(
      `Connector ${state.ConnectorArn} is still ${newStatus} after ${elapsed} s (deadline ${state.TimeoutSeconds} s, ${round} polls)`,
    );
  }
  const wait = inProgress ? clamp(backoff(round, CONNECTOR_POLL), elapsed, state.TimeoutSeconds) : 0;
  return { ...state, Status: newStatus, StatusReason: statusReason, WaitSeconds: wait, PollRound: round, ElapsedSeconds: elapsed };
};
