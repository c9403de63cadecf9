/**
 * Cold start: each bundled task handler (the .mjs the bundles bench built with serverless.yml's esbuild options) is
 * imported and invoked once in a FRESH Node process (`process.execPath`, no loaders), against the local world: the
 * emulator runs in this process and the child gets its `AWS_ENDPOINT_URL_*` variables, like a Lambda cold start
 * (runtime boot, module init, first invocation with SDK client creation and the first HTTP connection).
 *
 * Measured inside the child with `performance.now()` (0 = process start): `totalMs` = process start → first
 * invocation done (the ratio's basis), `importMs` = the bundle's import, `invokeMs` = the first invocation. The
 * baseline is an empty handler built with the same options, measured in the same rounds (handlers interleaved, so
 * machine load hits all alike). Median of `rounds` runs each.
 *
 * Events are valid inputs for each handler, captured from one real run of the workflow in the same emulator; each
 * CreateDirectory run gets a new directory name (so it creates) and each CreateConnector run a new Active directory
 * and execution id (so it creates rather than adopts).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Emulator } from '../local/emulator/index.ts';
import { loadSeed, DEFAULT_SEED_PATH } from '../local/emulator/index.ts';
import { runExecution } from '../local/engine/execution.ts';
import type { LocalTaskHandler } from '../local/engine/execution.ts';
import { startLocalWorld } from '../local/world.ts';
import type { SdkMode } from './bundles.ts';
import { buildEmptyHandler, OUT_DIR } from './bundles.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownTable, median, round, table } from './stats.ts';

const run = promisify(execFile);

/** The Task states' handlers, by bundle name. */
export const TASK_BUNDLES: Record<string, string> = {
  ValidateRequest: 'validate-request',
  CreateDirectory: 'create-directory',
  GetDirectoryStage: 'get-directory-stage',
  CreateConnector: 'create-connector',
  GetConnectorStatus: 'get-connector-status',
};

/** Runs in the child: import the bundle, invoke it once with the event, print the timings. */
const CHILD = `
const t0 = performance.now();
const mod = await import(process.env.BENCH_BUNDLE);
const t1 = performance.now();
const context = {
  functionName: 'bench', functionVersion: '$LATEST', awsRequestId: 'bench-' + process.pid, memoryLimitInMB: '256',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:bench', logGroupName: '/aws/lambda/bench',
  logStreamName: 'bench', callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => 30000,
};
let error = null;
try { await mod.handler(JSON.parse(process.env.BENCH_EVENT), context); } catch (e) { error = String(e && e.name) + ': ' + String(e && e.message); }
const t2 = performance.now();
process.stdout.write('\\n__BENCH__' + JSON.stringify({ startMs: t0, importMs: t1 - t0, invokeMs: t2 - t1, totalMs: t2, error }) + '\\n');
process.exit(0);
`;

export interface ColdSample {
  totalMs: number;
  importMs: number;
  invokeMs: number;
  startMs: number;
}

async function coldRun(bundle: string, event: unknown, env: Record<string, string>): Promise<ColdSample> {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    ...env,
    BENCH_BUNDLE: bundle,
    BENCH_EVENT: JSON.stringify(event),
    POWERTOOLS_LOG_LEVEL: 'INFO', // as deployed (serverless.yml)
    AWS_LAMBDA_LOG_LEVEL: undefined,
    NODE_OPTIONS: undefined,
  };
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CHILD], { env: childEnv as NodeJS.ProcessEnv, maxBuffer: 16 << 20 });
  const line = stdout.split('\n').find((l) => l.startsWith('__BENCH__'));
  if (!line) throw new Error(`cold start of ${bundle}: no result line`);
  const r = JSON.parse(line.slice('__BENCH__'.length)) as ColdSample & { error: string | null };
  if (r.error) throw new Error(`cold start of ${bundle} failed: ${r.error}`);
  return r;
}

export interface ColdStartRow {
  handler: string;
  sdk: SdkMode | 'none';
  /** Median process start → first invocation done. */
  totalMs: number;
  importMs: number;
  invokeMs: number;
  ratioToEmpty: number;
  runs: number;
}

