/**
 * Detection latency and cost per provisioning, over the whole range of activation times: the REAL ASL and handlers
 * in the local world (`runInNewWorld`), one world per run with the directory's and the connector's activation
 * (or failure) times set.
 *
 * Per run: state transitions as Step Functions bills them (states entered + retries), every Lambda invocation with
 * its wall time, and the engine's `detections`: per waited resource, when its lifecycle made it ready (or Failed) and
 * when the poll that saw it ran (simulated seconds since the execution started). Latency = detected − ready.
 *
 * Candidate poll intervals run a variant of the checked-in ASL (`transformDefinition`: the poll retriers' interval
 * changed), so no product code changes. The schedule before retry-as-poll and the naive 30 s Wait loop cannot run
 * on this code any more: their figures are the baseline measured at the commit results.json names
 * (`pollingBaseline`).
 */
import { readFileSync } from 'node:fs';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import type { DirectoryType } from '../../src/contract.ts';
import { LONGEST_DEADLINE_SECONDS, POLL_INTERVAL_SECONDS } from '../../src/workflow/retry-policies.ts';
import { NOT_READY_ERRORS } from '../../src/workflow/waits.ts';
import type { DirectoryOutcome } from '../local/emulator/index.ts';
import type { Detection, RunResult } from '../local/engine/execution.ts';
import { runInNewWorld } from '../local/world.ts';
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

/** Activation times, minutes: the whole documented range and beyond (Simple AD ~10, Managed AD 20–45). */
export const GRID_MINUTES: readonly number[] = [5, 10, 15, 20, 30, 40, 50, 60];
/** The rows of the cost table (old vs new vs naive): the baseline's activation times. */
export const COST_MINUTES: readonly number[] = [10, 20, 40, 60];
/**
 * Offsets added to each activation time: 0 … 84 s in 7 s steps (13 runs), so the activation moment falls anywhere
 * in a poll interval up to 90 s and the latency distribution is the real one, not one phase of it.
 */
export const OFFSETS_SECONDS: readonly number[] = Array.from({ length: 13 }, (_, i) => 7 * i);
/** Connector: ACTIVE 120 s after its creation plus the run's offset (the baseline: 120 s in every run). */
export const CONNECTOR_ACTIVE_AFTER_SECONDS = 120;
/** A failing directory goes Failed at minute 2 (plus the offsets of the first minute). */
export const FAIL_AFTER_SECONDS = 120;
/** The deadline of every run: above the 60-min activation plus its offsets (the samples' 60 min would expire). */
export const BENCH_DIRECTORY_TIMEOUT_MINUTES = 90;

/** The goals (max, median latency in s; transitions of the Managed AD Active at 40 min; failure reported by). */
export const GOALS = { latencyMaxSeconds: 90, latencyMedianSeconds: 45, transitionsAt40MinManagedAd: 90, failureReportedBySeconds: 240 } as const;
/**
 * What the simulation must show for an interval to be chosen: the goals minus 10 s / 5 s for what it leaves out (the
 * Lambda's run time and Step Functions' scheduling between two attempts, both per poll on AWS).
 */
export const MARGIN_GOALS = { latencyMaxSeconds: 80, latencyMedianSeconds: 40 } as const;

const ROOT = new URL('../../', import.meta.url);
export const SAMPLE_INPUT: Record<DirectoryType, string> = {
  SimpleAD: 'events/execution-input-simple-ad.json',
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
  /** The poll interval it runs with. */
  intervalSeconds: number;
  /** A variant of the checked-in ASL (undefined: the checked-in one). */
  transformDefinition?: (definition: StateMachineDefinition) => StateMachineDefinition;
}

export const CHECKED_IN: Strategy = {
  name: 'new',
  description: `retry-as-poll every ${POLL_INTERVAL_SECONDS} s (src/workflow/retry-policies.ts), one transition per poll`,
  intervalSeconds: POLL_INTERVAL_SECONDS,
};

