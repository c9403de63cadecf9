/**
 * The "Step Functions Execution Status Change" events of both state machines (EventBridge, source `aws.states`, the
 * default bus; serverless/triggers.yml) keep the provisioning record and the change lease right when an execution
 * does not reach its record step:
 *  - an execution that ended FAILED (retries exhausted), TIMED_OUT or ABORTED, or failed at its record step after
 *    the write: its end is written into its record entry when the entry says another status and was not redriven
 *    since (the record step, when its execution ended as it wrote, wrote more and wins);
 *  - a redriven execution running again (RUNNING with a redrive count): it re-asserts the directory's change lease,
 *    which others may have taken over while it was not running, and its entry says RUNNING again; when another
 *    change of the directory is running, the redrive is stopped (StopExecution, error ConcurrentChangeError) rather
 *    than let it race that change.
 * A first RUNNING event does nothing (the change lease step registers the execution). An execution in no record
 * (it ended before taking the change lease) is left alone. The event's input and output are never logged.
 */
import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { sfn } from '../aws/clients.ts';
import { ConcurrentChangeError } from '../domain/errors.ts';
import type { DirectoryIdentity } from '../domain/directory-lease.ts';
import { identityOf } from '../domain/provisioning-record.ts';
import type { ClosedStatus } from '../domain/provisioning-record.ts';
import { describeIfExists } from '../api/start-execution.ts';
import { stateMachineArn, teardownStateMachineArn } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { annotateExecution, tracer } from '../lib/tracer.ts';
import { transportErrorNames } from '../lib/transport-errors.ts';
import type { MachineName } from '../workflow/catalog.ts';
import { executionStatusOf } from '../aws/execution-status.ts';
import { now } from '../lib/clock.ts';
import { acquireChangeLease } from '../persistence/change-lease-store.ts';
import { finishExecution, resumeExecution } from '../persistence/provisioning-records.ts';
import { coordinationTable, recordsTable } from './change-steps.ts';
import type { AcquireDeps, RecordDeps } from './change-steps.ts';

export const STATUS_CHANGE_SOURCE = 'aws.states';
export const STATUS_CHANGE_DETAIL_TYPE = 'Step Functions Execution Status Change';

/** The detail of a status change event (the fields read here; times are epoch milliseconds). */
export interface StatusChangeDetail {
  executionArn: string;
  stateMachineArn: string;
  name?: string;
  status: string;
  startDate?: number | null;
  stopDate?: number | null;
  /** The execution input as JSON text; null when too large for the event. */
  input?: string | null;
  output?: string | null;
  error?: string | null;
  cause?: string | null;
  redriveCount?: number;
}

export type StatusChangeEvent = Pick<EventBridgeEvent<string, StatusChangeDetail>, 'source' | 'detail-type' | 'detail'>;

/** What the function did with an event (returned for its log and `invoke local`; EventBridge ignores it). */
export interface StatusChangeOutcome {
  outcome: 'ignored' | 'recorded' | 'not-recorded' | 'resumed' | 'stopped';
}

export interface RecordStatusDeps extends Pick<AcquireDeps, 'acquire' | 'now'>, Pick<RecordDeps, 'finish'> {
  resume: (identity: DirectoryIdentity, executionArn: string, redriveCount: number, now: Date) => Promise<boolean>;
  /** The execution's input when the event carries none. */
  inputOf: (executionArn: string) => Promise<string | undefined>;
  stop: (executionArn: string, error: string, cause: string) => Promise<void>;
}

const defaultDeps = (): RecordStatusDeps => ({
  acquire: (identity, owner, at) => acquireChangeLease(coordinationTable(), executionStatusOf, identity, owner, at),
  finish: (identity, executionArn, outcome, at, fromStatusEvent) => finishExecution(recordsTable(), identity, executionArn, outcome, at, fromStatusEvent),
  resume: (identity, executionArn, redriveCount, at) => resumeExecution(recordsTable(), identity, executionArn, redriveCount, at),
  now,
  inputOf: async (executionArn) => (await describeIfExists(executionArn))?.input,
  stop: async (executionArn, error, cause) => {
    await sfn().send(new StopExecutionCommand({ executionArn, error, cause }));
  },
});

const CLOSED: readonly string[] = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

const parse = (text: string | null | undefined): unknown => {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const machineOfArn = (arn: string): MachineName | undefined =>
  arn === stateMachineArn() ? 'provision' : arn === teardownStateMachineArn() ? 'teardown' : undefined;

export const recordExecutionStatus = async (event: StatusChangeEvent, deps: RecordStatusDeps = defaultDeps()): Promise<StatusChangeOutcome> => ({
  outcome: await handle(event, deps),
});

const handle = async (event: StatusChangeEvent, deps: RecordStatusDeps): Promise<StatusChangeOutcome['outcome']> => {
  const d = event.detail;
  if (event.source !== STATUS_CHANGE_SOURCE || typeof d?.executionArn !== 'string' || !machineOfArn(String(d.stateMachineArn))) return 'ignored';
  const redriveCount = d.redriveCount ?? 0;
  // A first RUNNING: the change lease step registers the execution; other statuses are not ends.
  if (d.status === 'RUNNING' ? redriveCount === 0 : !CLOSED.includes(d.status)) return 'ignored';
  logger.appendKeys({ executionArn: d.executionArn });
  annotateExecution(d.executionArn);
  const identity = identityOf(parse(d.input) ?? parse(await deps.inputOf(d.executionArn)));
  if (!identity) return 'ignored';
  const now = deps.now();

  if (d.status === 'RUNNING') {
    try {
      await deps.acquire(identity, d.executionArn, now);
    } catch (err) {
      if (!(err instanceof ConcurrentChangeError)) throw err;
      logger.warn('Redriven execution stopped: another change of its directory is running', { errorName: err.name });
      await deps.stop(d.executionArn, err.name, err.message);
      return 'stopped';
    }
    return (await deps.resume(identity, d.executionArn, redriveCount, now)) ? 'resumed' : 'not-recorded';
  }
  const finished = await deps.finish(
    identity,
    d.executionArn,
    {
      status: d.status as ClosedStatus,
      stopDate: new Date(typeof d.stopDate === 'number' ? d.stopDate : now.getTime()).toISOString(),
      ...(d.status === 'SUCCEEDED' ? { output: parse(d.output) } : {}),
      ...(typeof d.error === 'string' ? { error: d.error } : {}),
      ...(typeof d.cause === 'string' ? { cause: d.cause } : {}),
      redriveCount,
    },
    now,
    true,
  );
  logger.info(finished.recorded ? 'Execution end written from its status change event' : 'Execution end already recorded, or in no record', { status: d.status });
  return finished.recorded ? 'recorded' : 'not-recorded';
};

export const handler = middy<StatusChangeEvent, StatusChangeOutcome, Error, Context>()
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(transportErrorNames())
  .handler((event) => recordExecutionStatus(event));
