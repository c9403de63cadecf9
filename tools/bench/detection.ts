/**
 * Detection latency and cost per provisioning, over the whole range of activation times: the REAL ASL and handlers
 * in the local world (`runInNewWorld`), one world per run with the directory's and the connector's activation
 * (or failure) times set.
 *
 * Per run: state transitions as Step Functions bills them (states entered + retries), every Lambda invocation with
 * its wall time, and the engine's `detections`: per waited resource, when its lifecycle made it ready (or Failed) and
 * when the poll that saw it ran (simulated seconds since the execution started). Latency = detected − ready.
 *
 * Candidate poll intervals, a pair (the directory's, the waits' after it), run a variant of the checked-in ASL
 * (`transformDefinition`: the poll retriers' intervals changed), so no product code changes. Each is also run once on
 * the default sample in the default local world (`npm start`): the sum of its waits' detection latencies. The schedule before retry-as-poll and the naive 30 s Wait loop cannot run
 * on this code any more: their figures are the baseline measured at the commit results.json names
 * (`pollingBaseline`).
 */
import { readFileSync } from 'node:fs';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import type { DirectoryType } from '../../src/contract.ts';
import { pollMaxAttempts } from '../../src/workflow/retry-policies.ts';
import { CONNECTOR_POLL_INTERVAL_SECONDS, DIRECTORY_POLL_INTERVAL_SECONDS, NOT_READY_ERRORS, waitedResource } from '../../src/workflow/waits.ts';
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

/**
 * The goals: the default sample's summed detection latency (its five waits), the directory's latency at any
 * activation time (the grid's max, both types), the transitions of a Managed AD Active at 40 min (max over the
 * offsets, everything included), and when a directory failed at minute 2 is reported FAILED.
 */
export const GOALS = { sampleLatencySumSeconds: 60, directoryLatencyMaxSeconds: 60, transitionsAt40MinManagedAd: 90, failureReportedBySeconds: 240 } as const;
/**
 * What the simulation must show for a pair to be chosen: the latency goals minus 10 s for what it leaves out, the
 * Lambda's run time and Step Functions' scheduling of the next attempt (per poll on AWS): 2 s for each of the
 * sample's five detecting polls, 10 s for the directory's. Transitions need no margin: they are exact.
 */
export const MARGIN_GOALS = { sampleLatencySumSeconds: 50, directoryLatencyMaxSeconds: 50 } as const;

const ROOT = new URL('../../', import.meta.url);
export const SAMPLE_INPUT: Record<DirectoryType, string> = {
  SimpleAD: 'events/execution-input-simple-ad.json',
  MicrosoftAD: 'events/execution-input-microsoft-ad.json',
};
/** The default sample (`npm start` runs it): a Managed AD, a connector and a template naming a group. */
export const DEFAULT_SAMPLE_INPUT = 'events/execution-input.json';
const inputFor = (type: DirectoryType): unknown => {
  const input = JSON.parse(readFileSync(new URL(SAMPLE_INPUT[type], ROOT), 'utf8')) as { Options?: Record<string, number> };
  return { ...input, Options: { ...input.Options, DirectoryTimeoutMinutes: BENCH_DIRECTORY_TIMEOUT_MINUTES } };
};

/* ---------------- strategies ---------------- */

/** Poll intervals: the directory's, and that of the waits after it (data access, registration, connector, SPN). */
export interface PollIntervals {
  directorySeconds: number;
  connectorSeconds: number;
}

export interface Strategy {
  name: string;
  description: string;
  intervals: PollIntervals;
  /** A variant of the checked-in ASL (undefined: the checked-in one). */
  transformDefinition?: (definition: StateMachineDefinition) => StateMachineDefinition;
}

