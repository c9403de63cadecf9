/**
 * Polling cost vs reaction: the REAL ASL and handlers in the local world (`runProvisioning`), one emulator per run with
 * the directory's activation time set, for the project's poll schedule (src/domain/polling.ts), a naive fixed 30 s
 * poll, and the candidate schedules measured while choosing the project's.
 *
 * Other strategies are emulated without touching product code: `wrapHandler` rewrites `WaitSeconds` in the poll
 * state the poll handlers return (CreateDirectory / GetDirectoryStage, and for fixed-30s also CreateConnector /
 * GetConnectorStatus). The handlers still compute ElapsedSeconds/PollRound/timeouts from the rewritten waits, so the
 * Wait states pause exactly what the strategy says.
 *
 * Transitions are the engine's count from the execution's event log (states entered + retries, as Step Functions
 * bills them). Detection latency = simulated time at which the step after the directory loop (CreateConnector) starts
 * minus the moment the directory became Active (CreateDirectory's start + the activation time), i.e. how late the
 * GetDirectoryStage poll that saw Active was.
 */
import { readFileSync } from 'node:fs';
import type { DirectoryPollState, DirectoryType } from '../../src/contract.ts';
import { loadSeed, DEFAULT_SEED_PATH } from '../local/emulator/index.ts';
import { runProvisioning } from '../local/engine.ts';
import type { LocalTaskHandler, RunResult } from '../local/engine.ts';
import { markdownTable, median, percentile, round, table } from './stats.ts';

/** Standard workflows: $0.025 per 1,000 state transitions (retries count). */
export const USD_PER_TRANSITION = 0.025 / 1000;
/** Connector ~2 min to ACTIVE in every scenario. */
export const CONNECTOR_ACTIVE_AFTER_SECONDS = 120;
/** Activation times are spread around each nominal time: -60 s … +60 s in 10 s steps (13 runs). */
export const OFFSETS_SECONDS: readonly number[] = Array.from({ length: 13 }, (_, i) => -60 + 10 * i);

const ROOT = new URL('../../', import.meta.url);
const inputFor = (type: DirectoryType): unknown =>
  JSON.parse(
    readFileSync(new URL(type === 'SimpleAD' ? 'events/execution-input.json' : 'events/execution-input-microsoft-ad.json', ROOT), 'utf8'),
  );

export interface Scenario {
  directoryType: DirectoryType;
  activationMinutes: number;
}
/** 9 and 13 min: Simple AD (its documented ~9–13 min); 37 min: Managed Microsoft AD (~37 min). */
export const SCENARIOS: readonly Scenario[] = [
  { directoryType: 'SimpleAD', activationMinutes: 9 },
  { directoryType: 'SimpleAD', activationMinutes: 13 },
  { directoryType: 'MicrosoftAD', activationMinutes: 37 },
];

/** A directory schedule expressed on the poll state the handlers return (for candidates emulated by wrapping). */
export interface DirectorySchedule {
  initial(type: DirectoryType): number;
  /** Next wait after a poll that saw an in-progress stage; `s` already has the new Stage/PollRound/ElapsedSeconds. */
  next(s: DirectoryPollState): number;
}

export interface Strategy {
  name: string;
  description: string;
  /** Rewrites the WaitSeconds of a handler's output in place (undefined: the project's schedule, untouched). */
  rewrite?: (state: string, output: Record<string, unknown>) => void;
}

const POLL_STATES_DIRECTORY = new Set(['CreateDirectory', 'GetDirectoryStage']);
const POLL_STATES_CONNECTOR = new Set(['CreateConnector', 'GetConnectorStatus']);

export const FIXED_30S: Strategy = {
  name: 'fixed-30s',
  description: 'naive: every wait (directory and connector) is 30 s',
  rewrite: (state, out) => {
    if ((POLL_STATES_DIRECTORY.has(state) || POLL_STATES_CONNECTOR.has(state)) && Number(out.WaitSeconds) > 0) out.WaitSeconds = 30;
  },
};

export const PROJECT: Strategy = { name: 'project', description: 'src/domain/polling.ts as checked in' };

/** A candidate directory schedule; the connector keeps the project's schedule. */
export function directoryCandidate(name: string, description: string, schedule: DirectorySchedule): Strategy {
  return {
    name,
    description,
    rewrite: (state, out) => {
      if (!POLL_STATES_DIRECTORY.has(state) || !(Number(out.WaitSeconds) > 0)) return;
      const s = out as unknown as DirectoryPollState;
      out.WaitSeconds = state === 'CreateDirectory' ? (s.Adopted ? s.WaitSeconds : schedule.initial(s.DirectoryType)) : schedule.next(s);
    },
  };
}

const backoff = (round: number, first: number, step: number, cap: number): number => Math.min(first + step * Math.max(0, round - 1), cap);

