/**
 * What one poll of a waited resource decides (pure). The poll Task runs once per attempt and the state machine's
 * Retry repeats it (src/workflow/waits.ts, the `poll` retry group): so a poll returns the state document when the
 * resource is ready and throws otherwise — not ready yet, failed, or past the deadline.
 *
 * The deadline is an absolute time (`Deadline`, ISO 8601) the create step writes from the handlers' clock
 * (src/lib/clock.ts: wall time on AWS, the simulated clock locally): a retried Task gets the same input every time,
 * so nothing can be summed across polls. The timeout is raised by the first poll at or after the deadline that still
 * sees the resource in progress, so at most one poll interval after it. A ready or failed resource is reported as
 * such even past the deadline.
 */
import type { ConnectorPollState, DirectoryPollState, WaitWindow } from '../contract.ts';
import {
  CONNECTOR_ACTIVE,
  CONNECTOR_PENDING,
  DIRECTORY_ACTIVE,
  DIRECTORY_PENDING,
} from '../workflow/stages.ts';
import {
  ConnectorActivationTimeoutError,
  ConnectorFailed,
  ConnectorNotReadyError,
  DirectoryActivationTimeoutError,
  DirectoryFailed,
  DirectoryNotReadyError,
} from './errors.ts';

/** The wait window a create step starts: now, and now + the request's timeout. */
export const startWait = (now: Date, timeoutSeconds: number): WaitWindow => ({
  WaitStartedAt: now.toISOString(),
  Deadline: new Date(now.getTime() + timeoutSeconds * 1000).toISOString(),
  ElapsedSeconds: 0,
});

/** Whole seconds from `since` (ISO 8601) to `now`. */
export const secondsSince = (since: string, now: Date): number => Math.max(0, Math.round((now.getTime() - Date.parse(since)) / 1000));

export type Verdict = 'ready' | 'pending' | 'failed';

/** Ready, in progress, or terminal (any value the workflow does not know counts as terminal). */
export const verdictOf = (value: string, ready: string, pending: readonly string[]): Verdict =>
  value === ready ? 'ready' : pending.includes(value) ? 'pending' : 'failed';

/* ---------------- messages (the not-ready ones are also read back: parseNotReady) ---------------- */

type Kind = 'Directory' | 'Connector';

const notReadyMessage = (kind: Kind, id: string, value: string, w: WaitWindow, now: Date): string =>
  `${kind} ${id} is ${value} after ${secondsSince(w.WaitStartedAt, now)} s of waiting (deadline ${w.Deadline})`;

const timeoutMessage = (kind: Kind, id: string, value: string, w: WaitWindow, now: Date, reason: string | null): string =>
  `${kind} ${id} is still ${value} after ${secondsSince(w.WaitStartedAt, now)} s of waiting, past its deadline ${w.Deadline}` +
  (reason ? `: ${reason}` : '');

const failedMessage = (kind: Kind, id: string, value: string, reason: string | null): string =>
  `${kind} ${id} is ${value}: ${reason ?? `no ${kind === 'Directory' ? 'StageReason' : 'StatusReason'} given`}`;

const NOT_READY = /^(Directory|Connector) (\S+) is (\S+) after \d+ s of waiting/;

/**
 * The resource, id and stage/status a not-ready error's message names, or undefined. The status API reads the
 * progress of a waiting execution from its newest failed poll with this.
 */
export const parseNotReady = (message: string): { kind: 'directory' | 'connector'; id: string; value: string } | undefined => {
  const m = NOT_READY.exec(message);
  if (!m?.[1] || !m[2] || !m[3]) return undefined;
  return { kind: m[1] === 'Directory' ? 'directory' : 'connector', id: m[2], value: m[3] };
};

/* ---------------- one poll ---------------- */

/** After one DescribeDirectories saw `stage`: the state document when Active; throws otherwise. */
export const afterDirectoryPoll = (state: DirectoryPollState, stage: string, stageReason: string | null, now: Date): DirectoryPollState => {
  switch (verdictOf(stage, DIRECTORY_ACTIVE, DIRECTORY_PENDING)) {
    case 'ready':
      return { ...state, Stage: stage, StageReason: stageReason, ElapsedSeconds: secondsSince(state.WaitStartedAt, now) };
    case 'failed':
      throw new DirectoryFailed(failedMessage('Directory', state.DirectoryId, stage, stageReason));
    case 'pending':
      if (now.getTime() >= Date.parse(state.Deadline)) {
        throw new DirectoryActivationTimeoutError(timeoutMessage('Directory', state.DirectoryId, stage, state, now, stageReason));
      }
      throw new DirectoryNotReadyError(notReadyMessage('Directory', state.DirectoryId, stage, state, now));
  }
};

/** After one GetConnector saw `status`: the state document when ACTIVE; throws otherwise. */
export const afterConnectorPoll = (state: ConnectorPollState, status: string, statusReason: string | null, now: Date): ConnectorPollState => {
  switch (verdictOf(status, CONNECTOR_ACTIVE, CONNECTOR_PENDING)) {
    case 'ready':
      return { ...state, Status: status, StatusReason: statusReason, ElapsedSeconds: secondsSince(state.WaitStartedAt, now) };
    case 'failed':
      throw new ConnectorFailed(failedMessage('Connector', state.ConnectorArn, status, statusReason));
    case 'pending':
      if (now.getTime() >= Date.parse(state.Deadline)) {
        throw new ConnectorActivationTimeoutError(timeoutMessage('Connector', state.ConnectorArn, status, state, now, statusReason));
      }
      throw new ConnectorNotReadyError(notReadyMessage('Connector', state.ConnectorArn, status, state, now));
  }
};
