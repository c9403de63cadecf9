/**
 * `npm run verify:reliability` — the reliability and security figures (docs/reliability.md), in the local world:
 *   1. fault × rerun matrix, the full grid (every AWS call of the workflow × every fault kind × every rerun; npm test
 *      runs its covering subset),
 *   2. bad-input corpus (fast-check, fixed seed) through the validator, the ValidateRequest handler and whole executions,
 *   3. secret-leak scan (happy path + every failure path + API + events + snapshot, with a known password),
 *   4. load (200 concurrent executions, 20 % of Directory Service and PCA Connector AD calls throttled),
 *   5. `serverless invoke local` of every function (test/packaging/invoke-local.test.ts with FULL_CHECKS=1).
 * Parts 1, 4 and 5 are what FULL_CHECKS=1 adds to npm test (tools/verify/full-checks.ts).
 *
 *   npm run verify:reliability                 # readable report, then the JSON figures
 *   npm run verify:reliability -- --json       # exactly one JSON object on stdout
 *   npm run verify:reliability -- --part matrix,corpus   # a subset (figures of the others are absent)
 *
 * Exit codes: 0 every figure is as required, 1 a figure falls short, 2 usage error.
 * The IAM/exposure checks need `serverless package` and live in test/packaging/iam-checks.ts (npm test).
 */
import '../verify/env.ts';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CORPUS_SEED, corpusSeed, runCorpus, runHandlerSample, runWorkflowSample } from '../verify/corpus.ts';
import { runLoad } from '../verify/load.ts';
import { FULL_CHECKS_VARIABLE } from '../verify/full-checks.ts';
import { formatMatrix, runMatrix } from '../verify/matrix/index.ts';
import { shortfalls } from '../verify/report.ts';
import type { ReliabilityFigures } from '../verify/report.ts';
import { runSecretScan, runSecretScanIsolated } from '../verify/secrets.ts';
import { Harness, defaultSeed } from '../verify/harness.ts';

const PARTS = ['matrix', 'corpus', 'secrets', 'load', 'invoke-local'] as const;
type Part = (typeof PARTS)[number];
const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const INVOKE_LOCAL_TEST = 'test/packaging/invoke-local.test.ts';