export const CHECKED_IN_INTERVALS: PollIntervals = {
  directorySeconds: DIRECTORY_POLL_INTERVAL_SECONDS,
  connectorSeconds: CONNECTOR_POLL_INTERVAL_SECONDS,
};
const pairName = (i: PollIntervals): string => `${i.directorySeconds} s / ${i.connectorSeconds} s`;
const samePair = (a: PollIntervals, b: PollIntervals): boolean =>
  a.directorySeconds === b.directorySeconds && a.connectorSeconds === b.connectorSeconds;

export const CHECKED_IN: Strategy = {
  name: 'new',
  description: `retry-as-poll, the directory every ${DIRECTORY_POLL_INTERVAL_SECONDS} s, the waits after it every ${CONNECTOR_POLL_INTERVAL_SECONDS} s (src/workflow/waits.ts), one transition per poll`,
  intervals: CHECKED_IN_INTERVALS,
};

const POLL_NAMES: ReadonlySet<string> = new Set(NOT_READY_ERRORS);
const DIRECTORY_NOT_READY = waitedResource('directory').notReady;

/** The checked-in ASL with the directory's poll retrier at one interval and the other waits' at the other. */
export function intervalCandidate(intervals: PollIntervals): Strategy {
  if (samePair(intervals, CHECKED_IN_INTERVALS)) return { ...CHECKED_IN, name: pairName(intervals) };
  return {
    name: pairName(intervals),
    description: `retry-as-poll every ${pairName(intervals)} (the checked-in ASL with the poll retriers changed)`,
    intervals,
    transformDefinition: (def) => {
      const copy = JSON.parse(JSON.stringify(def)) as { States: Record<string, { Retry?: Record<string, unknown>[] }> };
      for (const state of Object.values(copy.States)) {
        for (const r of state.Retry ?? []) {
          const names = r['ErrorEquals'] as string[];
          if (!names.some((e) => POLL_NAMES.has(e))) continue;
          const seconds = names.includes(DIRECTORY_NOT_READY) ? intervals.directorySeconds : intervals.connectorSeconds;
          r['IntervalSeconds'] = seconds;
          r['MaxDelaySeconds'] = seconds;
          r['MaxAttempts'] = pollMaxAttempts(seconds);
        }
      }
      return copy as unknown as StateMachineDefinition;
    },
  };
}

/**
 * The pairs measured to choose the checked-in one: around it, one step each way on each side (a larger directory
 * interval, a larger interval after it, a smaller of each).
 */
export const CANDIDATE_PAIRS: readonly PollIntervals[] = [
  { directorySeconds: 45, connectorSeconds: 30 },
  { directorySeconds: 50, connectorSeconds: 15 },
  { directorySeconds: 50, connectorSeconds: 30 },
  { directorySeconds: 50, connectorSeconds: 45 },
  { directorySeconds: 55, connectorSeconds: 30 },
  { directorySeconds: 60, connectorSeconds: 30 },
];

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

/**
 * The waited resources after the directory: Directory Service Data access (only for a template naming a group), the
 * registration, the connector and its SPN (none without a Connector).
 */
const CONNECTOR_SIDE: readonly Resource[] = ['directoryDataAccess', 'directoryRegistration', 'connector', 'servicePrincipalName'];

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

/* ---------------- the default sample ---------------- */

export interface SampleRun {
  /** Each wait's detection latency, in the order waited (`npm start -- --json`'s detections). */
  latencies: { resource: Resource; seconds: number }[];
  latencySumSeconds: number;
  transitions: number;
}

/** The default sample in the default local world, as `npm start` runs it: its waits' detection latencies. */
export async function measureSample(strategy: Strategy): Promise<SampleRun> {
  const input: unknown = JSON.parse(readFileSync(new URL(DEFAULT_SAMPLE_INPUT, ROOT), 'utf8'));
  const r = await runInNewWorld({}, { input, ...(strategy.transformDefinition ? { transformDefinition: strategy.transformDefinition } : {}) });
  if (r.status !== 'SUCCEEDED') throw new Error(`${strategy.name} default sample: ${r.status} ${r.error ?? ''} ${r.cause ?? ''}`);
  const latencies = checkedDetections(r, `${strategy.name} default sample`).map((d) => ({
    resource: d.resource,
    seconds: (d.detectedAtSeconds ?? Number.NaN) - (d.readyAtSeconds ?? Number.NaN),
  }));
  return { latencies, latencySumSeconds: latencies.reduce((sum, l) => sum + l.seconds, 0), transitions: r.transitions };
}

