/**
 * The tables of docs/performance.md, rendered from a bench results file (tools/bench/results.json) into the
 * `<!-- bench:NAME:start -->` … `<!-- bench:NAME:end -->` blocks. `npm run bench` rewrites them after a full run,
 * `npm run docs` from the committed results; a test checks the committed page against the committed results.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundlesTable } from './bundles.ts';
import type { BundleResult } from './bundles.ts';
import { coldStartTable } from './cold-start.ts';
import type { ColdStartRow } from './cold-start.ts';
import { PROJECT, candidatesTable, pollingTable } from './polling.ts';
import type { PollingRow } from './polling.ts';
import { throughputTable } from './throughput.ts';
import type { ThroughputResult } from './throughput.ts';

export const RESULTS_FILE = fileURLToPath(new URL('./results.json', import.meta.url));
export const PERFORMANCE_DOC = fileURLToPath(new URL('../../docs/performance.md', import.meta.url));

type BundleRow = Pick<BundleResult, 'handler' | 'sdk' | 'bytes' | 'topInputs'>;

/** The parts of results.json the tables read (main.ts writes it). */
export interface BenchResults {
  polling: PollingRow[];
  pollingCandidates: Omit<PollingRow, 'runs'>[];
  bundles: BundleRow[];
  bundlesSdkAndSmithyExcluded: { handler: string; bytes: number }[];
  coldStart: ColdStartRow[];
  coldStartBaseline?: ColdStartRow;
  coldStartProbes: ColdStartRow[];
  coldStartSdkExcluded: ColdStartRow[];
  throughput: ThroughputResult;
}

export const readResults = (file: string = RESULTS_FILE): BenchResults => JSON.parse(readFileSync(file, 'utf8')) as BenchResults;

/** Block name -> Markdown table, in the order the page shows them. */
export function performanceBlocks(r: BenchResults): Record<string, string> {
  const smithyExcluded: BundleRow[] = r.bundlesSdkAndSmithyExcluded.map((b) => ({ ...b, sdk: 'excluded-with-smithy', topInputs: [] }));
  return {
    'bench:polling': pollingTable(r.polling, true),
    'bench:candidates': candidatesTable([...r.polling.filter((p) => p.strategy === PROJECT.name), ...r.pollingCandidates], true),
    'bench:bundles': bundlesTable([...r.bundles, ...smithyExcluded], true),
    'bench:cold-start': coldStartTable(
      [...(r.coldStartBaseline ? [r.coldStartBaseline] : []), ...r.coldStart, ...r.coldStartProbes, ...r.coldStartSdkExcluded],
      true,
    ),
    'bench:throughput': throughputTable(r.throughput, true),
  };
}