const POLL_NAMES: ReadonlySet<string> = new Set(NOT_READY_ERRORS);

/** The checked-in ASL with every poll retrier at `seconds` (backstop rescaled to the longest deadline). */
export function intervalCandidate(seconds: number): Strategy {
  if (seconds === POLL_INTERVAL_SECONDS) return { ...CHECKED_IN, name: `every ${seconds} s` };
  return {
    name: `every ${seconds} s`,
    description: `retry-as-poll every ${seconds} s (the checked-in ASL with the poll retriers changed)`,
    intervalSeconds: seconds,
    transformDefinition: (def) => {
      const copy = JSON.parse(JSON.stringify(def)) as { States: Record<string, { Retry?: Record<string, unknown>[] }> };
      for (const state of Object.values(copy.States)) {
        for (const r of state.Retry ?? []) {
          if (!(r['ErrorEquals'] as string[]).some((e) => POLL_NAMES.has(e))) continue;
          r['IntervalSeconds'] = seconds;
          r['MaxDelaySeconds'] = seconds;
          r['MaxAttempts'] = Math.ceil(LONGEST_DEADLINE_SECONDS / seconds) + 5;
        }
      }
      return copy as unknown as StateMachineDefinition;
    },
  };
}

/** The fixed intervals measured before choosing POLL_INTERVAL_SECONDS. */
export const CANDIDATE_INTERVALS: readonly number[] = [30, 45, 60, 75, 80, 90];

/* ---------------- one run ---------------- */

export type Resource = Detection['resource'];