/* ---------------- the whole measurement ---------------- */

export const TYPES: readonly DirectoryType[] = ['SimpleAD', 'MicrosoftAD'];

export interface CandidateSummary {
  strategy: string;
  intervals: PollIntervals;
  /** The worst row of the grid, both types (directory), and the waits' after it. */
  directoryLatency: LatencyStats;
  connectorLatency: LatencyStats;
  /** The default sample: its five waits' detection latencies summed. */
  sampleLatencySumSeconds: number;
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

export function summarise(strategy: Strategy, rows: readonly DetectionRow[], sample: SampleRun): CandidateSummary {
  const directoryLatency = worst(rows, (r) => r.directoryLatency);
  const connectorLatency = worst(rows, (r) => r.connectorLatency);
  const at40 = rows.find((r) => r.directoryType === 'MicrosoftAD' && r.activationMinutes === 40);
  const within = (g: { sampleLatencySumSeconds: number; directoryLatencyMaxSeconds: number }) =>
    sample.latencySumSeconds <= g.sampleLatencySumSeconds && directoryLatency.max <= g.directoryLatencyMaxSeconds;
  const transitionsOk = (at40?.transitionsMax ?? Infinity) <= GOALS.transitionsAt40MinManagedAd;
  return {
    strategy: strategy.name,
    intervals: strategy.intervals,
    directoryLatency,
    connectorLatency,
    sampleLatencySumSeconds: sample.latencySumSeconds,
    transitionsAt40MinManagedAd: { median: at40?.transitionsMedian ?? Number.NaN, max: at40?.transitionsMax ?? Number.NaN },
    costUsdAt40MinManagedAd: at40?.costUsdMedian ?? Number.NaN,
    meetsGoals: within(GOALS) && transitionsOk,
    meetsMargin: within(MARGIN_GOALS) && transitionsOk,
  };
}

export async function measureGrid(strategy: Strategy, minutes: readonly number[] = GRID_MINUTES): Promise<DetectionRow[]> {
  const rows: DetectionRow[] = [];
  for (const type of TYPES) for (const m of minutes) rows.push(await measure(strategy, type, m));
  return rows;
}

/**
 * The cheapest pair that meets the margin goals: fewest transitions of the Managed AD at 40 min (max), then $; undefined
 * when none does.
 */
export const choosePair = (candidates: readonly CandidateSummary[]): CandidateSummary | undefined =>
  [...candidates]
    .filter((c) => c.meetsMargin)
    .sort(
      (a, b) =>
        a.transitionsAt40MinManagedAd.max - b.transitionsAt40MinManagedAd.max ||
        a.costUsdAt40MinManagedAd - b.costUsdAt40MinManagedAd ||
        b.intervals.directorySeconds - a.intervals.directorySeconds,
    )[0];

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
    'directory polls med', '$ / provisioning med', 'of which Lambda', `directory ≤ ${GOALS.directoryLatencyMaxSeconds} s`,
  ];
  const body: string[][] = [];
  for (const type of TYPES) {
    for (const minutes of sortedMinutes(rows)) {
      const r = rows.find((x) => x.directoryType === type && x.activationMinutes === minutes);
      if (!r) continue;
      const lambda = costOf(0, r.lambdaRequestsMedian, r.lambdaBilledMsMedian);
      const ok = r.directoryLatency.max <= GOALS.directoryLatencyMaxSeconds;
      body.push([
        `${minutes} min ${type}`, lat(r.directoryLatency), lat(r.connectorLatency), `${r.transitionsMedian} (${r.transitionsMax})`,
        String(r.directoryPollsMedian), usd(r.costUsdMedian), usd(lambda), ok ? 'met' : 'NOT MET',
      ]);
    }
  }
  return markdown ? markdownTable(headers, body) : table(headers, body);
}

