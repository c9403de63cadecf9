/**
 * A behavioural fake of the Step Functions calls the triggers make, on top of aws-sdk-client-mock: StartExecution
 * follows the documented name idempotency (same name + same input while RUNNING returns the original response;
 * otherwise ExecutionAlreadyExists), DescribeExecution / GetExecutionHistory read what was started.
 */
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { DescribeExecutionOutput, HistoryEvent } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { EXECUTION_PREFIX } from './handlers.ts';

export interface FakeExecution extends DescribeExecutionOutput {
  executionArn: string;
  input: string;
  history: HistoryEvent[];
}

export interface FakeSfn {
  mock: AwsClientStub<SFNClient>;
  executions: Map<string, FakeExecution>;
  startCalls: { name?: string; input?: string }[];
  restore(): void;
}

/** `…:stateMachine:<sm>` -> `…:execution:<sm>:`, the prefix of its executions' ARNs. */
const executionPrefixOf = (stateMachineArn: string): string => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:`;

export const fakeSfn = (): FakeSfn => {
  const mock = mockClient(SFNClient);
  const executions = new Map<string, FakeExecution>();
  const startCalls: { name?: string; input?: string }[] = [];
  mock.on(StartExecutionCommand).callsFake((req: { stateMachineArn?: string; name?: string; input?: string }) => {
    startCalls.push({ name: req.name, input: req.input });
    const arn = `${req.stateMachineArn ? executionPrefixOf(req.stateMachineArn) : EXECUTION_PREFIX}${req.name}`;
    const existing = executions.get(arn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === req.input) {
        return { executionArn: arn, startDate: existing.startDate };
      }
      throw new ExecutionAlreadyExists({ message: `Execution Already Exists: '${arn}'`, $metadata: {} });
    }
    const startDate = new Date('2026-11-23T12:00:00Z');
    executions.set(arn, { executionArn: arn, name: req.name, status: 'RUNNING', input: req.input ?? '{}', startDate, stateMachineArn: 'sm', history: [] });
    return { executionArn: arn, startDate };
  });
  mock.on(DescribeExecutionCommand).callsFake((req: { executionArn?: string }) => {
    const found = executions.get(req.executionArn ?? '');
    if (!found) throw new ExecutionDoesNotExist({ message: `Execution Does Not Exist: '${req.executionArn}'`, $metadata: {} });
    const { history: _h, ...described } = found;
    return described;
  });
  mock.on(GetExecutionHistoryCommand).callsFake((req: { executionArn?: string; reverseOrder?: boolean }) => {
    const found = executions.get(req.executionArn ?? '');
    if (!found) throw new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} });
    const events = req.reverseOrder ? [...found.history].reverse() : found.history;
    return { events };
  });
  mock.on(ListExecutionsCommand).callsFake((req: { stateMachineArn?: string; statusFilter?: string }) => ({
    executions: [...executions.values()]
      .filter((e) => !req.stateMachineArn || e.executionArn.startsWith(executionPrefixOf(req.stateMachineArn)))
      .filter((e) => !req.statusFilter || e.status === req.statusFilter)
      .map((e) => ({ executionArn: e.executionArn, name: e.name, status: e.status, startDate: e.startDate, stateMachineArn: 'sm', redriveCount: e.redriveCount ?? 0 })),
  }));
  mock.on(RedriveExecutionCommand).callsFake((req: { executionArn?: string }) => {
    const found = executions.get(req.executionArn ?? '');
    if (!found) throw new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} });
    found.status = 'RUNNING';
    found.redriveCount = (found.redriveCount ?? 0) + 1;
    const redriveDate = new Date('2026-11-23T13:00:00Z');
    return { redriveDate };
  });
  return { mock, executions, startCalls, restore: () => mock.restore() };
};