/** Valid events per Task state: captured from a real run, then made to create (not adopt) on every cold run. */
async function captureEvents(emulator: Emulator, rounds: number): Promise<(state: string, i: number) => unknown> {
  const { TASK_HANDLERS } = await import('../../src/handlers/registry.ts');
  const captured: Record<string, unknown> = {};
  const input = JSON.parse(readFileSync(new URL('../../events/execution-input.json', import.meta.url), 'utf8')) as {
    Directory: { Name: string };
  };
  const r = await runExecution(emulator, {
    input,
    wrapHandler: (state: string, handler: LocalTaskHandler): LocalTaskHandler => async (event, context) => {
      captured[state] ??= structuredClone(event);
      return handler(event, context);
    },
  });
  if (r.status !== 'SUCCEEDED') throw new Error(`event capture run failed: ${r.error ?? ''}`);
  // Active directories without a connector, one per CreateConnector cold run.
  const create = captured.CreateDirectory as { Directory: { Name: string } };
  const fakeContext = {} as Parameters<LocalTaskHandler>[1];
  const spare: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const out = (await TASK_HANDLERS.CreateDirectory(
      { ...create, Directory: { ...create.Directory, Name: `spare${i}.bench.example.com` } },
      fakeContext,
    )) as { DirectoryId: string };
    spare.push(out.DirectoryId);
  }
  emulator.clock.advance(3600);
  return (state, i) => {
    const ev = structuredClone(captured[state]) as Record<string, unknown>;
    if (state === 'CreateDirectory') {
      (ev.Directory as { Name: string }).Name = `cold${i}.bench.example.com`;
    }
    if (state === 'CreateConnector') {
      ev.DirectoryId = spare[i];
      ev.ExecutionId = `${String(ev.ExecutionId)}-cold-${i}`;
    }
    return ev;
  };
}

export interface ColdStartOptions {
  /** Runs per bundled task handler and for the empty baseline (median of these). */
  rounds: number;
  /** Runs per SDK-excluded handler (they only inform the bundling decision). */
  excludedRounds: number;
  /** Probe bundles (bundles.ts PROBES) to measure as well, with `rounds` runs. */
  probes: string[];
}

export async function benchColdStart(opts: ColdStartOptions): Promise<ColdStartRow[]> {
  const base = loadSeed(DEFAULT_SEED_PATH);
  const seed = { ...base, directoryLimit: 10_000, connectorLimit: 10_000 };
  const world = await startLocalWorld({ seed, userEndpoints: 'replace' });
  try {
    const eventFor = await captureEvents(world.emulator, Math.max(opts.rounds, opts.excludedRounds) + 1);
    const empty = await buildEmptyHandler();
    const caArn = base.certificateAuthorities.find((c) => c.Status === 'ACTIVE')?.Arn;
    interface Target {
      handler: string;
      sdk: SdkMode | 'none';
      bundle: string;
      rounds: number;
      event: (i: number) => unknown;
    }
    const task = (sdk: SdkMode, rounds: number): Target[] =>
      Object.entries(TASK_BUNDLES).map(([state, handler]) => ({
        handler,
        sdk,
        bundle: join(OUT_DIR, sdk, `${handler}.mjs`),
        rounds,
        event: (i: number) => eventFor(state, i),
      }));
    const targets: Target[] = [
      { handler: 'empty', sdk: 'none', bundle: empty, rounds: opts.rounds, event: () => ({}) },
      ...task('bundled', opts.rounds),
      ...opts.probes.map((p) => ({
        handler: p,
        sdk: 'bundled' as const,
        bundle: join(OUT_DIR, 'bundled', `${p}.mjs`),
        rounds: opts.rounds,
        event: () => ({ CertificateAuthorityArn: caArn }),
      })),
      ...(opts.excludedRounds > 0 ? task('excluded', opts.excludedRounds) : []),
    ];
    const samples: ColdSample[][] = targets.map(() => []);
    const { env } = world;
    // One unmeasured run per bundle (file cache), then the measured rounds, interleaved so load hits all alike.
    const warm = Math.max(opts.rounds, opts.excludedRounds);
    for (const t of targets) await coldRun(t.bundle, t.event(warm), env);
    for (let round = 0; round < warm; round++) {
      for (const [i, t] of targets.entries()) {
        if (round < t.rounds) samples[i]?.push(await coldRun(t.bundle, t.event(round), env));
      }
    }
    const emptyTotal = median((samples[0] ?? []).map((s) => s.totalMs));
    return targets.map((t, i) => {
      const s = samples[i] ?? [];
      const totalMs = median(s.map((x) => x.totalMs));
      return {
        handler: t.handler,
        sdk: t.sdk,
        totalMs: round(totalMs, 1),
        importMs: round(median(s.map((x) => x.importMs)), 1),
        invokeMs: round(median(s.map((x) => x.invokeMs)), 1),
        ratioToEmpty: round(totalMs / emptyTotal, 2),
        runs: s.length,
      };
    });
  } finally {
    await world.stop();
  }
}

export function coldStartTable(rows: readonly ColdStartRow[], markdown = false): string {
  const headers = ['handler', 'SDK', 'start → first response ms', 'import ms', 'first invoke ms', 'ratio to empty'];
  const body = rows.map((r) => [
    r.handler,
    r.sdk,
    r.totalMs.toFixed(1),
    r.importMs.toFixed(1),
    r.invokeMs.toFixed(1),
    `${r.ratioToEmpty.toFixed(2)}×`,
  ]);
  return markdown ? markdownTable(headers, body) : table(headers, body);
}
