/**
 * The tables of docs/performance.md and the README's Performance table, rendered from a bench results file
 * (tools/bench/results.json) into the `<!-- bench:NAME:start -->` … `<!-- bench:NAME:end -->` blocks. `npm run bench`
 * rewrites them after a full run, `npm run docs` from the committed results; a test checks the committed pages
 * against the committed results.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundlesTable } from './bundles.ts';
import type { BundleResult } from './bundles.ts';
import { coldStartTable } from './cold-start.ts';
import type { ColdStartRow } from './cold-start.ts';
import { COST_MINUTES, candidatesTable, costTable, failureTable, gridTable, sampleTable } from './detection.ts';
import type { PollingBaseline, PollingResults } from './detection.ts';
import { throughputTable } from './throughput.ts';
import type { ThroughputResult } from './throughput.ts';

export const RESULTS_FILE = fileURLToPath(new URL('./results.json', import.meta.url));
export const PERFORMANCE_DOC = fileURLToPath(new URL('../../docs/performance.md', import.meta.url));
export const README = fileURLToPath(new URL('../../README.md', import.meta.url));

type BundleRow = Pick<BundleResult, 'handler' | 'sdk' | 'bytes' | 'topInputs'>;

/** The parts of results.json the tables read (main.ts writes it). */
export interface BenchResults {
  polling: PollingResults;
  pollingBaseline?: PollingBaseline;
  bundles: BundleRow[];
  bundlesSdkAndSmithyExcluded: { handler: string; bytes: number }[];
  coldStart: ColdStartRow[];
  coldStartBaseline?: ColdStartRow;
  coldStartProbes: ColdStartRow[];
  coldStartSdkExcluded: ColdStartRow[];
  throughput: ThroughputResult;
}

export const readResults = (file: string = RESULTS_FILE): BenchResults => JSON.parse(readFileSync(file, 'utf8')) as BenchResults;

/** Old (baseline) vs naive vs new at the cost table's activation times. */
export function pollingCostTable(r: BenchResults): string {
  const rows = [...(r.pollingBaseline?.rows ?? []), ...r.polling.rows.filter((x) => COST_MINUTES.includes(x.activationMinutes))];
  return costTable(rows, [...(r.pollingBaseline ? ['old', 'naive-30s'] : []), 'new'], true);
}

/** The README's Performance table: Managed Microsoft AD (the type a connector needs), the replaced schedule and the poll. */
export const readmeBlocks = (r: BenchResults): Record<string, string> => {
  const rows = [...(r.pollingBaseline?.rows ?? []), ...r.polling.rows.filter((x) => COST_MINUTES.includes(x.activationMinutes))];
  return { 'bench:summary': costTable(rows, [...(r.pollingBaseline ? ['old'] : []), 'new'], true, ['MicrosoftAD']) };
};

/** Block name -> Markdown table, in the order the page shows them. */
export function performanceBlocks(r: BenchResults): Record<string, string> {
  const smithyExcluded: BundleRow[] = r.bundlesSdkAndSmithyExcluded.map((b) => ({ ...b, sdk: 'excluded-with-smithy', topInputs: [] }));
  return {
    'bench:polling': pollingCostTable(r),
    'bench:latency': gridTable(r.polling.rows, true),
    'bench:sample': sampleTable(r.polling.sample, true),
    'bench:failure': failureTable([...(r.pollingBaseline?.failure ?? []), ...r.polling.failure], true),
    'bench:candidates': candidatesTable(r.polling.candidates, true),
    'bench:bundles': bundlesTable([...r.bundles, ...smithyExcluded], true),
    'bench:cold-start': coldStartTable(
      [...(r.coldStartBaseline ? [r.coldStartBaseline] : []), ...r.coldStart, ...r.coldStartProbes, ...r.coldStartSdkExcluded],
      true,
    ),
    'bench:throughput': throughputTable(r.throughput, true),
  };
}
