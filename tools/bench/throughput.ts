/**
 * Local throughput: whole-workflow executions per second in the local world (compressed time: Retry pauses, the
 * polls among them, advance the simulated clock instead of sleeping), one at a time and 50 concurrent, all on ONE
 * shared emulator.
 *
 * The seed's directory and connector limits (10 by default, as on AWS) are raised for the bench, and every execution
 * asks for a distinct directory name, so none adopts another's directory. Note: the simulated clock is shared, so
 * with 50 executions in flight each poll pause advances everyone's time; concurrent executions therefore poll fewer times
 * each (transitions per execution are reported next to the rate, and transitions per second too).
 */
import { readFileSync } from 'node:fs';
import { resetClients } from '../../src/aws/clients.ts';
import { loadSeed, DEFAULT_SEED_PATH } from '../local/emulator/index.ts';
import { runExecution } from '../local/engine/execution.ts';
import type { RunResult } from '../local/engine/execution.ts';
import { startLocalWorld } from '../local/world.ts';
import { median, round, table, markdownTable } from './stats.ts';

export interface ThroughputMode {
  concurrency: number;
  executions: number;
  wallMs: number;
  perSecond: number;
  transitionsPerSecond: number;
  medianTransitionsPerExecution: number;
  medianExecutionWallMs: number;
  failed: number;
}

export interface ThroughputResult {
  sequentialPerSecond: number;
  concurrent50PerSecond: number;
  modes: ThroughputMode[];
  directoryLimit: number;
}

interface Request {
  Directory: { Name: string };
}

const baseInput = (): Request =>
  JSON.parse(readFileSync(new URL('../../events/execution-input.json', import.meta.url), 'utf8')) as Request;

export async function benchThroughput(opts: { sequential: number; concurrent: number }): Promise<ThroughputResult> {
  const base = loadSeed(DEFAULT_SEED_PATH);
  const directoryLimit = 10_000;
  const seed = { ...base, directoryLimit, connectorLimit: directoryLimit };
  const world = await startLocalWorld({ seed, userEndpoints: 'replace' });
  let n = 0;
  const one = (): Promise<RunResult> => {
    const input = baseInput();
    input.Directory.Name = `tp${n++}.bench.example.com`;
    return runExecution(world.emulator, { input });
  };
  const measure = async (concurrency: number, executions: number): Promise<ThroughputMode> => {
    const results: RunResult[] = [];
    const start = performance.now();
    for (let done = 0; done < executions; done += concurrency) {
      const batch = Math.min(concurrency, executions - done);
      // Fresh SDK clients per batch: a batch's ValidateRequest clients sit idle while the batch ends, and the next
      // batch would reuse sockets the emulator's HTTP server closed after Node's 5 s keep-alive (ECONNRESET).
      if (concurrency > 1) resetClients();
      results.push(...(await Promise.all(Array.from({ length: batch }, () => one()))));
    }
    const wallMs = performance.now() - start;
    const transitions = results.reduce((s, r) => s + r.transitions, 0);
    return {
      concurrency,
      executions,
      wallMs: round(wallMs, 1),
      perSecond: round((executions / wallMs) * 1000, 1),
      transitionsPerSecond: round((transitions / wallMs) * 1000, 0),
      medianTransitionsPerExecution: median(results.map((r) => r.transitions)),
      medianExecutionWallMs: median(results.map((r) => r.wallMs)),
      failed: results.filter((r) => r.status !== 'SUCCEEDED').length,
    };
  };
  try {
    await measure(1, 3); // warm-up: module loading, JIT, first connections
    const sequential = await measure(1, opts.sequential);
    const concurrent = await measure(50, opts.concurrent);
    for (const m of [sequential, concurrent]) {
      if (m.failed > 0) throw new Error(`throughput: ${m.failed} of ${m.executions} executions failed at concurrency ${m.concurrency}`);
    }
    return {
      sequentialPerSecond: sequential.perSecond,
      concurrent50PerSecond: concurrent.perSecond,
      modes: [sequential, concurrent],
      directoryLimit,
    };
  } finally {
    await world.stop();
  }
}

export function throughputTable(r: ThroughputResult, markdown = false): string {
  const headers = ['in flight', 'executions', 'wall ms', 'executions/s', 'transitions/s', 'transitions/execution (median)', 'execution wall ms (median)'];
  const rows = r.modes.map((m) => [
    String(m.concurrency),
    String(m.executions),
    m.wallMs.toFixed(0),
    m.perSecond.toFixed(1),
    String(m.transitionsPerSecond),
    String(m.medianTransitionsPerExecution),
    String(m.medianExecutionWallMs),
  ]);
  return markdown ? markdownTable(headers, rows) : table(headers, rows);
}
