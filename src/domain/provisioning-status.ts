/**
 * The status document of one provisioning (what `GET /provisionings/{id}` and `npm run executions -- show` print),
 * built from DescribeExecution + GetExecutionHistory (newest events first). Pure: no AWS calls.
 *
 * The per-step state lives in the execution's state document (`$.directory`, `$.connector`, written by the Task
 * states' ResultPath), so the newest `*StateExited` output (or Lambda result) that carries `directory.Stage` /
 * `connector.Status` is the current directory stage / connector status. While a resource is being created its poll
 * Task fails with a not-ready error per poll (the Task's Retry is the poll loop), so a newer failed poll's cause
 * gives the stage/status it saw.
 *
 * Nothing here returns a secret: the execution carries only a Secrets Manager reference by contract, and any field
 * whose name looks like a password is redacted anyway before anything leaves this module.
 */
import type { DescribeExecutionOutput, HistoryEvent } from '@aws-sdk/client-sfn';
import { NOT_READY_ERRORS } from '../workflow/waits.ts';
import { PASSWORD_KEY } from './password.ts';
import { parseNotReady } from './polling.ts';

export interface DirectorySummary {
  DirectoryId?: string;
  Stage?: string;
  StageReason?: string | null;
}

export interface ConnectorSummary {
  ConnectorArn?: string;
  Status?: string;
  StatusReason?: string | null;
}

export interface FailureSummary {
  /** The state where the failure happened (the Task that threw, or the Fail state a Catch routed to). */
  state?: string;
  error?: string;
  cause?: string;
}

/** The teardown of a provisioning (the teardown execution DELETE /provisionings/{id} started). */
export interface TeardownSummary {
  executionArn: string;
  name: string;
  status: string;
  startDate?: string;
  stopDate?: string;
  /** SUCCEEDED: the teardown record (Deleted, Kept, AlreadyGone, …). */
  output?: unknown;
  /** FAILED / TIMED_OUT / ABORTED. */
  error?: string;
  cause?: string;
}

export interface ProvisioningStatus {
  executionArn: string;
  name: string;
  status: string;
  startDate?: string;
  stopDate?: string;
  /** The state the execution is in (RUNNING) or was last in (closed). */
  currentState?: string;
  directory?: DirectorySummary;
  connector?: ConnectorSummary;
  error?: string;
  cause?: string;
  /** For FAILED executions: where it failed and with what (from the history). */
  failure?: FailureSummary;
  /** The execution output (SUCCEEDED only): the provisioning record. */
  output?: unknown;
  redriveCount?: number;
  redriveStatus?: string;
  redriveStatusReason?: string;
  redriveDate?: string;
  /** The teardown of this provisioning, once one was started (GET /provisionings/{id}). */
  teardown?: TeardownSummary;
  /** The provisioning record (src/domain/provisioning-record.ts), when the provisioning has one. */
  record?: unknown;
}

const SECRET_REFERENCE_KEY = /SecretId$/;

/** Deep copy with every password-like key (other than a `…SecretId` reference) replaced by "[redacted]". */
export const redactSecrets = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) =>
        PASSWORD_KEY.test(k) && !SECRET_REFERENCE_KEY.test(k) ? [k, '[redacted]'] : [k, redactSecrets(v)],
      ),
    );
  }
  return value;
};

