/**
 * Detection latency and cost per provisioning, over the whole range of activation times: the REAL ASL and handlers
 * in the local world (`runProvisioning`), one emulator per run with the directory's activation (or failure) time set.
 *
 * Per run: state transitions as Step Functions bills them (states entered + retries), every Lambda invocation with
 * its wall time, and per waited resource when it became ready (Active/ACTIVE, or Failed) and when the poll that saw
 * it ran (simulated seconds since the execution started). Latency = detected − ready.
 *
 * Strategies other than the checked-in one are run without touching product code, by wrapping the handlers
 * (`rewrite`: e.g. the naive fixed 30 s Wait loop rewrites every `WaitSeconds` a poll handler returns).
 */
import { readFileSync } from 'node:fs';
import type { DirectoryType } from '../../src/contract.ts';
import { DEFAULT_SEED_PATH, loadSeed } from '../local/emulator/index.ts';
import type { DirectoryOutcome } from '../local/emulator/index.ts';
import { runProvisioning } from '../local/engine.ts';
import type { LocalTaskHandler, RunResult } from '../local/engine.ts';
import { markdownTable, median, round, table } from './stats.ts';

/* ---------------- prices ---------------- */

/**
 * US East (N. Virginia), on-demand. Step Functions Standard: $0.025 per 1,000 state transitions, retries included
 * (https://aws.amazon.com/step-functions/pricing/). Lambda arm64: $0.20 per 1M requests and $0.0000133334 per
 * GB-second (first tier); taken from secondary sources, the official table (https://aws.amazon.com/lambda/pricing/)
 * renders by script and was not read. Free tiers are left out.
 */
export const PRICES = {
  usdPerTransition: 0.025 / 1000,
  usdPerLambdaRequest: 0.2 / 1_000_000,
  usdPerGbSecondArm64: 0.0000133334,
  /** serverless.yml provider.memorySize. */
  lambdaMemoryMb: 256,
  sources: {
    stepFunctions: 'https://aws.amazon.com/step-functions/pricing/ (primary)',
    lambda: 'secondary sources (cloudchipr.com/blog/aws-lambda-pricing); https://aws.amazon.com/lambda/pricing/ not read',
  },
} as const;

/** Lambda bills each invocation's duration rounded up to 1 ms. */
export const billedMs = (wallMs: number): number => Math.max(1, Math.ceil(wallMs));

export const costOf = (transitions: number, lambdaRequests: number, lambdaBilledMs: number): number =>
  transitions * PRICES.usdPerTransition +
  lambdaRequests * PRICES.usdPerLambdaRequest +
  (lambdaBilledMs / 1000) * (PRICES.lambdaMemoryMb / 1024) * PRICES.usdPerGbSecondArm64;

/* ---------------- scenarios ---------------- */

/** Activation times of the baseline (today's schedule and the naive poll): the rows of the cost table. */
export const COST_MINUTES: readonly number[] = [10, 20, 40, 60];
/**
 * Offsets added to each activation time: 0 … 84 s in 7 s steps (13 runs), so the activation moment falls anywhere
 * in a poll interval up to 90 s and the latency distribution is the real one, not one phase of it.
 */
export const OFFSETS_SECONDS: readonly number[] = Array.from({ length: 13 }, (_, i) => 7 * i);
/** Connector: ACTIVE 120 s after its creation in every run. */
export const CONNECTOR_ACTIVE_AFTER_SECONDS = 120;
/** A failing directory goes Failed at minute 2 (plus the offsets of the first minute). */
export const FAIL_AFTER_SECONDS = 120;
/** The deadline of every run: above the 60-min activation plus its offsets (the samples' 60 min would expire). */
export const BENCH_DIRECTORY_TIMEOUT_MINUTES = 90;

