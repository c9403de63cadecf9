/**
 * `npm run bench`: polling cost vs reaction, bundle sizes, cold start, local throughput. Prints the tables, writes
 * tools/bench/results.json and regenerates the tables of docs/performance.md from it. Options: `--quick` (fewer runs,
 * for trying the bench itself; written under node_modules/.cache, never to results.json or the docs),
 * `--no-candidates` (skip the candidate poll intervals), `--markdown` (also print the tables as Markdown).
 *
 * results.json's `pollingBaseline` (the schedule before retry-as-poll and the naive 30 s Wait loop) was measured once,
 * at the commit it names, by that commit's `npm run bench -- --baseline`; every run carries it over unchanged.
 *
 * The handlers' Powertools logger is silenced in this process (as the local engine does); the cold-start children log
 * at INFO as deployed.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_LAMBDA_LOG_LEVEL ??= 'FATAL';

const { parseArgs } = await import('node:util');
const { EXIT_OK, EXIT_USAGE, errorLine, UsageError } = await import('../cli/io.ts');

const USAGE = `Usage: npm run bench -- [--quick] [--no-candidates] [--markdown]

Polling cost and reaction, bundle sizes, cold start and local throughput. Writes tools/bench/results.json and the
tables of docs/performance.md (not with --quick).

  --quick          fewer runs, to try the bench itself (results under node_modules/.cache, never results.json)
  --no-candidates  skip the candidate poll schedules
  --markdown       also print the tables as Markdown
  -h, --help       this text

Exit codes: 0 done, 2 usage error.
`;

let flags: { quick?: boolean; 'no-candidates'?: boolean; markdown?: boolean; help?: boolean };
try {
  ({ values: flags } = parseArgs({
    options: { quick: { type: 'boolean' }, 'no-candidates': { type: 'boolean' }, markdown: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  }));
} catch (err) {
  process.stderr.write(`${errorLine(new UsageError(`${(err as Error).message.split('\n')[0] ?? ''} (npm run bench -- --help for the options)`))}\n`);
  process.exit(EXIT_USAGE);
}
if (flags.help) {
  process.stdout.write(USAGE);
  process.exit(EXIT_OK);
}

const { writeFileSync } = await import('node:fs');
const { cpus } = await import('node:os');
const detection = await import('./detection.ts');
const bundles = await import('./bundles.ts');
const cold = await import('./cold-start.ts');
const throughput = await import('./throughput.ts');
const { kb } = await import('./stats.ts');
const { PERFORMANCE_DOC, README, performanceBlocks, readResults, readmeBlocks } = await import('./report.ts');
const { updateBlocks } = await import('../markdown.ts');

const quick = flags.quick === true;
const started = performance.now();
const section = (title: string) => console.log(`\n== ${title} ${'='.repeat(Math.max(0, 100 - title.length))}`);
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const md: string[] = [];

console.log(`npm run bench — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}${quick ? ' (QUICK: not for results.json)' : ''}`);

// 1. Polling ---------------------------------------------------------------------------------------------------------
section('1. Polling: detection latency, transitions and $ per provisioning (real ASL + handlers, local world)');
const baseline = readResults().pollingBaseline;
const poll = await detection.benchDetection({
  candidates: !quick && flags['no-candidates'] !== true,
  ...(quick ? { minutes: detection.COST_MINUTES } : {}),
});
console.log(
  `Directory activation: each time + ${detection.OFFSETS_SECONDS.join(', ')} s (${detection.OFFSETS_SECONDS.length} runs); connector ACTIVE ` +
    `${detection.CONNECTOR_ACTIVE_AFTER_SECONDS} s + the same offset after its creation. Latency = simulated s from ready to the poll that saw it.\n` +
    `Transitions as billed (retries count). $ = transitions × $0.025/1,000 + Lambda requests × $0.20/1M + GB-s (${detection.PRICES.lambdaMemoryMb} MB, ` +
    `local wall time rounded up to 1 ms) × $0.0000133334. Samples with Options.DirectoryTimeoutMinutes ${detection.BENCH_DIRECTORY_TIMEOUT_MINUTES}.\n`,
);
const costRows = [...(baseline?.rows ?? []), ...poll.rows.filter((r) => detection.COST_MINUTES.includes(r.activationMinutes))];
const costStrategies = [...(baseline ? ['old', 'naive-30s'] : []), 'new'];
console.log(`Old (${baseline ? `baseline, measured at ${baseline.commit.slice(0, 7)}` : 'no baseline'}) vs new vs naive:`);
console.log(detection.costTable(costRows, costStrategies));
md.push(detection.costTable(costRows, costStrategies, true));
const pair = (i: { directorySeconds: number; connectorSeconds: number } | null) =>
  i ? `directory every ${i.directorySeconds} s, the waits after it every ${i.connectorSeconds} s` : 'none';
console.log(`\nNew (${pair(poll.intervals)}) over the whole range:`);
console.log(detection.gridTable(poll.rows));
md.push(detection.gridTable(poll.rows, true));
console.log(`\nThe default sample (${detection.DEFAULT_SAMPLE_INPUT}, the default local world, as \`npm start -- --json\`): detection latency per wait`);
console.log(detection.sampleTable(poll.sample));
md.push(detection.sampleTable(poll.sample, true));
const failureRows = [...(baseline?.failure ?? []), ...poll.failure];
console.log('\nA directory that fails at minute 2:');
console.log(detection.failureTable(failureRows));
md.push(detection.failureTable(failureRows, true));
if (poll.candidates.length > 0) {
  console.log('\nCandidate poll interval pairs (directory / the waits after it; grid worst case over every activation time and both types):');
  console.log(detection.candidatesTable(poll.candidates));
  md.push(detection.candidatesTable(poll.candidates, true));
  console.log(
    `Chosen by the measurement: ${pair(poll.chosen)}; checked in: ${pair(poll.intervals)}` +
      `${pair(poll.chosen) === pair(poll.intervals) ? '' : '  <-- DIFFERENT: update the poll intervals in src/workflow/waits.ts'}`,
  );
}
console.log(`(${elapsed()})`);

// 2. Bundles ---------------------------------------------------------------------------------------------------------
section('2. Bundles: esbuild output per handler (serverless.yml custom.esbuild: minified ESM, platform node, node22)');
const { options: esbuildOptions, exclude } = bundles.esbuildOptionsFromServerless();
const built = await bundles.benchBundles();
const probes = await bundles.buildProbes();
console.log(
  `Options from serverless.yml: ${JSON.stringify({ ...esbuildOptions, banner: esbuildOptions.banner ? '(createRequire banner)' : undefined })}, exclude ${JSON.stringify(exclude)}.\n` +
    `"@aws-sdk/* excluded" keeps @smithy/* and the in-repo PCA Connector AD client bundled; the next column also excludes @smithy/*.\n`,
);
console.log(bundles.bundlesTable(built));
md.push(bundles.bundlesTable(built, true));
console.log('\nOver the 150 KB goal with the SDK bundled — largest inputs (esbuild metafile):');
console.log(bundles.overGoalDetails(built));
console.log('\nProbes (one SDK client, one call, same options): ' + probes.map((p) => `${p.handler} ${kb(p.bytes)}`).join(', '));
console.log(`(${elapsed()})`);

// 3. Cold start ------------------------------------------------------------------------------------------------------
section('3. Cold start: fresh Node process, import + first invocation against the local world');
const coldRows = await cold.benchColdStart({
  rounds: quick ? 3 : 11,
  excludedRounds: quick ? 1 : 5,
  probes: Object.keys(bundles.PROBES),
});
console.log(
  `Median of ${quick ? 3 : 11} runs (SDK-excluded: ${quick ? 1 : 5}); ms from process start (node ${process.execPath}); ratio = start → first\n` +
    `response / the empty handler's. SDK-excluded bundles load the SDK from node_modules (as if the runtime provided it).\n`,
);
console.log(cold.coldStartTable(coldRows));
md.push(cold.coldStartTable(coldRows, true));
console.log(`(${elapsed()})`);

// 4. Throughput ------------------------------------------------------------------------------------------------------
section('4. Local throughput: whole workflow, compressed time, one shared emulator');
const tp = await throughput.benchThroughput({ sequential: quick ? 5 : 20, concurrent: quick ? 50 : 100 });
console.log(throughput.throughputTable(tp));
md.push(throughput.throughputTable(tp, true));
console.log(
  `\n1 at a time: ${tp.sequentialPerSecond} executions/s; 50 concurrent: ${tp.concurrent50PerSecond} executions/s ` +
    `(${(tp.concurrent50PerSecond / tp.sequentialPerSecond).toFixed(2)}×). Directory limit raised to ${tp.directoryLimit} for the bench.`,
);

// results.json -------------------------------------------------------------------------------------------------------
const results = {
  generatedAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  quick,
  polling: poll,
  pollingBaseline: baseline,
  bundles: built
    .filter((b) => b.sdk !== 'excluded-with-smithy')
    .map(({ handler, sdk, bytes, declaredIn, topInputs }) => ({ handler, sdk, bytes, declaredIn, topInputs })),
  bundlesSdkAndSmithyExcluded: built.filter((b) => b.sdk === 'excluded-with-smithy').map(({ handler, bytes }) => ({ handler, bytes })),
  bundleProbes: probes.map(({ handler, bytes, topInputs }) => ({ handler, bytes, topInputs })),
  bundleOptions: { fromServerlessYml: esbuildOptions, exclude, goalBytes: bundles.GOAL_BYTES },
  coldStart: coldRows.filter((r) => r.sdk === 'bundled' && !r.handler.startsWith('probe-')),
  coldStartBaseline: coldRows.find((r) => r.handler === 'empty'),
  coldStartProbes: coldRows.filter((r) => r.handler.startsWith('probe-')),
  coldStartSdkExcluded: coldRows.filter((r) => r.sdk === 'excluded'),
  throughput: tp,
  benchSeconds: Math.round((performance.now() - started) / 1000),
};
// A quick run never overwrites the committed results.
const out = quick ? new URL('file://' + bundles.OUT_DIR + '/results.quick.json') : new URL('./results.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote ${out.pathname} (${elapsed()} in all).`);
if (!quick) {
  updateBlocks(PERFORMANCE_DOC, performanceBlocks(results));
  updateBlocks(README, readmeBlocks(results));
  console.log(`Regenerated the tables of ${PERFORMANCE_DOC} and ${README}.`);
}
if (flags.markdown) console.log(`\n${md.join('\n\n')}`);
