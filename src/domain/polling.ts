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
import type {
  ConnectorPollState,
  DirectoryDataAccessPollState,
  DirectoryPollState,
  DirectoryRegistrationPollState,
  ServicePrincipalNamePollState,
  WaitWindow,
} from '../contract.ts';
import type { WaitedResourceName } from '../workflow/waits.ts';
import {
  CONNECTOR_ACTIVE,
  CONNECTOR_PENDING,
  DATA_ACCESS_ENABLED,
  DATA_ACCESS_PENDING,
  DIRECTORY_ACTIVE,
  DIRECTORY_PENDING,
} from '../workflow/stages.ts';
import {
  ConnectorActivationTimeoutError,
  ConnectorFailed,
  ConnectorNotReadyError,
  DirectoryActivationTimeoutError,
  DirectoryDataAccessFailed,
  DirectoryDataAccessNotReadyError,
  DirectoryDataAccessTimeoutError,
  DirectoryFailed,
  DirectoryNotReadyError,
  DirectoryRegistrationActivationTimeoutError,
  DirectoryRegistrationFailed,
  DirectoryRegistrationNotReadyError,
  ServicePrincipalNameActivationTimeoutError,
  ServicePrincipalNameFailed,
  ServicePrincipalNameNotReadyError,
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

/* ---------------- what each waited resource is called, and what it throws ---------------- */

type ErrorClass = new (message: string) => Error;

interface PollKind {
  /** How messages name it; also how parseNotReady recognises it (one word). */
  label: string;
  /** The field that says why it failed (null: the service gives no reason). */
  reasonField: 'StageReason' | 'StatusReason' | null;
  ready: string;
  pending: readonly string[];
  NotReady: ErrorClass;
  Failed: ErrorClass;
  Timeout: ErrorClass;
}

const KINDS: Record<WaitedResourceName, PollKind> = {
  directory: {
    label: 'Directory', reasonField: 'StageReason', ready: DIRECTORY_ACTIVE, pending: DIRECTORY_PENDING,
    NotReady: DirectoryNotReadyError, Failed: DirectoryFailed, Timeout: DirectoryActivationTimeoutError,
  },
  directoryRegistration: {
    label: 'DirectoryRegistration', reasonField: 'StatusReason', ready: CONNECTOR_ACTIVE, pending: CONNECTOR_PENDING,
    NotReady: DirectoryRegistrationNotReadyError, Failed: DirectoryRegistrationFailed, Timeout: DirectoryRegistrationActivationTimeoutError,
  },
  connector: {
    label: 'Connector', reasonField: 'StatusReason', ready: CONNECTOR_ACTIVE, pending: CONNECTOR_PENDING,
    NotReady: ConnectorNotReadyError, Failed: ConnectorFailed, Timeout: ConnectorActivationTimeoutError,
  },
  servicePrincipalName: {
    label: 'ServicePrincipalName', reasonField: 'StatusReason', ready: CONNECTOR_ACTIVE, pending: CONNECTOR_PENDING,
    NotReady: ServicePrincipalNameNotReadyError, Failed: ServicePrincipalNameFailed, Timeout: ServicePrincipalNameActivationTimeoutError,
  },
  directoryDataAccess: {
    label: 'DirectoryDataAccess', reasonField: null, ready: DATA_ACCESS_ENABLED, pending: DATA_ACCESS_PENDING,
    NotReady: DirectoryDataAccessNotReadyError, Failed: DirectoryDataAccessFailed, Timeout: DirectoryDataAccessTimeoutError,
  },
};

/* ---------------- messages (the not-ready ones are also read back: parseNotReady) ---------------- */

const notReadyMessage = (k: PollKind, id: string, value: string, w: WaitWindow, now: Date): string =>
  `${k.label} ${id} is ${value} after ${secondsSince(w.WaitStartedAt, now)} s of waiting (deadline ${w.Deadline})`;

const timeoutMessage = (k: PollKind, id: string, value: string, w: WaitWindow, now: Date, reason: string | null): string =>
  `${k.label} ${id} is still ${value} after ${secondsSince(w.WaitStartedAt, now)} s of waiting, past its deadline ${w.Deadline}` +
  (reason ? `: ${reason}` : '');

const failedMessage = (k: PollKind, id: string, value: string, reason: string | null): string =>
  `${k.label} ${id} is ${value}${reason ? `: ${reason}` : k.reasonField ? `: no ${k.reasonField} given` : ''}`;

const BY_LABEL: ReadonlyMap<string, WaitedResourceName> = new Map(
  (Object.entries(KINDS) as [WaitedResourceName, PollKind][]).map(([name, k]) => [k.label, name]),
);
const NOT_READY = /^(\w+) (\S+) is (\S+) after \d+ s of waiting/;

/**
 * The resource, id and stage/status a not-ready error's message names, or undefined. The status API reads the
 * progress of a waiting execution from its newest failed poll with this.
 */
export const parseNotReady = (message: string): { kind: WaitedResourceName; id: string; value: string } | undefined => {
  const m = NOT_READY.exec(message);
  const kind = m?.[1] ? BY_LABEL.get(m[1]) : undefined;
  if (!kind || !m?.[2] || !m[3]) return undefined;
  return { kind, id: m[2], value: m[3] };
};

/* ---------------- one poll ---------------- */

/**
 * After one read of a waited resource saw `value` (its stage or status): the state document, with the value and
 * the elapsed time, when it is ready; throws otherwise (not ready, failed, or past the deadline).
 */
export function afterPoll<S extends WaitWindow>(
  resource: WaitedResourceName,
  state: S,
  id: string,
  value: string,
  reason: string | null,
  now: Date,
): S {
  const k = KINDS[resource];
  switch (verdictOf(value, k.ready, k.pending)) {
    case 'ready':
      return { ...state, ElapsedSeconds: secondsSince(state.WaitStartedAt, now) };
    case 'failed':
      throw new k.Failed(failedMessage(k, id, value, reason));
    case 'pending':
      if (now.getTime() >= Date.parse(state.Deadline)) throw new k.Timeout(timeoutMessage(k, id, value, state, now, reason));
      throw new k.NotReady(notReadyMessage(k, id, value, state, now));
  }
}

/** After one DescribeDirectories saw `stage`: the state document when Active; throws otherwise. */
export const afterDirectoryPoll = (state: DirectoryPollState, stage: string, stageReason: string | null, now: Date): DirectoryPollState =>
  // An execution started before the Warnings existed has none in its state: the output still gets a list.
  afterPoll('directory', { ...state, Warnings: state.Warnings ?? [], Stage: stage, StageReason: stageReason }, state.DirectoryId, stage, stageReason, now);

/** After one GetConnector saw `status`: the state document when ACTIVE; throws otherwise. */
export const afterConnectorPoll = (state: ConnectorPollState, status: string, statusReason: string | null, now: Date): ConnectorPollState =>
  afterPoll('connector', { ...state, Status: status, StatusReason: statusReason }, state.ConnectorArn, status, statusReason, now);

/** After one GetDirectoryRegistration saw `status`: the state document when ACTIVE; throws otherwise. */
export const afterRegistrationPoll = (
  state: DirectoryRegistrationPollState,
  status: string,
  statusReason: string | null,
  now: Date,
): DirectoryRegistrationPollState =>
  afterPoll('directoryRegistration', { ...state, Status: status, StatusReason: statusReason }, state.DirectoryRegistrationArn, status, statusReason, now);

/** After one GetServicePrincipalName saw `status`: the state document when ACTIVE; throws otherwise. */
export const afterServicePrincipalNamePoll = (
  state: ServicePrincipalNamePollState,
  status: string,
  statusReason: string | null,
  now: Date,
): ServicePrincipalNamePollState =>
  afterPoll('servicePrincipalName', { ...state, Status: status, StatusReason: statusReason }, state.ConnectorArn, status, statusReason, now);

/** After one DescribeDirectoryDataAccess saw `status`: the state document when Enabled; throws otherwise. */
export const afterDataAccessPoll = (state: DirectoryDataAccessPollState, status: string, now: Date): DirectoryDataAccessPollState =>
  afterPoll('directoryDataAccess', { ...state, Status: status }, state.DirectoryId, status, null, now);