const ROOT = new URL('../../', import.meta.url);
export const SAMPLE_INPUT: Record<DirectoryType, string> = {
  SimpleAD: 'events/execution-input.json',
  MicrosoftAD: 'events/execution-input-microsoft-ad.json',
};
const inputFor = (type: DirectoryType): unknown => {
  const input = JSON.parse(readFileSync(new URL(SAMPLE_INPUT[type], ROOT), 'utf8')) as { Options?: Record<string, number> };
  return { ...input, Options: { ...input.Options, DirectoryTimeoutMinutes: BENCH_DIRECTORY_TIMEOUT_MINUTES } };
};

/* ---------------- strategies ---------------- */

export interface Strategy {
  name: string;
  description: string;
  /** Rewrites a handler's output in place (undefined: the checked-in code, untouched). */
  rewrite?: (state: string, output: Record<string, unknown>) => void;
}

/** The waited resources and the Task state that polls each. */
export const POLL_STATES: Readonly<Record<'directory' | 'connector', string>> = {
  directory: 'GetDirectoryStage',
  connector: 'GetConnectorStatus',
};
const CREATE_STATES: Readonly<Record<'directory' | 'connector', string>> = {
  directory: 'CreateDirectory',
  connector: 'CreateConnector',
};
const WAIT_OUTPUT_STATES = new Set(['CreateDirectory', 'GetDirectoryStage', 'CreateConnector', 'GetConnectorStatus']);

export const CHECKED_IN: Strategy = { name: 'project', description: 'the checked-in schedule (src/domain/polling.ts)' };

export const NAIVE_30S: Strategy = {
  name: 'naive-30s',
  description: 'Wait 30 s → poll → Choice, for the directory and the connector (3 transitions per poll)',
  rewrite: (state, out) => {
    if (WAIT_OUTPUT_STATES.has(state) && Number(out.WaitSeconds) > 0) out.WaitSeconds = 30;
  },
};

/* ---------------- one run ---------------- */

export type Resource = 'directory' | 'connector';

export interface Detection {
  resource: Resource;
  readyAtSeconds: number;
  detectedAtSeconds: number;
  polls: number;
}

export interface RunRecord {
  directoryType: DirectoryType;
  /** Seconds from the directory's creation to Active (or to Failed in a failure run). */
  activationSeconds: number;
  failure: boolean;
  status: 'SUCCEEDED' | 'FAILED';
  error?: string;
  /** Simulated seconds from the start to the end of the execution. */
  endedAtSeconds: number;
  transitions: number;
  lambdaRequests: number;
  lambdaBilledMs: number;
  costUsd: number;
  detections: Detection[];
}

/**
 * When each resource was ready and seen: ready = its create step's time + its lifecycle time; seen = the first poll
 * of it at or after that moment (the emulator is deterministic and the bench injects no faults, so that poll saw it).
 */
export const detectionsOf = (r: RunResult, readyAfter: Record<Resource, number>): Detection[] => {
  const out: Detection[] = [];
  for (const resource of ['directory', 'connector'] as const) {
    const created = r.invocations.find((i) => i.state === CREATE_STATES[resource] && i.error === undefined);
    if (!created) continue;
    const readyAt = created.simulatedSeconds + readyAfter[resource];
    const polls = r.invocations.filter((i) => i.state === POLL_STATES[resource]);
    const seen = polls.find((i) => i.simulatedSeconds >= readyAt);
    if (!seen) continue;
    out.push({ resource, readyAtSeconds: readyAt, detectedAtSeconds: seen.simulatedSeconds, polls: polls.length });
  }
  return out;
};

