/**
 * `npm run bench`: polling cost vs reaction, bundle sizes, cold start, local throughput. Prints the tables, writes
 * tools/bench/results.json and regenerates the tables of docs/performance.md from it. Options: `--quick` (fewer runs,
 * for trying the bench itself; written under node_modules/.cache, never to results.json or the docs),
 * `--no-candidates` (skip the candidate poll schedules), `--markdown` (also print the tables as Markdown).
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
const polling = await import('./polling.ts');
const bundles = await import('./bundles.ts');
const cold = await import('./cold-start.ts');
const throughput = await import('./throughput.ts');
const { CONNECTOR_POLL, DIRECTORY_POLL } = await import('../../src/domain/polling.ts');
const { kb } = await import('./stats.ts');
const { PERFORMANCE_DOC, performanceBlocks } = await import('./report.ts');
const { updateBlocks } = await import('../markdown.ts');

const quick = flags.quick === true;
const started = performance.now();
const section = (title: string) => console.log(`\n== ${title} ${'='.repeat(Math.max(0, 100 - title.length))}`);
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const md: string[] = [];

console.log(`npm run bench — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}${quick ? ' (QUICK: not for results.json)' : ''}`);

// 1. Polling ---------------------------------------------------------------------------------------------------------
section('1. Polling: transitions per successful execution and detection latency (real ASL + handlers, local world)');
const poll = await polling.benchPolling({ candidates: !quick && flags['no-candidates'] !== true });
console.log(
  `Activation times: nominal ±60 s in 10 s steps (13 runs each); transitions = median (max), latency = simulated s from\n` +
    `the directory turning Active to the next step starting (median / p90). Connector ACTIVE after ${polling.CONNECTOR_ACTIVE_AFTER_SECONDS} s.\n` +
    `9 and 13 min are Simple AD, 37 min is Managed Microsoft AD. Cost: $0.025 per 1,000 transitions.\n`,
);
console.log(polling.pollingTable(poll.polling));
md.push(polling.pollingTable(poll.polling, true));
const at13 = poll.polling.find((r) => r.strategy === 'project' && r.activationMinutes === 13);
if (at13) {
  const met = at13.transitions <= 30 && at13.detectionLatencySeconds <= 30;
  console.log(
    `\nGoal at 13 min (≤ 30 transitions, median detection latency ≤ 30 s): ${met ? 'MET' : 'NOT MET'} — ` +
      `${at13.transitions} transitions (max ${at13.transitionsMax}), ${at13.detectionLatencySeconds} s median latency, ` +
      `$${at13.costUsdPerExecution.toFixed(6)} per execution.`,
  );
}
if (poll.candidates.length > 0) {
  console.log('\nCandidate directory schedules (connector: the project schedule):');
  console.log(polling.candidatesTable([...poll.polling.filter((r) => r.strategy === 'project'), ...poll.candidates]));
  for (const c of polling.CANDIDATES) console.log(`  ${c.name}: ${c.description}`);
  md.push(polling.candidatesTable([...poll.polling.filter((r) => r.strategy === 'project'), ...poll.candidates], true));
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
  polling: poll.polling,
  pollingCandidates: poll.candidates.map(({ runs: _runs, ...row }) => row),
  pollingSchedule: { directory: DIRECTORY_POLL, connector: CONNECTOR_POLL, candidates: polling.CANDIDATES.map(({ name, description }) => ({ name, description })) },
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
  console.log(`Regenerated the tables of ${PERFORMANCE_DOC}.`);
}
if (flags.markdown) console.log(`\n${md.join('\n\n')}`);
