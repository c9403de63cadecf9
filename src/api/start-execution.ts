/**
 * StartExecution with a deterministic name, made idempotent (shared by the EventBridge start function and the API).
 *
 * AWS semantics (Standard workflows): StartExecution with the name and input of a RUNNING execution succeeds and
 * returns the original ARN/startDate; with a closed execution's name, or a different input, it fails with
 * `ExecutionAlreadyExists`. The second case is resolved here with DescribeExecution: the same input means the
 * request was already started (a redelivery or a repeat), a different input is a conflict.
 */
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { executionArnFor, sameJson } from '../domain/execution-names.ts';
import { sfn } from '../aws/clients.ts';

export type StartOutcome =
  /** StartExecution accepted the call (a new execution, or AWS's own idempotent return of a running one). */
  | { kind: 'started'; executionArn: string; startDate?: Date }
  /** An execution with this name and the same input already exists (any status). */
  | { kind: 'existing'; executionArn: string; status?: string; startDate?: Date }
  /** An execution with this name exists with a DIFFERENT input. */
  | { kind: 'conflict'; executionArn: string; status?: string };

export interface StartRequest {
  stateMachineArn: string;
  name: string;
  /** The execution input, already serialised (canonical JSON). */
  input: string;
}

const isAlreadyExists = (err: unknown): boolean => err instanceof Error && err.name === 'ExecutionAlreadyExists';

const fromDescription = (described: DescribeExecutionCommandOutput, input: string, executionArn: string): StartOutcome =>
  sameJson(described.input, input)
    ? { kind: 'existing', executionArn, status: described.status, startDate: described.startDate }
    : { kind: 'conflict', executionArn, status: described.status };

/** DescribeExecution, or undefined when there is no execution of that name. */
export const describeIfExists = async (executionArn: string): Promise<DescribeExecutionCommandOutput | undefined> => {
  try {
    return await sfn().send(new DescribeExecutionCommand({ executionArn }));
  } catch (err) {
    if (err instanceof ExecutionDoesNotExist || (err instanceof Error && err.name === 'ExecutionDoesNotExist')) return undefined;
    throw err;
  }
};

/** StartExecution; on ExecutionAlreadyExists, DescribeExecution decides between `existing` and `conflict`. */
export const startExecutionIdempotently = async (req: StartRequest): Promise<StartOutcome> => {
  try {
    const res = await sfn().send(
      new StartExecutionCommand({ stateMachineArn: req.stateMachineArn, name: req.name, input: req.input }),
    );
    return { kind: 'started', executionArn: res.executionArn ?? executionArnFor(req.stateMachineArn, req.name), startDate: res.startDate };
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    const executionArn = executionArnFor(req.stateMachineArn, req.name);
    const described = await describeIfExists(executionArn);
    if (!described) throw err; // vanished in between: let the caller's retry start it
    return fromDescription(described, req.input, executionArn);
  }
};

/** The outcome for an execution of this name that already exists (`existing` or `conflict`), else undefined. */
export const findExistingExecution = async (req: StartRequest): Promise<StartOutcome | undefined> => {
  const executionArn = executionArnFor(req.stateMachineArn, req.name);
  const described = await describeIfExists(executionArn);
  return described ? fromDescription(described, req.input, executionArn) : undefined;
};