/** Typical windows: Simple AD 9–13 min, Managed Microsoft AD 37 ± 4 min. */
const WINDOW_9_13: Record<DirectoryType, [number, number]> = { SimpleAD: [540, 780], MicrosoftAD: [1980, 2460] };
const WINDOW_8_13: Record<DirectoryType, [number, number]> = { SimpleAD: [480, 780], MicrosoftAD: [1800, 2460] };

/**
 * The project's strategy, parameterised (src/domain/polling.ts implements windowed(WINDOW_9_13, 60, 30)).
 * First poll at the window start, every `every` s inside the window, then 60 → +30 → 120 s after it. Stage `Created`
 * (the last step before Active) is polled after `created` s (undefined: the stage is ignored).
 */
const windowed = (win: Record<DirectoryType, [number, number]>, every: number, created: number | undefined): DirectorySchedule => ({
  initial: (type) => win[type][0],
  next: (s) => {
    const [start, end] = win[s.DirectoryType];
    const e = s.ElapsedSeconds;
    const wait = e < start ? start - e : e < end ? Math.min(every, end - e) : backoff(Math.floor((e - end) / 60) + 1, 60, 30, 120);
    return s.Stage === 'Created' && created !== undefined ? Math.min(wait, created) : wait;
  },
});

/** The candidates measured while choosing the schedule (docs/performance.md). */
export const CANDIDATES: readonly Strategy[] = [
  directoryCandidate('v0-backoff', 'the previous schedule: first poll at 8 / 30 min, then 60 → +30 → 120 s; Created 30 s', {
    initial: (type) => (type === 'SimpleAD' ? 480 : 1800),
    next: (s) => (s.Stage === 'Created' ? Math.min(30, backoff(s.PollRound, 60, 30, 120)) : backoff(s.PollRound, 60, 30, 120)),
  }),
  directoryCandidate('v0-backoff-blind', 'v0-backoff ignoring the Created stage (time only)', {
    initial: (type) => (type === 'SimpleAD' ? 480 : 1800),
    next: (s) => backoff(s.PollRound, 60, 30, 120),
  }),
  directoryCandidate('tight-backoff', 'first poll at 8 / 30 min, then 30 → +15 → 90 s; Created 30 s', {
    initial: (type) => (type === 'SimpleAD' ? 480 : 1800),
    next: (s) => (s.Stage === 'Created' ? Math.min(30, backoff(s.PollRound, 30, 15, 90)) : backoff(s.PollRound, 30, 15, 90)),
  }),
  directoryCandidate('stage-driven', 'first poll at 8 / 30 min, then 120 s while Requested/Creating, 15 s once Created', {
    initial: (type) => (type === 'SimpleAD' ? 480 : 1800),
    next: (s) => (s.Stage === 'Created' ? 15 : 120),
  }),
  directoryCandidate('project-blind', 'the project schedule (window 9–13 / 33–41 min, 60 s) ignoring the Created stage (time only)', windowed(WINDOW_9_13, 60, undefined)),
  directoryCandidate('window-45', 'as the project, every 45 s inside the window', windowed(WINDOW_9_13, 45, 30)),
  directoryCandidate('window-from-8', 'as the project, window from 8 / 30 min', windowed(WINDOW_8_13, 60, 30)),
];

export interface PollingRun {
  activationSeconds: number;
  transitions: number;
  detectionLatencySeconds: number;
  directoryPolls: number;
  connectorPolls: number;
}

export interface PollingRow {
  directoryType: DirectoryType;
  activationMinutes: number;
  strategy: string;
  /** Median over the activation times spread around the nominal one. */
  transitions: number;
  transitionsMax: number;
  detectionLatencySeconds: number;
  detectionLatencyP90Seconds: number;
  directoryPolls: number;
  costUsdPerExecution: number;
  costUsdPerThousandExecutions: number;
  runs: PollingRun[];
}

const stateEnteredAt = (r: RunResult, state: string): number => {
  const e = r.timeline.find((t) => t.kind === 'state' && t.state === state);
  if (!e) throw new Error(`${r.executionArn}: no ${state} in the timeline`);
  return e.simulatedSeconds;
};