const parse = (text: string | undefined): unknown => {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const reason = (value: unknown): string | null | undefined => (value === null ? null : str(value));

/** Outputs an event carries, newest-first scanning: a state's exit document, or a task's raw result. */
const outputsOf = (event: HistoryEvent): unknown[] => {
  const texts = [
    event.stateExitedEventDetails?.output,
    event.taskSucceededEventDetails?.output,
    event.lambdaFunctionSucceededEventDetails?.output,
  ];
  const values: unknown[] = [];
  for (const text of texts) {
    const parsed = asRecord(parse(text));
    if (!parsed) continue;
    values.push(parsed);
    // lambda:invoke integration wraps the function result in Payload
    const payload = asRecord(parsed['Payload']);
    if (payload) values.push(payload);
  }
  return values;
};

const directoryFrom = (doc: unknown): DirectorySummary | undefined => {
  const record = asRecord(doc);
  if (!record) return undefined;
  const d = asRecord(record['directory']) ?? (typeof record['Stage'] === 'string' ? record : undefined);
  if (!d || typeof d['Stage'] !== 'string') return undefined;
  return { DirectoryId: str(d['DirectoryId']), Stage: d['Stage'], StageReason: reason(d['StageReason']) ?? null };
};

const connectorFrom = (doc: unknown): ConnectorSummary | undefined => {
  const record = asRecord(doc);
  if (!record) return undefined;
  // A bare task result is the connector's only when it names nothing else (an SPN's state carries a ConnectorArn too).
  const bare = typeof record['ConnectorArn'] === 'string' && record['DirectoryRegistrationArn'] === undefined ? record : undefined;
  const c = asRecord(record['connector']) ?? bare;
  if (!c || typeof c['Status'] !== 'string') return undefined;
  return { ConnectorArn: str(c['ConnectorArn']), Status: c['Status'], StatusReason: reason(c['StatusReason']) ?? null };
};

/** A Lambda error's cause on AWS is `{"errorType","errorMessage",…}` as JSON; take the message when it is. */
const messageOf = (cause: string | undefined): string => {
  const parsed = asRecord(parse(cause));
  return typeof parsed?.['errorMessage'] === 'string' ? parsed['errorMessage'] : (cause ?? '');
};

/** What a failed poll saw (a not-ready error names the resource and its stage/status), else nothing. */
const progressOf = (event: HistoryEvent): { directory?: DirectorySummary; connector?: ConnectorSummary } => {
  const d = event.lambdaFunctionFailedEventDetails ?? event.taskFailedEventDetails;
  if (!d?.error || !NOT_READY_ERRORS.includes(d.error)) return {};
  const seen = parseNotReady(messageOf(d.cause));
  if (!seen) return {};
  if (seen.kind === 'directory') return { directory: { DirectoryId: seen.id, Stage: seen.value, StageReason: null } };
  if (seen.kind === 'connector') return { connector: { ConnectorArn: seen.id, Status: seen.value, StatusReason: null } };
  // Directory Data access, a registration or an SPN still in progress: the directory and the connector keep what was last seen of them.
  return {};
};

const ENTERED = /StateEntered$/;

const executionErrorOf = (event: HistoryEvent): { error?: string; cause?: string } | undefined => {
  const d = event.executionFailedEventDetails ?? event.executionTimedOutEventDetails ?? event.executionAbortedEventDetails;
  return d ? { error: d.error, cause: d.cause } : undefined;
};

const taskErrorOf = (event: HistoryEvent): { error?: string; cause?: string } | undefined => {
  const d =
    event.taskFailedEventDetails ??
    event.lambdaFunctionFailedEventDetails ??
    event.taskTimedOutEventDetails ??
    event.lambdaFunctionTimedOutEventDetails;
  return d ? { error: d.error, cause: d.cause } : undefined;
};

export interface HistoryFacts {
  currentState?: string;
  directory?: DirectorySummary;
  connector?: ConnectorSummary;
  failure?: FailureSummary;
}

/**
 * Reads what the status needs from history events given NEWEST FIRST (GetExecutionHistory `reverseOrder: true`).
 * `complete` says whether everything was found (otherwise older pages may still add something).
 *
 * The failed state is the Task whose newest failure carries the execution's error name (a Task that exhausted its
 * retries, or one whose error a Catch routed to the Fail state); otherwise (a Choice -> Pass -> Fail path such as
 * DirectoryFailed) the newest state entered.
 */
export const factsFromHistory = (newestFirst: readonly HistoryEvent[]): HistoryFacts & { complete: boolean } => {
  const facts: HistoryFacts = {};
  let executionError: { error?: string; cause?: string } | undefined;
  let taskError: { error?: string; cause?: string } | undefined;
  let taskFailedState: string | undefined;
  let awaitingTaskState = false;
  for (const event of newestFirst) {
    const entered = event.type !== undefined && ENTERED.test(event.type) ? event.stateEnteredEventDetails?.name : undefined;
    facts.currentState ??= entered;
    executionError ??= executionErrorOf(event);
    if (executionError && !taskError) {
      const err = taskErrorOf(event);
      if (err && (executionError.error === undefined || err.error === executionError.error)) {
        taskError = err;
        awaitingTaskState = true;
        continue;
      }
    }
    if (awaitingTaskState && entered) {
      taskFailedState = entered;
      awaitingTaskState = false;
    }
    const progress = progressOf(event);
    facts.directory ??= progress.directory;
    facts.connector ??= progress.connector;
    for (const doc of outputsOf(event)) {
      facts.directory ??= directoryFrom(doc);
      facts.connector ??= connectorFrom(doc);
    }
  }
  if (executionError) {
    facts.failure = {
      state: taskFailedState ?? facts.currentState,
      error: executionError.error ?? taskError?.error,
      cause: executionError.cause ?? taskError?.cause,
    };
  }
  const complete = Boolean(
    facts.currentState && facts.directory && facts.connector && (!executionError || taskFailedState),
  );
  return { ...facts, complete };
};

const iso = (date: Date | undefined): string | undefined => date?.toISOString();

/** The status document from DescribeExecution and the facts read from the history. */
export const provisioningStatus = (described: DescribeExecutionOutput, facts: HistoryFacts): ProvisioningStatus => {
  const status = described.status ?? 'UNKNOWN';
  const closedWithError = status === 'FAILED' || status === 'TIMED_OUT' || status === 'ABORTED';
  const result: ProvisioningStatus = {
    executionArn: described.executionArn ?? '',
    name: described.name ?? '',
    status,
    startDate: iso(described.startDate),
    stopDate: iso(described.stopDate),
    currentState: facts.currentState,
    directory: facts.directory,
    connector: facts.connector,
    ...(closedWithError
      ? { error: described.error ?? facts.failure?.error, cause: described.cause ?? facts.failure?.cause, failure: facts.failure }
      : {}),
    ...(status === 'SUCCEEDED' ? { output: redactSecrets(parse(described.output)) } : {}),
    redriveCount: described.redriveCount,
    redriveStatus: described.redriveStatus,
    redriveStatusReason: described.redriveStatusReason,
    redriveDate: iso(described.redriveDate),
  };
  return redactSecrets(JSON.parse(JSON.stringify(result))) as ProvisioningStatus;
};

/** The teardown summary from its DescribeExecution (password-like keys redacted, as everywhere here). */
export const teardownSummary = (described: DescribeExecutionOutput): TeardownSummary => {
  const status = described.status ?? 'UNKNOWN';
  const closedWithError = status === 'FAILED' || status === 'TIMED_OUT' || status === 'ABORTED';
  const result: TeardownSummary = {
    executionArn: described.executionArn ?? '',
    name: described.name ?? '',
    status,
    startDate: iso(described.startDate),
    stopDate: iso(described.stopDate),
    ...(status === 'SUCCEEDED' ? { output: parse(described.output) } : {}),
    ...(closedWithError ? { error: described.error, cause: described.cause } : {}),
  };
  return redactSecrets(JSON.parse(JSON.stringify(result))) as TeardownSummary;
};