export async function runOnce(strategy: Strategy, type: DirectoryType, activationSeconds: number, failure = false): Promise<RunRecord> {
  const { rewrite } = strategy;
  const directoryOutcome: DirectoryOutcome | undefined = failure
    ? { stage: 'Failed', reason: 'Directory creation failed: insufficient IP addresses in subnet (bench)', afterSeconds: activationSeconds }
    : undefined;
  const r = await runProvisioning({
    input: inputFor(type),
    seed: loadSeed(DEFAULT_SEED_PATH),
    directoryActiveAfterSeconds: activationSeconds,
    connectorActiveAfterSeconds: CONNECTOR_ACTIVE_AFTER_SECONDS,
    ...(directoryOutcome ? { emulator: { directoryOutcome } } : {}),
    ...(rewrite
      ? {
          wrapHandler: (state: string, handler: LocalTaskHandler): LocalTaskHandler => async (event, context) => {
            const out = await handler(event, context);
            if (out !== null && typeof out === 'object') rewrite(state, out as Record<string, unknown>);
            return out;
          },
        }
      : {}),
  });
  const expected = failure ? 'FAILED' : 'SUCCEEDED';
  if (r.status !== expected) {
    throw new Error(`${strategy.name} ${type} @${activationSeconds}s: ${r.status} (expected ${expected}) ${r.error ?? ''} ${r.cause ?? ''}`);
  }
  const detections = detectionsOf(r, { directory: activationSeconds, connector: CONNECTOR_ACTIVE_AFTER_SECONDS });
  const lambdaBilledMs = r.invocations.reduce((sum, i) => sum + billedMs(i.wallMs), 0);
  return {
    directoryType: type,
    activationSeconds,
    failure,
    status: r.status,
    ...(r.error ? { error: r.error } : {}),
    endedAtSeconds: r.simulatedSeconds,
    transitions: r.transitions,
    lambdaRequests: r.invocations.length,
    lambdaBilledMs,
    costUsd: costOf(r.transitions, r.invocations.length, lambdaBilledMs),
    detections,
  };
}

/* ---------------- rows ---------------- */

export interface LatencyStats {
  median: number;
  max: number;
}

export interface DetectionRow {
  strategy: string;
  directoryType: DirectoryType;
  activationMinutes: number;
  runs: number;
  transitionsMedian: number;
  transitionsMax: number;
  directoryLatency: LatencyStats;
  connectorLatency: LatencyStats;
  directoryPollsMedian: number;
  lambdaRequestsMedian: number;
  lambdaBilledMsMedian: number;
  costUsdMedian: number;
  costUsdMax: number;
}

const latencies = (runs: readonly RunRecord[], resource: Resource): number[] =>
  runs.flatMap((r) => r.detections.filter((d) => d.resource === resource).map((d) => d.detectedAtSeconds - d.readyAtSeconds));

const stats = (values: readonly number[]): LatencyStats =>
  values.length === 0 ? { median: Number.NaN, max: Number.NaN } : { median: round(median(values), 1), max: round(Math.max(...values), 1) };

export function rowOf(strategy: Strategy, type: DirectoryType, activationMinutes: number, runs: readonly RunRecord[]): DetectionRow {
  const directoryPolls = runs.map((r) => r.detections.find((d) => d.resource === 'directory')?.polls ?? 0);
  return {
    strategy: strategy.name,
    directoryType: type,
    activationMinutes,
    runs: runs.length,
    transitionsMedian: median(runs.map((r) => r.transitions)),
    transitionsMax: Math.max(...runs.map((r) => r.transitions)),
    directoryLatency: stats(latencies(runs, 'directory')),
    connectorLatency: stats(latencies(runs, 'connector')),
    directoryPollsMedian: median(directoryPolls),
    lambdaRequestsMedian: median(runs.map((r) => r.lambdaRequests)),
    lambdaBilledMsMedian: median(runs.map((r) => r.lambdaBilledMs)),
    costUsdMedian: round(median(runs.map((r) => r.costUsd)), 7),
    costUsdMax: round(Math.max(...runs.map((r) => r.costUsd)), 7),
  };
}

export async function measure(strategy: Strategy, type: DirectoryType, activationMinutes: number): Promise<DetectionRow> {
  const runs: RunRecord[] = [];
  for (const offset of OFFSETS_SECONDS) runs.push(await runOnce(strategy, type, activationMinutes * 60 + offset));
  return rowOf(strategy, type, activationMinutes, runs);
}

export interface FailureRow {
  strategy: string;
  directoryType: DirectoryType;
  /** When the directory went Failed: minute 2 plus offsets inside that minute. */
  failedAtSeconds: number[];
  /** Simulated seconds from the start to the poll that saw Failed, median and max. */
  detectedAt: LatencyStats;
  /** Simulated seconds from the start to the execution's FAILED end, median and max. */
  reportedAt: LatencyStats;
  transitionsMedian: number;
}

