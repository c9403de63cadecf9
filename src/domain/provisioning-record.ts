/**
 * The provisioning record: what outlives the executions' history (Step Functions keeps it about 90 days after an
 * execution ends). One record per provisioning, named by its provisioning id (the name of its first execution, the
 * `{id}` of `/provisionings/{id}`), holding the request without any secret, the outputs of its last successful
 * provisioning or update, its status, the last plan and every execution that changed the directory (provisioning,
 * updates, teardown) with its status and times. An index item maps the directory's identity (VPC + lowercased Name,
 * as the leases) to the provisioning id, so every execution of that directory finds the same record whichever
 * trigger started it. Pure: keys, shapes and rules; src/persistence/provisioning-records.ts makes the calls.
 */
import type { TeardownOutcome } from '../contract.ts';
import type { MachineName } from '../workflow/catalog.ts';
import type { DirectoryIdentity } from './directory-lease.ts';
import { redactSecrets } from './provisioning-status.ts';
import type { ProvisioningStatus, TeardownSummary } from './provisioning-status.ts';

export type ExecutionKind = 'provisioning' | 'update' | 'teardown';

/**
 * IN_PROGRESS while an execution changes the directory; after it: PROVISIONED (a provisioning or update succeeded),
 * FAILED (one failed, timed out or was stopped; a teardown too), TORN_DOWN (a teardown succeeded).
 */
export type RecordStatus = 'IN_PROGRESS' | 'PROVISIONED' | 'FAILED' | 'TORN_DOWN';

/** Step Functions' closed statuses. */
export type ClosedStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One execution of the provisioning, as the record lists it. */
export interface RecordedExecution {
  executionArn: string;
  name: string;
  kind: ExecutionKind;
  /** RUNNING, or its closed status. */
  status: string;
  startDate: string;
  stopDate?: string;
  error?: string;
  /** At most MAX_CAUSE_LENGTH characters. */
  cause?: string;
  /** How many times it was redriven when its status was last written. */
  redriveCount?: number;
  /** A provisioning or update: the plan it carried out (`$.plan`), when it had one. */
  plan?: unknown[];
  /** A teardown that succeeded: what it deleted, kept and found gone. */
  output?: TeardownOutcome;
}

export interface ProvisioningRecord {
  provisioningId: string;
  /** The directory it provisions (Name as the first request gave it). */
  identity: DirectoryIdentity;
  status: RecordStatus;
  /** The last request a provisioning or update applied (a secret reference, never a password). */
  request: unknown;
  /** The execution output of the last provisioning or update that succeeded. */
  outputs?: Record<string, unknown>;
  /** The plan of the last provisioning or update that carried one. */
  lastPlan?: unknown[];
  /** The name of the execution that last took the directory's change lease. */
  currentExecution: string;
  /** By execution name. */
  executions: Record<string, RecordedExecution>;
  createdAt: string;
  updatedAt: string;
}

/** Record item key (the records table, key `pk`). */
export const recordKey = (provisioningId: string): string => `provisioning#${provisioningId}`;

/** Index item key: the directory's identity, pointing at its provisioning id. */
export const identityKey = (identity: DirectoryIdentity): string => `directory#${identity.VpcId}#${identity.Name.toLowerCase()}`;

/** Causes are kept short: a record holds every execution of a provisioning and an item holds at most 400 KB. */
export const MAX_CAUSE_LENGTH = 1000;

export const truncateCause = (cause: string | undefined): string | undefined =>
  cause === undefined || cause.length <= MAX_CAUSE_LENGTH ? cause : `${cause.slice(0, MAX_CAUSE_LENGTH - 1)}…`;

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The identity's VpcId for a directory named by DirectoryId (its Name is the id). */
export const BY_DIRECTORY_ID = 'by-directory-id';

/**
 * The directory identity a request names (Directory.Name and Directory.VpcSettings.VpcId, or Directory.DirectoryId),
 * if it names one.
 */
export const identityOf = (request: unknown): DirectoryIdentity | undefined => {
  const directory = asRecord(asRecord(request)?.['Directory']);
  // A directory named by DirectoryId: the id is unique in the account and Region, so it alone identifies it.
  const id = directory?.['DirectoryId'];
  if (typeof id === 'string' && id !== '') return { VpcId: BY_DIRECTORY_ID, Name: id };
  const name = directory?.['Name'];
  const vpcId = asRecord(directory?.['VpcSettings'])?.['VpcId'];
  return typeof name === 'string' && name !== '' && typeof vpcId === 'string' && vpcId !== '' ? { VpcId: vpcId, Name: name } : undefined;
};