export interface RunRecord {
  directoryType: DirectoryType;
  /** Seconds from the directory's creation to Active (or to Failed in a failure run). */
  activationSeconds: number;
  connectorActivationSeconds: number;
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
 * The engine's detections, checked against the invocations: with a deterministic emulator and no faults, the poll
 * that saw a resource is the first one at or after its ready time.
 */
const checkedDetections = (r: RunResult, label: string): Detection[] => {
  for (const d of r.detections) {
    if (d.readyAtSeconds === null || d.detectedAtSeconds === null) throw new Error(`${label}: ${d.resource} not detected`);
    const ready = d.readyAtSeconds;
    const first = r.invocations.find((i) => i.polled?.resource === d.resource && i.simulatedSeconds >= ready);
    if (first?.simulatedSeconds !== d.detectedAtSeconds) {
      throw new Error(`${label}: ${d.resource} detected at ${d.detectedAtSeconds}, first poll after ${ready} at ${first?.simulatedSeconds}`);
    }
  }
  return r.detections;
};

export async function runOnce(strategy: Strategy, type: DirectoryType, activationSeconds: number, connectorActivationSeconds: number, failure = false): Promise<RunRecord> {
  const directoryOutcome: DirectoryOutcome | undefined = failure
    ? { stage: 'Failed', reason: 'Directory creation failed: insufficient free IP addresses in the subnets (bench)', afterSeconds: activationSeconds }
    : undefined;
  const label = `${strategy.name} ${type} @${activationSeconds}s${failure ? ' (failure)' : ''}`;
  const world = {
    emulator: {
      directoryActiveAfterSeconds: activationSeconds,
      connectorActiveAfterSeconds: connectorActivationSeconds,
      ...(directoryOutcome ? { directoryOutcome } : {}),
    },
  };
  const r = await runInNewWorld(world, {
    input: inputFor(type),
    ...(strategy.transformDefinition ? { transformDefinition: strategy.transformDefinition } : {}),
  });
  const expected = failure ? 'FAILED' : 'SUCCEEDED';
  if (r.status !== expected) throw new Error(`${label}: ${r.status} (expected ${expected}) ${r.error ?? ''} ${r.cause ?? ''}`);
  const lambdaBilledMs = r.invocations.reduce((sum, i) => sum + billedMs(i.wallMs), 0);
  return {
    directoryType: type,
    activationSeconds,
    connectorActivationSeconds,
    failure,
    status: r.status,
    ...(r.error ? { error: r.error } : {}),
    endedAtSeconds: r.simulatedSeconds,
    transitions: r.transitions,
    lambdaRequests: r.invocations.length,
    lambdaBilledMs,
    costUsd: costOf(r.transitions, r.invocations.length, lambdaBilledMs),
    detections: checkedDetections(r, label),
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

const latencies = (runs: readonly RunRecord[], ...resources: Resource[]): number[] =>
  runs.flatMap((r) =>
    r.detections.filter((d) => resources.includes(d.resource)).map((d) => (d.detectedAtSeconds ?? Number.NaN) - (d.readyAtSeconds ?? Number.NaN)),
  );

/** The waited resources after the directory: the registration, the connector and its SPN (none without a Connector). */
const CONNECTOR_SIDE: readonly Resource[] = ['directoryRegistration', 'connector', 'servicePrincipalName'];

const stats = (values: readonly number[]): LatencyStats =>
  values.length === 0 ? { median: Number.NaN, max: Number.NaN } : { median: round(median(values), 1), max: round(Math.max(...values), 1) };

export function rowOf(strategy: string, type: DirectoryType, activationMinutes: number, runs: readonly RunRecord[]): DetectionRow {
  const directoryPolls = runs.map((r) => r.detections.find((d) => d.resource === 'directory')?.polls ?? 0);
  return {
    strategy,
    directoryType: type,
    activationMinutes,
    runs: runs.length,
    transitionsMedian: median(runs.map((r) => r.transitions)),
    transitionsMax: Math.max(...runs.map((r) => r.transitions)),
    directoryLatency: stats(latencies(runs, 'directory')),
    connectorLatency: stats(latencies(runs, ...CONNECTOR_SIDE)),
    directoryPollsMedian: median(directoryPolls),
    lambdaRequestsMedian: median(runs.map((r) => r.lambdaRequests)),
    lambdaBilledMsMedian: median(runs.map((r) => r.lambdaBilledMs)),
    costUsdMedian: round(median(runs.map((r) => r.costUsd)), 7),
    costUsdMax: round(Math.max(...runs.map((r) => r.costUsd)), 7),
  };
}

/** One activation time, both offsets spread: the directory at minutes + offset, the connector at 120 s + offset. */
export async function measure(strategy: Strategy, type: DirectoryType, activationMinutes: number): Promise<DetectionRow> {
  const runs: RunRecord[] = [];
  for (const offset of OFFSETS_SECONDS) {
    runs.push(await runOnce(strategy, type, activationMinutes * 60 + offset, CONNECTOR_ACTIVE_AFTER_SECONDS + offset));
  }
  return rowOf(strategy.name, type, activationMinutes, runs);
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
  for (const at of failedAt) runs.push(await runOnce(strategy, type, at, CONNECTOR_ACTIVE_AFTER_SECONDS, true));
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

/* ---------------- the whole measurement ---------------- */

export const TYPES: readonly DirectoryType[] = ['SimpleAD', 'MicrosoftAD'];

export interface CandidateSummary {
  strategy: string;
  intervalSeconds: number;
  /** The worst row of the grid, both types (directory), and the connector's worst. */
  directoryLatency: LatencyStats;
  connectorLatency: LatencyStats;
  /** Managed AD Active at 40 min: transitions median (max) and $ median. */
  transitionsAt40MinManagedAd: { median: number; max: number };
  costUsdAt40MinManagedAd: number;
  meetsGoals: boolean;
  meetsMargin: boolean;
}

/** Nothing of that kind was waited for (NaN here, null once written to results.json). */
const missing = (l: LatencyStats): boolean => typeof l.max !== 'number' || Number.isNaN(l.max);

/** The worst over the rows that have the resource (a directory-only run has no connector side: NaN, left out). */
const worst = (rows: readonly DetectionRow[], pick: (r: DetectionRow) => LatencyStats): LatencyStats => {
  const measured = rows.map(pick).filter((l) => !missing(l));
  return measured.length === 0
    ? { median: Number.NaN, max: Number.NaN }
    : { median: Math.max(...measured.map((l) => l.median)), max: Math.max(...measured.map((l) => l.max)) };
};

export function summarise(strategy: Strategy, rows: readonly DetectionRow[]): CandidateSummary {
  const directoryLatency = worst(rows, (r) => r.directoryLatency);
  const connectorLatency = worst(rows, (r) => r.connectorLatency);
  const at40 = rows.find((r) => r.directoryType === 'MicrosoftAD' && r.activationMinutes === 40);
  // NaN: nothing of that kind was waited for (no connector side), so no goal to miss.
  const within = (l: LatencyStats, g: { latencyMaxSeconds: number; latencyMedianSeconds: number }) =>
    missing(l) || (l.max <= g.latencyMaxSeconds && l.median <= g.latencyMedianSeconds);
  const transitionsOk = (at40?.transitionsMax ?? Infinity) <= GOALS.transitionsAt40MinManagedAd;
  return {
    strategy: strategy.name,
    intervalSeconds: strategy.intervalSeconds,
    directoryLatency,
    connectorLatency,
    transitionsAt40MinManagedAd: { median: at40?.transitionsMedian ?? Number.NaN, max: at40?.transitionsMax ?? Number.NaN },
    costUsdAt40MinManagedAd: at40?.costUsdMedian ?? Number.NaN,
    meetsGoals: within(directoryLatency, GOALS) && within(connectorLatency, GOALS) && transitionsOk,
    meetsMargin: within(directoryLatency, MARGIN_GOALS) && within(connectorLatency, MARGIN_GOALS) && transitionsOk,
  };
}

export async function measureGrid(strategy: Strategy, minutes: readonly number[] = GRID_MINUTES): Promise<DetectionRow[]> {
  const rows: DetectionRow[] = [];
  for (const type of TYPES) for (const m of minutes) rows.push(await measure(strategy, type, m));
  return rows;
}

/** The largest (cheapest) interval whose grid meets the margin goals; undefined when none does. */
export const chooseInterval = (candidates: readonly CandidateSummary[]): CandidateSummary | undefined =>
  [...candidates].filter((c) => c.meetsMargin).sort((a, b) => b.intervalSeconds - a.intervalSeconds)[0];

/* ---------------- tables ---------------- */

const usd = (n: number): string => `$${n.toFixed(6)}`;
const lat = (s: LatencyStats): string => (missing(s) ? '–' : `${s.max} / ${s.median}`);
const sortedMinutes = (rows: readonly DetectionRow[]): number[] => [...new Set(rows.map((r) => r.activationMinutes))].sort((a, b) => a - b);

/** One row per (activation time, type): for each strategy, directory latency max/median, transitions, $ per run. */
export function costTable(
  rows: readonly DetectionRow[],
  strategies: readonly string[],
  markdown = false,
  types: readonly DirectoryType[] = TYPES,
): string {
  const headers = [
    'activation',
    ...strategies.flatMap((s) => [`${s}: latency max / median s`, `${s}: transitions med (max)`, `${s}: $ / provisioning`]),
  ];
  const body: string[][] = [];
  for (const type of types) {
    for (const minutes of sortedMinutes(rows)) {
      const cells = strategies.map((s) => rows.find((r) => r.strategy === s && r.directoryType === type && r.activationMinutes === minutes));
      if (cells.some((c) => c === undefined)) continue;
      body.push([
        `${minutes} min ${type}`,
        ...cells.flatMap((c) => (c ? [lat(c.directoryLatency), `${c.transitionsMedian} (${c.transitionsMax})`, usd(c.costUsdMedian)] : [])),
      ]);
    }
  }
  return markdown ? markdownTable(headers, body) : table(headers, body);
}

/** The checked-in strategy over the whole grid: both resources' latency, transitions, $, Lambda share. */
export function gridTable(rows: readonly DetectionRow[], markdown = false): string {
  const headers = [
    'activation', 'directory latency max / median s', 'registration, connector, SPN latency max / median s', 'transitions med (max)',
    'directory polls med', '$ / provisioning med', 'of which Lambda', 'goals (90 / 45 s)',
  ];
  const body: string[][] = [];
  for (const type of TYPES) {
    for (const minutes of sortedMinutes(rows)) {
      const r = rows.find((x) => x.directoryType === type && x.activationMinutes === minutes);
      if (!r) continue;
      const lambda = costOf(0, r.lambdaRequestsMedian, r.lambdaBilledMsMedian);
      const ok = [r.directoryLatency, r.connectorLatency].every(
        (l) => missing(l) || (l.max <= GOALS.latencyMaxSeconds && l.median <= GOALS.latencyMedianSeconds),
      );
      body.push([
        `${minutes} min ${type}`, lat(r.directoryLatency), lat(r.connectorLatency), `${r.transitionsMedian} (${r.transitionsMax})`,
        String(r.directoryPollsMedian), usd(r.costUsdMedian), usd(lambda), ok ? 'met' : 'NOT MET',
      ]);
    }
  }
  return markdown ? markdownTable(headers, body) : table(headers, body);
}

export function candidatesTable(rows: readonly CandidateSummary[], markdown = false): string {
  const headers = [
    'interval', 'directory latency worst max / median s', 'registration, connector, SPN latency worst max / median s',
    'Managed AD @40 min transitions med (max)', 'Managed AD @40 min $', 'goals 90 / 45 s, ≤ 90 transitions', 'with margin 80 / 40 s',
  ];
  const body = rows.map((c) => [
    `${c.intervalSeconds} s`, lat(c.directoryLatency), lat(c.connectorLatency),
    `${c.transitionsAt40MinManagedAd.median} (${c.transitionsAt40MinManagedAd.max})`, usd(c.costUsdAt40MinManagedAd),
    c.meetsGoals ? 'met' : 'no', c.meetsMargin ? 'met' : 'no',
  ]);
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

/* ---------------- results ---------------- */

export interface PollingBaseline {
  measuredAt: string;
  /** The commit whose src/ was measured (the bench code of that commit measured it). */
  commit: string;
  command: string;
  note: string;
  rows: DetectionRow[];
  failure: FailureRow[];
}

export interface PollingResults {
  intervalSeconds: number;
  goals: typeof GOALS;
  marginGoals: typeof MARGIN_GOALS;
  prices: typeof PRICES;
  offsetsSeconds: readonly number[];
  benchDirectoryTimeoutMinutes: number;
  /** The checked-in strategy over GRID_MINUTES, both types. */
  rows: DetectionRow[];
  failure: FailureRow[];
  candidates: CandidateSummary[];
  /** The interval the measurement picks (must be the checked-in one). */
  chosenIntervalSeconds: number | null;
}

export async function benchDetection(opts: { candidates: boolean; minutes?: readonly number[] }): Promise<PollingResults> {
  const rows = await measureGrid(CHECKED_IN, opts.minutes);
  const failure: FailureRow[] = [];
  for (const type of TYPES) failure.push(await measureFailure(CHECKED_IN, type));
  const candidates: CandidateSummary[] = [];
  if (opts.candidates) {
    for (const seconds of CANDIDATE_INTERVALS) {
      const strategy = intervalCandidate(seconds);
      const measured = seconds === POLL_INTERVAL_SECONDS ? rows : await measureGrid(strategy, opts.minutes);
      candidates.push(summarise(strategy, measured));
    }
  }
  return {
    intervalSeconds: POLL_INTERVAL_SECONDS,
    goals: GOALS,
    marginGoals: MARGIN_GOALS,
    prices: PRICES,
    offsetsSeconds: OFFSETS_SECONDS,
    benchDirectoryTimeoutMinutes: BENCH_DIRECTORY_TIMEOUT_MINUTES,
    rows,
    failure,
    candidates,
    chosenIntervalSeconds: chooseInterval(candidates)?.intervalSeconds ?? null,
  };
}