export async function runOnce(strategy: Strategy, type: DirectoryType, activationSeconds: number): Promise<PollingRun> {
  const { rewrite } = strategy;
  const r = await runProvisioning({
    input: inputFor(type),
    seed: loadSeed(DEFAULT_SEED_PATH),
    directoryActiveAfterSeconds: activationSeconds,
    connectorActiveAfterSeconds: CONNECTOR_ACTIVE_AFTER_SECONDS,
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
  if (r.status !== 'SUCCEEDED') throw new Error(`${strategy.name} ${type} @${activationSeconds}s: ${r.error ?? ''} ${r.cause ?? ''}`);
  const out = r.output as { DirectoryPollRounds: number; ConnectorPollRounds: number; DirectoryElapsedSeconds: number };
  const activeAt = stateEnteredAt(r, 'CreateDirectory') + activationSeconds;
  const latency = stateEnteredAt(r, 'CreateConnector') - activeAt;
  // Cross-check with the clock-free record: the sum of the directory waits.
  if (Math.abs(out.DirectoryElapsedSeconds - activationSeconds - latency) > 1e-6) {
    throw new Error(`${strategy.name} ${type} @${activationSeconds}s: timeline latency ${latency} ≠ record ${out.DirectoryElapsedSeconds - activationSeconds}`);
  }
  return {
    activationSeconds,
    transitions: r.transitions,
    detectionLatencySeconds: round(latency, 3),
    directoryPolls: out.DirectoryPollRounds,
    connectorPolls: out.ConnectorPollRounds,
  };
}

export async function measureStrategy(strategy: Strategy, scenario: Scenario): Promise<PollingRow> {
  const runs: PollingRun[] = [];
  for (const offset of OFFSETS_SECONDS) {
    runs.push(await runOnce(strategy, scenario.directoryType, scenario.activationMinutes * 60 + offset));
  }
  const transitions = median(runs.map((r) => r.transitions));
  return {
    directoryType: scenario.directoryType,
    activationMinutes: scenario.activationMinutes,
    strategy: strategy.name,
    transitions,
    transitionsMax: Math.max(...runs.map((r) => r.transitions)),
    detectionLatencySeconds: median(runs.map((r) => r.detectionLatencySeconds)),
    detectionLatencyP90Seconds: percentile(runs.map((r) => r.detectionLatencySeconds), 90),
    directoryPolls: median(runs.map((r) => r.directoryPolls)),
    costUsdPerExecution: round(transitions * USD_PER_TRANSITION, 6),
    costUsdPerThousandExecutions: round(transitions * USD_PER_TRANSITION * 1000, 4),
    runs,
  };
}

export interface PollingResults {
  polling: PollingRow[];
  candidates: PollingRow[];
}

export async function benchPolling(opts: { candidates: boolean }): Promise<PollingResults> {
  const polling: PollingRow[] = [];
  const candidates: PollingRow[] = [];
  for (const scenario of SCENARIOS) {
    for (const s of [FIXED_30S, PROJECT]) polling.push(await measureStrategy(s, scenario));
    if (opts.candidates) for (const s of CANDIDATES) candidates.push(await measureStrategy(s, scenario));
  }
  return { polling, candidates };
}

const scenarioLabel = (r: { directoryType: string; activationMinutes: number }) => `${r.activationMinutes} min ${r.directoryType}`;
const fmt = (n: number) => String(round(n, 1));

/** Side by side: fixed-30s vs project per scenario, with the ratios. */
export function pollingTable(rows: readonly Omit<PollingRow, 'runs'>[], markdown = false): string {
  const headers = [
    'activation (±60 s)',
    'transitions fixed-30s',
    'transitions project',
    'ratio',
    'latency fixed-30s med/p90 s',
    'latency project med/p90 s',
    'ratio (med)',
    '$ / 1,000 exec fixed-30s',
    '$ / 1,000 exec project',
  ];
  const body: string[][] = [];
  for (const sc of SCENARIOS) {
    const f = rows.find((r) => r.strategy === FIXED_30S.name && r.activationMinutes === sc.activationMinutes);
    const p = rows.find((r) => r.strategy === PROJECT.name && r.activationMinutes === sc.activationMinutes);
    if (!f || !p) continue;
    body.push([
      scenarioLabel(p),
      `${f.transitions} (max ${f.transitionsMax})`,
      `${p.transitions} (max ${p.transitionsMax})`,
      `${(p.transitions / f.transitions).toFixed(2)}×`,
      `${fmt(f.detectionLatencySeconds)} / ${fmt(f.detectionLatencyP90Seconds)}`,
      `${fmt(p.detectionLatencySeconds)} / ${fmt(p.detectionLatencyP90Seconds)}`,
      f.detectionLatencySeconds === 0 ? '–' : `${(p.detectionLatencySeconds / f.detectionLatencySeconds).toFixed(2)}×`,
      f.costUsdPerThousandExecutions.toFixed(3),
      p.costUsdPerThousandExecutions.toFixed(3),
    ]);
  }
  return markdown ? markdownTable(headers, body) : table(headers, body);
}

/** Every candidate: transitions median (max) and latency median/p90 per scenario. */
export function candidatesTable(rows: readonly Omit<PollingRow, 'runs'>[], markdown = false): string {
  const names = [...new Set(rows.map((r) => r.strategy))];
  const headers = ['candidate', ...SCENARIOS.map((s) => `${scenarioLabel(s)}: transitions med (max), latency med/p90 s`)];
  const body = names.map((name) => [
    name,
    ...SCENARIOS.map((sc) => {
      const r = rows.find((x) => x.strategy === name && x.activationMinutes === sc.activationMinutes);
      return r ? `${r.transitions} (${r.transitionsMax}), ${fmt(r.detectionLatencySeconds)}/${fmt(r.detectionLatencyP90Seconds)}` : '';
    }),
  ]);
  return markdown ? markdownTable(headers, body) : table(headers, body);
}
