/**
 * `npm run executions -- <command>` — find failed provisionings and teardowns, see why, and redrive the ones redrive
 * can fix.
 *
 *   list   [--status FAILED] [--max 20]   ListExecutions of both state machines, newest first (+ DescribeExecution
 *                                         per row: error, redrive status/count); each row names its machine
 *   show   <execution ARN | name>         (a name: the provisioning's, else the teardown's) status, failed state, error, cause, directory/connector, and the runbook
 *                                         advice for that error (redrive vs. start a new execution)
 *   redrive <execution ARN | name>        RedriveExecution (same ARN, same input, continues from the failed step);
 *                                         refuses when the failure was caught into the Fail state (a redrive would
 *                                         only re-run the Fail state) unless --force
 *
 * AWS access: the default credential chain and region; `AWS_ENDPOINT_URL_SFN` points it elsewhere (the local
 * world's Step Functions emulation). State machines: `--state-machine-arn` or env `STATE_MACHINE_ARN` (the
 * provisioning), `--teardown-state-machine-arn` or env `TEARDOWN_STATE_MACHINE_ARN` (the teardown).
 * Exit codes: 0 ok, 1 AWS/runtime error, 2 usage error.
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  DescribeExecutionCommand,
  paginateListExecutions,
  RedriveExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { ExecutionStatus } from '@aws-sdk/client-sfn';
import { ERROR_CATALOG } from '../../src/workflow/catalog.ts';
import { belongsTo, executionArnFor, executionNameOf, isValidExecutionName } from '../../src/domain/execution-names.ts';
import { sfn } from '../../src/aws/clients.ts';
import { readProvisioningStatus } from '../../src/handlers/api-get-provisioning.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, errorLine, ignoreClosedOutput, oneLine as printable } from './io.ts';

const USAGE = `Usage: npm run executions -- <command> [options]

Commands:
  list [--status FAILED|RUNNING|SUCCEEDED|TIMED_OUT|ABORTED|PENDING_REDRIVE] [--max N]
  show <execution-arn | name>
  redrive <execution-arn | name> [--force] [--client-token TOKEN]

Options:
  --state-machine-arn ARN   the provisioning state machine (default: env STATE_MACHINE_ARN)
  --teardown-state-machine-arn ARN
                            the teardown state machine (default: env TEARDOWN_STATE_MACHINE_ARN)
  --json                    machine-readable output
  -h, --help                this text

AWS credentials/region come from the default chain; AWS_ENDPOINT_URL_SFN overrides the endpoint.
`;

export { UsageError };

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;

const oneLine = (text: string | undefined, max = 160): string => {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** Runbook advice for an error name (at a state when known). */
export const adviceFor = (error: string | undefined, state: string | undefined): { rerun: string; remedy: string } | undefined => {
  if (!error) return undefined;
  const rows = ERROR_CATALOG.filter((r) => r.name === error);
  const row = rows.find((r) => r.state === state) ?? rows[0];
  return row ? { rerun: row.rerun, remedy: row.remedy } : undefined;
};

/** The configured state machines: the provisioning's and, when known, the teardown's. */
export interface Machines {
  provision?: string;
  teardown?: string;
}

/** The execution ARNs a target may mean, in the order to try: an ARN of either machine, or a name on each machine. */
const resolveArns = (target: string | undefined, machines: Machines): string[] => {
  if (!target) throw new UsageError('missing <execution-arn | name>');
  const known = [machines.provision, machines.teardown].filter((m): m is string => m !== undefined);
  if (target.startsWith('arn:')) {
    if (known.length > 0 && !known.some((m) => belongsTo(target, m))) throw new UsageError(`${target} is not an execution of ${known.join(' or ')}`);
    return [target];
  }
  if (!isValidExecutionName(target)) throw new UsageError(`not an execution ARN or name: ${target}`);
  if (known.length === 0) throw new UsageError('an execution name needs --state-machine-arn (or env STATE_MACHINE_ARN)');
  return known.map((m) => executionArnFor(m, target));
};

