/**
 * `npm start` — run one provisioning end to end in the local world (no AWS account).
 * Exit codes: 0 SUCCEEDED, 1 FAILED, 2 usage error.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FaultSpec } from './emulator/index.ts';
import type { RunResult, TimelineEntry } from './engine.ts';

const USAGE = `Usage: npm start -- [options]

Runs statemachine/provision.asl.json with the real handlers against the embedded AWS emulator.

Options:
  --input FILE                      execution input (default events/execution-input.json)
  --seed FILE                       pre-existing AWS resources (default tools/local/seeds/default.json)
  --state FILE                      load emulator state from FILE if it exists, save it back after the run
  --execution-id ARN                execution ARN (reuse one to rerun as a redrive would: same ClientToken)
  --fault OP:ERROR[:COUNT][:after]  inject a wire fault, repeatable (e.g. CreateConnector:ThrottlingException:2)
  --directory-active-after SECONDS  simulated time until a new directory is Active (default by type)
  --directory-fails-after SECONDS   a new directory goes Failed (with a StageReason) at that simulated time instead
  --connector-active-after SECONDS  simulated time until a new connector is ACTIVE (default 120)
  --connector-fails-after SECONDS   a new connector goes FAILED (VPC_ENDPOINT_LIMIT_EXCEEDED) at that time instead
  --json                            print one JSON object instead of the timeline (with "detections": per waited
                                    resource, when it was ready and when a poll saw it, in simulated seconds)
  -h, --help                        this text
`;

/** The StageReason of a directory failed by --directory-fails-after (a simulation's wording, not AWS's). */
const DIRECTORY_FAILURE_REASON = 'Directory creation failed: insufficient free IP addresses in the subnets (simulated by --directory-fails-after)';

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const fmtSim = (s: number): string => {
  const t = Math.round(s);
  const hh = String(Math.floor(t / 3600)).padStart(2, '0');
  const mm = String(Math.floor((t % 3600) / 60)).padStart(2, '0');
  const ss = String(t % 60).padStart(2, '0');
  return `${hh}:${mm}:${ss}`;
};

const ICON: Record<TimelineEntry['kind'], string> = {
  state: '▶',
  retry: '↻',
  caught: '✖',
  stage: '●',
  status: '●',
  end: '■',
};

export function formatTimelineEntry(e: TimelineEntry): string {
  return `[sim ${fmtSim(e.simulatedSeconds)} | wall ${String(e.wallMs).padStart(5)} ms] ${ICON[e.kind]} ${e.text}`;
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${path}: ${(err as Error).message}`);
  }
}

function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} needs a number of seconds ≥ 0, got "${value}"`);
  return n;
}

export function summary(result: RunResult): string {
  const lines = [''];
  if (result.status === 'SUCCEEDED') {
    const out = result.output as { DirectoryId?: string; ConnectorArn?: string | null; ResourceShareArn?: string | null; ResourceShareCreated?: boolean | null; Warnings?: string[] };
    lines.push(`SUCCEEDED  ${result.executionArn}`);
    lines.push(`  DirectoryId   ${out.DirectoryId ?? '?'}`);
    lines.push(`  ConnectorArn  ${out.ConnectorArn === null ? '(no connector requested)' : (out.ConnectorArn ?? '?')}`);
    if (out.ResourceShareArn) lines.push(`  CA share      ${out.ResourceShareArn}${out.ResourceShareCreated ? ' (created by this execution)' : ' (adopted)'}`);
    for (const w of out.Warnings ?? []) lines.push(`  warning: ${w}`);
  } else {
    lines.push(`FAILED     ${result.executionArn}`);
    lines.push(`  error  ${result.error}`);
    lines.push(`  cause  ${result.cause}`);
  }
  lines.push(
    `  ${result.transitions} state transitions, ${fmtSim(result.simulatedSeconds)} simulated, ${result.wallMs} ms wall`,
  );
  lines.push(`  world: ${result.world.directories} directory(ies), ${result.world.connectors} connector(s), ${result.world.resourceShares} RAM share(s)`);
  lines.push(
    `  API calls: ${Object.entries(result.apiCalls)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        input: { type: 'string' },
        seed: { type: 'string' },
        state: { type: 'string' },
        'execution-id': { type: 'string' },
        fault: { type: 'string', multiple: true },
        'directory-active-after': { type: 'string' },
        'directory-fails-after': { type: 'string' },
        'connector-active-after': { type: 'string' },
        'connector-fails-after': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values } = args;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  // Handler logs would interleave with the timeline (and break --json); keep them quiet unless asked for.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  process.env.AWS_LAMBDA_LOG_LEVEL ??= 'FATAL';

  const { DEFAULT_SEED_PATH, loadSeed, parseFault } = await import('./emulator/index.ts');
  const { runProvisioning } = await import('./engine.ts');

  let result: RunResult;
  try {
    const input = readJson(resolve(values.input ?? 'events/execution-input.json'), 'input');
    let seed;
    try {
      seed = loadSeed(values.seed ? resolve(values.seed) : DEFAULT_SEED_PATH);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const faults: FaultSpec[] = [];
    for (const f of values.fault ?? []) {
      try {
        faults.push(parseFault(f));
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
    }
    const statePath = values.state ? resolve(values.state) : undefined;
    const snapshot = statePath && existsSync(statePath) ? (readJson(statePath, 'state') as never) : undefined;
    const executionArn = values['execution-id'];
    if (executionArn !== undefined && !/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:]+:[A-Za-z0-9_-]{1,80}$/.test(executionArn)) {
      throw new UsageError(`--execution-id must be a Step Functions execution ARN, got "${executionArn}"`);
    }
    const directoryFailsAfter = positiveNumber(values['directory-fails-after'], '--directory-fails-after');
    const connectorFailsAfter = positiveNumber(values['connector-fails-after'], '--connector-fails-after');
    result = await runProvisioning({
      input,
      seed,
      snapshot,
      executionArn,
      faults,
      directoryActiveAfterSeconds: positiveNumber(values['directory-active-after'], '--directory-active-after'),
      connectorActiveAfterSeconds: positiveNumber(values['connector-active-after'], '--connector-active-after'),
      emulator: {
        ...(directoryFailsAfter !== undefined
          ? { directoryOutcome: { stage: 'Failed', reason: DIRECTORY_FAILURE_REASON, afterSeconds: directoryFailsAfter } }
          : {}),
        ...(connectorFailsAfter !== undefined
          ? { connectorOutcome: { statusReason: 'VPC_ENDPOINT_LIMIT_EXCEEDED', afterSeconds: connectorFailsAfter } }
          : {}),
      },
      onTimeline: values.json ? undefined : (e) => process.stdout.write(`${formatTimelineEntry(e)}\n`),
    });
    if (statePath) writeFileSync(statePath, `${JSON.stringify(result.snapshot, null, 2)}\n`);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }

  if (values.json) {
    const { status, executionArn, output, error, cause, transitions, apiCalls, world, simulatedSeconds, wallMs, detections } = result;
    process.stdout.write(
      `${JSON.stringify({ status, executionArn, ...(status === 'SUCCEEDED' ? { output } : { error, cause }), transitions, apiCalls, world, simulatedSeconds, wallMs, detections })}\n`,
    );
  } else {
    process.stdout.write(`${summary(result)}\n`);
  }
  return result.status === 'SUCCEEDED' ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