/** Every function through `serverless invoke local`: the invoke-local test with the full-checks switch, as a child. */
const invokeLocalPart = async (log: (s: string) => void): Promise<{ functions: number; passed: boolean }> => {
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', INVOKE_LOCAL_TEST], {
      cwd: ROOT,
      env: { ...process.env, [FULL_CHECKS_VARIABLE]: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (text += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ code: exitCode, output: text }));
  });
  // The test prints one diagnostic line per command it ran: `ℹ <function>: <result>`.
  const functions = output.split('\n').filter((l) => /^\s*ℹ \w+: [{[]/.test(l)).length;
  const passed = code === 0;
  log(`invoke local (${INVOKE_LOCAL_TEST}, ${FULL_CHECKS_VARIABLE}=1): ${functions} functions through serverless invoke local, ${passed ? 'passed' : `FAILED (exit ${code})`}`);
  if (!passed) log(output.split('\n').slice(-40).join('\n'));
  return { functions, passed };
};

/** Runs inside a child process with POWERTOOLS_LOG_LEVEL=DEBUG (the logger's level is fixed when it is created). */
const secretsChild = async (): Promise<void> => {
  const { collected: _collected, ...result } = await runSecretScan();
  process.stdout.write(`${JSON.stringify(result)}\n`);
};

const corpusPart = async (log: (s: string) => void) => {
  const domain = runCorpus({ seed: CORPUS_SEED, numRuns: 300 });
  const harness = await Harness.start({ seed: corpusSeed(defaultSeed()) });
  try {
    const handler = await runHandlerSample({ seed: CORPUS_SEED });
    const workflow = await runWorkflowSample((input) => harness.execute(input), { seed: CORPUS_SEED });
    log(`corpus (fast-check seed ${CORPUS_SEED}, 300 runs per rule, ${domain.perRule.length} rules):`);
    for (const r of domain.perRule) log(`  ${r.name.padEnd(46)} ${String(r.cases).padStart(5)} cases (${r.invalid} invalid, ${r.valid} valid)${r.failure ? `  ✗ ${r.failure}` : ''}`);
    log(`  ValidateRequest handler + preflight (emulator): ${handler.cases} cases (${handler.invalid} invalid, ${handler.valid} valid), ${handler.failures.length} wrong`);
    log(`  whole executions: ${workflow.cases} invalid requests, ${workflow.rejected} failed with InvalidRequestError naming the field and no create call`);
    for (const f of [...domain.failures, ...handler.failures, ...workflow.failures].slice(0, 20)) log(`  ✗ ${f}`);
    return {
      figures: {
        cases: domain.cases + handler.cases + workflow.cases,
        rejected: domain.rejected + handler.rejected + workflow.rejected,
        accepted: domain.accepted + handler.accepted,
      },
      invalid: domain.invalid + handler.invalid + workflow.cases,
      valid: domain.valid + handler.valid,
    };
  } finally {
    await harness.stop();
  }
};

const secretsPart = (log: (s: string) => void): { leaks: number; used: boolean } => {
  let result: ReturnType<typeof runSecretScanIsolated>;
  try {
    result = runSecretScanIsolated();
  } catch (err) {
    log(`secret scan: ${(err as Error).message}`);
    return { leaks: Number.NaN, used: false };
  }
  log(`secret scan: ${result.scenarios.length} scenarios, ${result.executions} executions, ${result.artifacts} artifacts, ${result.logLines} log lines, ${(result.scannedBytes / 1024).toFixed(0)} KiB scanned (+ the process's raw stdout/stderr)`);
  log(`  the password was used: ${JSON.stringify(result.used)}`);
  log(`  occurrences of the password: ${result.leaks}${result.leakPlaces.length ? ` in ${result.leakPlaces.join(', ')}` : ''}`);
  return { leaks: result.leaks, used: result.used.getSecretValue > 0 && result.used.createDirectory > 0 && result.used.createSecret > 0 };
};

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean', default: false },
        part: { type: 'string' },
        'secrets-child': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nUsage: npm run verify:reliability -- [--json] [--part ${PARTS.join(',')}]\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`Usage: npm run verify:reliability -- [--json] [--part ${PARTS.join(',')}]\n`);
    return 0;
  }
  if (values['secrets-child']) {
    await secretsChild();
    return 0;
  }
  const parts = (values.part ?? PARTS.join(',')).split(',').map((p) => p.trim()) as Part[];
  const unknown = parts.filter((p) => !PARTS.includes(p));
  if (unknown.length) {
    process.stderr.write(`unknown part(s): ${unknown.join(', ')} (known: ${PARTS.join(', ')})\n`);
    return 2;
  }
  const log = (s: string) => {
    if (!values.json) process.stdout.write(`${s}\n`);
  };

  const figures: Partial<ReliabilityFigures> = {};
  const expected = { corpusInvalid: 0, corpusValid: 0, loadExecutions: 200, secretUsed: true };
  if (parts.includes('matrix')) {
    const m = await runMatrix({ cells: 'full' });
    log(formatMatrix(m));
    log('');
    figures.matrix = { cells: m.summary.cells, passed: m.summary.passed, duplicates: m.summary.duplicates, lostRecords: m.summary.lostRecords };
  }
  if (parts.includes('corpus')) {
    const c = await corpusPart(log);
    log('');
    figures.corpus = c.figures;
    expected.corpusInvalid = c.invalid;
    expected.corpusValid = c.valid;
  }
  if (parts.includes('secrets')) {
    const s = secretsPart(log);
    log('');
    figures.leaks = s.leaks;
    expected.secretUsed = s.used;
  }
  if (parts.includes('load')) {
    const l = await runLoad({ executions: 200 });
    log(`load: ${l.executions} concurrent executions, 20 % of Directory Service and PCA Connector AD calls throttled (SDK default retries):`);
    log(`  ${l.succeeded} succeeded, ${l.duplicates} duplicates (${l.directories} directories, ${l.connectors} connectors), ${(l.wallMs / 1000).toFixed(1)} s wall, ${l.apiCallsPerExecution} API calls per execution, ${l.retries} state-machine retries, ${l.simulatedSeconds} s of shared simulated time`);
    for (const f of l.failed.slice(0, 5)) log(`  ✗ ${f.executionArn}: ${f.error}: ${f.cause}`);
    log('');
    figures.load = { executions: l.executions, succeeded: l.succeeded, duplicates: l.duplicates, wallMs: l.wallMs, apiCallsPerExecution: l.apiCallsPerExecution, retries: l.retries };
  }
  if (parts.includes('invoke-local')) {
    figures.invokeLocal = await invokeLocalPart(log);
    log('');
  }

  process.stdout.write(`${JSON.stringify(figures)}\n`);
  const full: ReliabilityFigures = {
    matrix: figures.matrix ?? { cells: 1, passed: 1, duplicates: 0, lostRecords: 0 },
    corpus: figures.corpus ?? { cases: 1, rejected: 1, accepted: 0 },
    leaks: figures.leaks ?? 0,
    load: figures.load ?? { executions: 200, succeeded: 200, duplicates: 0, wallMs: 0, apiCallsPerExecution: 0, retries: 0 },
    ...(figures.invokeLocal ? { invokeLocal: figures.invokeLocal } : {}),
  };
  if (!figures.corpus) Object.assign(expected, { corpusInvalid: 1, corpusValid: 0 });
  const problems = shortfalls(full, expected);
  for (const p of problems) process.stderr.write(`FALLS SHORT: ${p}\n`);
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] === SELF) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