/** Failure at minute 2: offsets 0 … 56 s (the first nine of OFFSETS_SECONDS), so it lands anywhere in that minute. */
export async function measureFailure(strategy: Strategy, type: DirectoryType): Promise<FailureRow> {
  const runs: RunRecord[] = [];
  const failedAt = OFFSETS_SECONDS.filter((o) => o < 60).map((o) => FAIL_AFTER_SECONDS + o);
  for (const at of failedAt) runs.push(await runOnce(strategy, type, at, true));
  const detected = runs.map((r) => r.detections.find((d) => d.resource === 'directory')?.detectedAtSeconds ?? Number.NaN);
  return {
    strategy: strategy.name,
    directoryType: type,
    failedAtSeconds: failedAt,
    detectedAt: stats(detected),
    reportedAt: stats(runs.map((r) => r.endedAtSeconds)),
    transitionsMedian: median(runs.map((r) => r.transitions)),
  };
}

/* ---------------- tables ---------------- */

const TYPES: readonly DirectoryType[] = ['SimpleAD', 'MicrosoftAD'];
const usd = (n: number): string => `$${n.toFixed(6)}`;
const lat = (s: LatencyStats): string => `${s.max} / ${s.median}`;

/** One row per (activation time, type): for each strategy, directory latency max/median, transitions, $ per run. */
export function costTable(rows: readonly DetectionRow[], strategies: readonly string[], markdown = false): string {
  const headers = [
    'activation',
    ...strategies.flatMap((s) => [`${s}: latency max / median s`, `${s}: transitions med (max)`, `${s}: $ / provisioning`]),
  ];
  const body: string[][] = [];
  for (const type of TYPES) {
    for (const minutes of [...new Set(rows.map((r) => r.activationMinutes))].sort((a, b) => a - b)) {
      const cells = strategies.map((s) => rows.find((r) => r.strategy === s && r.directoryType === type && r.activationMinutes === minutes));
      if (cells.every((c) => c === undefined)) continue;
      body.push([
        `${minutes} min ${type}`,
        ...cells.flatMap((c) => (c ? [lat(c.directoryLatency), `${c.transitionsMedian} (${c.transitionsMax})`, usd(c.costUsdMedian)] : ['', '', ''])),
      ]);
    }
  }
  return markdown ? markdownTable(headers, body) : table(headers, body);
}

export function failureTable(rows: readonly FailureRow[], markdown = false): string {
  const headers = ['strategy', 'type', 'failed at s', 'seen at s max / median', 'reported FAILED at s max / median', 'transitions med'];
  const body = rows.map((r) => [
    r.strategy,
    r.directoryType,
    `${Math.min(...r.failedAtSeconds)}–${Math.max(...r.failedAtSeconds)}`,
    lat(r.detectedAt),
    lat(r.reportedAt),
    String(r.transitionsMedian),
  ]);
  return markdown ? markdownTable(headers, body) : table(headers, body);
}

/* ---------------- the baseline ---------------- */

export interface PollingBaseline {
  measuredAt: string;
  /** The commit whose src/ was measured (the bench code of that commit measured it). */
  commit: string;
  command: string;
  note: string;
  rows: DetectionRow[];
  failure: FailureRow[];
}

/** Today's schedule and the naive 30 s Wait loop, at the cost table's activation times, both types. */
export async function measureBaseline(): Promise<Pick<PollingBaseline, 'rows' | 'failure'>> {
  const rows: DetectionRow[] = [];
  const failure: FailureRow[] = [];
  const old: Strategy = { ...CHECKED_IN, name: 'old', description: 'the schedule before retry-as-poll (Wait → Task → Choice, windows 9–13 / 33–41 min)' };
  for (const strategy of [old, NAIVE_30S]) {
    for (const type of TYPES) {
      for (const minutes of COST_MINUTES) rows.push(await measure(strategy, type, minutes));
      failure.push(await measureFailure(strategy, type));
    }
  }
  return { rows, failure };
}