/** The request as the record keeps it: password-like keys redacted (a request never carries one by contract). */
export const recordedRequest = (request: unknown): unknown => redactSecrets(request);

/** The kind of an execution joining `record` (undefined: it starts a new record). */
export const kindOf = (machine: MachineName, record: ProvisioningRecord | undefined, name: string): ExecutionKind => {
  if (machine === 'teardown') return 'teardown';
  const known = record?.executions[name]?.kind;
  if (known) return known;
  return record && Object.values(record.executions).some((e) => e.kind !== 'teardown') ? 'update' : 'provisioning';
};

/**
 * Which record an execution joins: the directory's current one, unless it was torn down (a new provisioning of the
 * same directory then starts a new record, named by its own execution). A teardown never starts one.
 */
export const joins = (machine: MachineName, record: ProvisioningRecord | undefined, name: string): 'current' | 'new' | 'none' => {
  const mine = record?.executions[name] !== undefined;
  if (record && (mine || record.status !== 'TORN_DOWN')) return 'current';
  return machine === 'teardown' ? 'none' : 'new';
};

/** The record's status once an execution of `kind` ended with `status`. */
export const recordStatusAfter = (kind: ExecutionKind, status: ClosedStatus): RecordStatus => {
  if (status !== 'SUCCEEDED') return 'FAILED';
  return kind === 'teardown' ? 'TORN_DOWN' : 'PROVISIONED';
};

/**
 * Whether a status change event's end is written over the entry: when the entry says something else (RUNNING: the
 * record step did not run or could not write; a closed status: the execution failed at its record step after the
 * write, so Step Functions' status is the true one) and the entry has not been redriven since the event's run (a late
 * event of an earlier run never overwrites a later one).
 */
export const statusEventApplies = (entry: Pick<RecordedExecution, 'status' | 'redriveCount'>, outcome: Pick<ExecutionOutcome, 'status' | 'redriveCount'>): boolean =>
  entry.status !== outcome.status && (entry.redriveCount ?? 0) <= (outcome.redriveCount ?? 0);

/** How an execution ended, as its record step or its status change event tells it. */
export interface ExecutionOutcome {
  status: ClosedStatus;
  stopDate: string;
  /** SUCCEEDED: the execution output. */
  output?: unknown;
  error?: string;
  cause?: string;
  /** The plan it carried out (a provisioning or update). */
  plan?: unknown[];
  redriveCount?: number;
}

/**
 * The outcome of an execution from the state its record step sees: the execution output on the success path, the
 * state with `error` (the caught error) on the failure path. Its plan is the output's `Plan`, or on the failure path
 * the entries of PlanChanges' result (`$.plan.plan`) when the execution got that far.
 */
export const outcomeOfState = (state: unknown, stopDate: string): ExecutionOutcome => {
  const doc = asRecord(state) ?? {};
  const error = asRecord(doc['error']);
  const plan = [doc['Plan'], asRecord(doc['plan'])?.['plan']].find(Array.isArray) as unknown[] | undefined;
  const base = plan ? { plan } : {};
  if (error) {
    return {
      status: 'FAILED',
      stopDate,
      error: typeof error['Error'] === 'string' ? error['Error'] : 'States.Runtime',
      ...(typeof error['Cause'] === 'string' ? { cause: error['Cause'] } : {}),
      ...base,
    };
  }
  return { status: 'SUCCEEDED', stopDate, output: doc, ...base };
};

/** The teardown's lists from its output, for its entry. */
export const teardownOutcomeOf = (output: unknown): TeardownOutcome | undefined => {
  const doc = asRecord(output);
  const lists = ['Deleted', 'Kept', 'AlreadyGone'] as const;
  if (!doc || !lists.every((k) => Array.isArray(doc[k]))) return undefined;
  return { Deleted: doc['Deleted'] as TeardownOutcome['Deleted'], Kept: doc['Kept'] as TeardownOutcome['Kept'], AlreadyGone: doc['AlreadyGone'] as TeardownOutcome['AlreadyGone'] };
};