export function candidatesTable(rows: readonly CandidateSummary[], markdown = false): string {
  const g = GOALS;
  const m = MARGIN_GOALS;
  const headers = [
    'directory / after it', 'default sample: summed latency s', 'directory latency worst max / median s',
    'registration, connector, SPN latency worst max / median s', 'Managed AD @40 min transitions med (max)', 'Managed AD @40 min $',
    `goals ≤ ${g.sampleLatencySumSeconds} s, ≤ ${g.directoryLatencyMaxSeconds} s, ≤ ${g.transitionsAt40MinManagedAd}`,
    `with margin ≤ ${m.sampleLatencySumSeconds} s, ≤ ${m.directoryLatencyMaxSeconds} s`,
  ];
  const body = rows.map((c) => [
    pairName(c.intervals), String(c.sampleLatencySumSeconds), lat(c.directoryLatency), lat(c.connectorLatency),
    `${c.transitionsAt40MinManagedAd.median} (${c.transitionsAt40MinManagedAd.max})`, usd(c.costUsdAt40MinManagedAd),
    c.meetsGoals ? 'met' : 'no', c.meetsMargin ? 'met' : 'no',
  ]);
  return markdown ? markdownTable(headers, body) : table(headers, body);
}

/** The default sample's waits: each detection latency and their sum. */
export function sampleTable(sample: SampleRun, markdown = false): string {
  const headers = [...sample.latencies.map((l) => `${l.resource} s`), 'sum s', 'transitions'];
  const body = [[...sample.latencies.map((l) => String(l.seconds)), String(sample.latencySumSeconds), String(sample.transitions)]];
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
  intervals: PollIntervals;
  goals: typeof GOALS;
  marginGoals: typeof MARGIN_GOALS;
  prices: typeof PRICES;
  offsetsSeconds: readonly number[];
  benchDirectoryTimeoutMinutes: number;
  /** The checked-in strategy over GRID_MINUTES, both types. */
  rows: DetectionRow[];
  failure: FailureRow[];
  /** The checked-in strategy on the default sample. */
  sample: SampleRun;
  candidates: CandidateSummary[];
  /** The pair the measurement picks (must be the checked-in one). */
  chosen: PollIntervals | null;
}

export async function benchDetection(opts: { candidates: boolean; minutes?: readonly number[] }): Promise<PollingResults> {
  const rows = await measureGrid(CHECKED_IN, opts.minutes);
  const failure: FailureRow[] = [];
  for (const type of TYPES) failure.push(await measureFailure(CHECKED_IN, type));
  const sample = await measureSample(CHECKED_IN);
  const candidates: CandidateSummary[] = [];
  if (opts.candidates) {
    for (const pair of CANDIDATE_PAIRS) {
      const strategy = intervalCandidate(pair);
      const checkedIn = samePair(pair, CHECKED_IN_INTERVALS);
      const measured = checkedIn ? rows : await measureGrid(strategy, opts.minutes);
      candidates.push(summarise(strategy, measured, checkedIn ? sample : await measureSample(strategy)));
    }
  }
  return {
    intervals: CHECKED_IN_INTERVALS,
    goals: GOALS,
    marginGoals: MARGIN_GOALS,
    prices: PRICES,
    offsetsSeconds: OFFSETS_SECONDS,
    benchDirectoryTimeoutMinutes: BENCH_DIRECTORY_TIMEOUT_MINUTES,
    rows,
    failure,
    sample,
    candidates,
    chosen: choosePair(candidates)?.intervals ?? null,
  };
}