const listMachine = async (label: string, machineArn: string, status: string | undefined, max: number): Promise<Record<string, unknown>[]> => {
  const rows: Record<string, unknown>[] = [];
  const pages = paginateListExecutions(
    { client: sfn(), pageSize: Math.min(100, max) },
    { stateMachineArn: machineArn, ...(status ? { statusFilter: status as ExecutionStatus } : {}) },
  );
  for await (const page of pages) {
    for (const item of (page.executions ?? []).slice(0, max - rows.length)) {
      const described = await sfn().send(new DescribeExecutionCommand({ executionArn: item.executionArn }));
      rows.push({
        machine: label,
        executionArn: item.executionArn,
        name: item.name,
        status: item.status,
        startDate: item.startDate?.toISOString(),
        stopDate: item.stopDate?.toISOString(),
        redriveCount: item.redriveCount ?? described.redriveCount ?? 0,
        redriveStatus: described.redriveStatus,
        error: described.error,
        cause: described.cause,
      });
    }
    if (rows.length >= max) break;
  }
  return rows;
};

const list = async (machines: Machines, status: string | undefined, max: number, asJson: boolean, io: Io): Promise<void> => {
  if (!machines.provision) throw new UsageError('list needs --state-machine-arn (or env STATE_MACHINE_ARN)');
  if (status && !(STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
  const rows = [
    ...(await listMachine('provision', machines.provision, status, max)),
    ...(machines.teardown ? await listMachine('teardown', machines.teardown, status, max) : []),
  ]
    .sort((a, b) => String(b['startDate'] ?? '').localeCompare(String(a['startDate'] ?? '')))
    .slice(0, max);

  if (asJson) {
    io.out(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    io.out(`no ${status ?? ''} executions`.replace(/\s+/g, ' '));
    return;
  }
  for (const r of rows) {
    io.out(`${String(r['machine']).padEnd(11)} ${String(r['status']).padEnd(10)} ${String(r['name'])}  started ${String(r['startDate'] ?? '-')}` +
      `  redrives ${String(r['redriveCount'])} (${String(r['redriveStatus'] ?? '-')})`);
    if (r['error']) io.out(`${' '.repeat(23)}${String(r['error'])}: ${oneLine(r['cause'] as string | undefined)}`);
  }
};

/** The status of the first of the candidate executions that exists. */
const firstStatus = async (arns: string[]): Promise<Awaited<ReturnType<typeof readProvisioningStatus>>> => {
  for (const arn of arns) {
    const status = await readProvisioningStatus(arn);
    if (status) return status;
  }
  return undefined;
};

const show = async (arns: string[], asJson: boolean, io: Io): Promise<boolean> => {
  const status = await firstStatus(arns);
  if (!status) {
    io.err(`error: no such execution: ${arns.join(' or ')}`);
    return false;
  }
  const advice = adviceFor(status.error, status.failure?.state);
  if (asJson) {
    io.out(JSON.stringify({ ...status, ...(advice ? { advice } : {}) }, null, 2));
    return true;
  }
  io.out(`${status.name}  ${status.status}`);
  io.out(`  arn:           ${status.executionArn}`);
  io.out(`  started:       ${status.startDate ?? '-'}${status.stopDate ? `   stopped: ${status.stopDate}` : ''}`);
  io.out(`  state:         ${status.currentState ?? '-'}`);
  if (status.directory) io.out(`  directory:     ${status.directory.DirectoryId ?? '-'} ${status.directory.Stage ?? ''}${status.directory.StageReason ? ` (${status.directory.StageReason})` : ''}`);
  if (status.connector) io.out(`  connector:     ${status.connector.ConnectorArn ?? '-'} ${status.connector.Status ?? ''}${status.connector.StatusReason ? ` (${status.connector.StatusReason})` : ''}`);
  io.out(`  redrives:      ${status.redriveCount ?? 0} (${status.redriveStatus ?? '-'}${status.redriveStatusReason ? `: ${status.redriveStatusReason}` : ''})`);
  if (status.error || status.failure) {
    io.out(`  failed state:  ${status.failure?.state ?? '-'}`);
    io.out(`  error:         ${status.error ?? '-'}`);
    io.out(`  cause:         ${oneLine(status.cause, 500)}`);
  }
  if (advice) {
    io.out(`  rerun:         ${advice.rerun === 'redrive' ? `redrive (npm run executions -- redrive ${status.name})` : 'fix the cause, then start a new execution with the same input'}`);
    io.out(`  remedy:        ${advice.remedy}`);
  }
  if (status.output !== undefined) io.out(`  output:        ${JSON.stringify(status.output)}`);
  return true;
};

const redrive = async (arns: string[], force: boolean, clientToken: string | undefined, io: Io): Promise<boolean> => {
  const status = await firstStatus(arns);
  if (!status) {
    io.err(`error: no such execution: ${arns.join(' or ')}`);
    return false;
  }
  const arn = status.executionArn;
  const advice = adviceFor(status.error, status.failure?.state);
  if (advice?.rerun === 'new-execution' && !force) {
    io.err(
      `error: ${status.name} failed with ${status.error}, which the workflow caught into its Fail state: a redrive would re-run ` +
        `only that Fail state and fail again (--force redrives anyway). Remedy: ${printable(advice.remedy)}`,
    );
    return false;
  }
  const res = await sfn().send(new RedriveExecutionCommand({ executionArn: arn, clientToken: clientToken ?? randomUUID() }));
  io.out(`redriven ${executionNameOf(arn)} at ${res.redriveDate?.toISOString() ?? 'now'} (same ARN: ${arn})`);
  return true;
};

/** Network failures (nothing listening, a name that does not resolve, a reset) by their system code. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE']);

/** The line printed for an error of a command: a usage error, Step Functions unreachable, or the AWS error by name. */
export const failureLine = (err: unknown): string => {
  if (err instanceof UsageError) return `${errorLine(err)} (npm run executions -- --help for the commands)`;
  const e = err as Error & { code?: string; $metadata?: unknown };
  if (e?.code && NETWORK_CODES.has(e.code)) {
    const endpoint = process.env['AWS_ENDPOINT_URL_SFN'] ?? process.env['AWS_ENDPOINT_URL'];
    const where = endpoint ? `Step Functions at ${endpoint} (AWS_ENDPOINT_URL_SFN)` : 'Step Functions';
    return `error: cannot reach ${printable(where)} (${e.code}); is the local world running (npm run api / npm run world), or are the endpoint and region right?`;
  }
  return `error: ${printable(e?.name ?? 'Error')}: ${printable(e?.message ?? String(err))}`;
};

export const main = async (argv: string[], io: Io = { out: console.log, err: console.error }): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        status: { type: 'string' },
        max: { type: 'string' },
        'state-machine-arn': { type: 'string' },
        'teardown-state-machine-arn': { type: 'string' },
        json: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        'client-token': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.err(failureLine(new UsageError((err as Error).message.split('\n')[0] ?? '')));
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  const [command, target] = positionals;
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  const machines: Machines = {
    provision: values['state-machine-arn'] ?? process.env['STATE_MACHINE_ARN'],
    teardown: values['teardown-state-machine-arn'] ?? process.env['TEARDOWN_STATE_MACHINE_ARN'],
  };
  try {
    switch (command) {
      case undefined:
        throw new UsageError('missing command: list, show or redrive');
      case 'list': {
        const max = values.max === undefined ? 20 : Number(values.max);
        if (!Number.isInteger(max) || max < 1 || max > 1000) throw new UsageError('--max must be an integer 1-1000');
        await list(machines, values.status?.toUpperCase(), max, values.json, io);
        return EXIT_OK;
      }
      case 'show':
        return (await show(resolveArns(target, machines), values.json, io)) ? EXIT_OK : EXIT_FAILED;
      case 'redrive':
        return (await redrive(resolveArns(target, machines), values.force, values['client-token'], io)) ? EXIT_OK : EXIT_FAILED;
      default:
        throw new UsageError(`unknown command ${command}: list, show or redrive`);
    }
  } catch (err) {
    io.err(failureLine(err));
    return err instanceof UsageError ? EXIT_USAGE : EXIT_FAILED;
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ignoreClosedOutput();
  process.exitCode = await main(process.argv.slice(2));
}