/** The fields an ended execution's entry gets. */
export const endedEntry = (kind: ExecutionKind, outcome: ExecutionOutcome): Partial<RecordedExecution> => {
  const teardownOutput = kind === 'teardown' && outcome.status === 'SUCCEEDED' ? teardownOutcomeOf(outcome.output) : undefined;
  return {
    status: outcome.status,
    stopDate: outcome.stopDate,
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    ...(outcome.cause !== undefined ? { cause: truncateCause(outcome.cause) } : {}),
    ...(outcome.redriveCount !== undefined ? { redriveCount: outcome.redriveCount } : {}),
    ...(kind !== 'teardown' && outcome.plan ? { plan: outcome.plan } : {}),
    ...(teardownOutput ? { output: teardownOutput } : {}),
  };
};

/** The record-level fields the current execution's end sets (besides the status). */
export const endedRecordFields = (kind: ExecutionKind, outcome: ExecutionOutcome): Partial<ProvisioningRecord> => {
  if (kind === 'teardown') return {};
  const output = asRecord(outcome.output);
  return {
    ...(outcome.status === 'SUCCEEDED' && output ? { outputs: redactSecrets(output) as Record<string, unknown> } : {}),
    ...(outcome.plan ? { lastPlan: outcome.plan } : {}),
  };
};

/**
 * The execution name of a `PUT` of `base` (src/domain/execution-names.ts, updateNameBase): the newest provisioning or
 * update again when it applied the same request (a repeat: the same execution), else a new one, `base` suffixed by
 * how many times the same request was applied before (the same request after another one applies it again).
 */
export const updateExecutionName = (record: ProvisioningRecord, base: string): string => {
  const applies = executionsNewestFirst(record).filter((e) => e.kind !== 'teardown');
  const sameRequest = (name: string): boolean => name === base || name.startsWith(`${base}-`);
  const newest = applies[0];
  if (newest && sameRequest(newest.name)) return newest.name;
  const before = applies.filter((e) => sameRequest(e.name)).length;
  return before === 0 ? base : `${base}-${before}`;
};

/** The executions newest first. */
export const executionsNewestFirst = (record: ProvisioningRecord): RecordedExecution[] =>
  Object.values(record.executions).sort((a, b) => b.startDate.localeCompare(a.startDate) || b.name.localeCompare(a.name));

/** The record as `GET /provisionings/{id}` shows it. */
export interface RecordView extends Omit<ProvisioningRecord, 'executions'> {
  executions: RecordedExecution[];
  /** The newest provisioning or update: what it applied, its plan and its status. */
  lastApply?: RecordedExecution;
  /** The newest teardown. */
  lastTeardown?: RecordedExecution;
}

export const recordView = (record: ProvisioningRecord): RecordView => {
  const executions = executionsNewestFirst(record);
  const lastApply = executions.find((e) => e.kind !== 'teardown');
  const lastTeardown = executions.find((e) => e.kind === 'teardown');
  return redactSecrets({
    ...record,
    executions,
    ...(lastApply ? { lastApply } : {}),
    ...(lastTeardown ? { lastTeardown } : {}),
  }) as RecordView;
};

/** A teardown entry as `GET /provisionings/{id}` shows a teardown (`teardown`) once its history is gone. */
export const teardownSummaryOf = (entry: RecordedExecution): TeardownSummary => ({
  executionArn: entry.executionArn,
  name: entry.name,
  status: entry.status,
  startDate: entry.startDate,
  ...(entry.stopDate ? { stopDate: entry.stopDate } : {}),
  ...(entry.output ? { output: entry.output } : {}),
  ...(entry.error !== undefined ? { error: entry.error, cause: entry.cause } : {}),
});

/**
 * The status document of `GET /provisionings/{id}` from the record alone, when Step Functions no longer has the
 * execution `{id}` (its history is purged 90 days after it ended): that execution's entry, the outputs of the last
 * provisioning or update that succeeded, and the record itself.
 */
export const statusFromRecord = (record: ProvisioningRecord): ProvisioningStatus & { record: RecordView } => {
  const first = record.executions[record.provisioningId];
  return {
    executionArn: first?.executionArn ?? '',
    name: record.provisioningId,
    status: first?.status ?? 'UNKNOWN',
    ...(first?.startDate ? { startDate: first.startDate } : {}),
    ...(first?.stopDate ? { stopDate: first.stopDate } : {}),
    ...(first?.error !== undefined ? { error: first.error, cause: first.cause } : {}),
    ...(record.outputs ? { output: record.outputs } : {}),
    ...(first?.redriveCount !== undefined ? { redriveCount: first.redriveCount } : {}),
    record: recordView(record),
  };
};
