/**
 * Secret hygiene: the happy path and every failure path run with a KNOWN admin password, then everything a user,
 * an operator or an attacker with read access could see is scanned for it (plain, JSON-escaped, base64, URL-encoded):
 *  - stdout/stderr of the process (captured), which carries every Powertools log line (level raised to DEBUG);
 *  - every execution's input, output, error, cause and full event history (GetExecutionHistory of the local
 *    Step Functions service) and the engine's timeline;
 *  - the EventBridge events the workflow emitted (emulator);
 *  - API responses (POST with an inline Password, POST rejected for a password in the wrong place, GET);
 *  - the emulator snapshot (what `npm start --state` writes to disk).
 */
import './env.ts';
import { setEnv } from '../env.ts';
import { captureOutput } from './capture.ts';
import { spawnSync } from 'node:child_process';
import type { Emulator, Seed } from '../local/emulator/index.ts';
import { getProvisioning, postProvisioning, deliverEvent, requestEvent } from './triggers.ts';
import { discoverTargets, faultHooks } from './matrix/index.ts';
import { Harness, defaultInput, defaultSeed } from './harness.ts';
import type { ExecutionRun } from './harness.ts';

/** Satisfies the Directory Service password rules; appears nowhere in the repository's fixtures. */
export const KNOWN_PASSWORD = 'Rel1ab-Kn0wn-Pw!9q';
/** A second known value that breaks the complexity rule (for the rejected-password paths). */
export const KNOWN_WEAK_PASSWORD = 'onlylowercaseletters';

/** Encodings a value could leak in. */
export const encodingsOf = (secret: string): string[] => [
  secret,
  JSON.stringify(secret).slice(1, -1),
  Buffer.from(secret, 'utf8').toString('base64'),
  encodeURIComponent(secret),
];

export { captureOutput };

export const countOccurrences = (haystack: string, needles: readonly string[]): number =>
  needles.reduce((n, needle) => n + (needle ? haystack.split(needle).length - 1 : 0), 0);

export const secretSeed = (base: Seed = defaultSeed()): Seed => ({
  ...base,
  secrets: base.secrets.map((s) => (s.Name === 'ad-cert-orchestrator/ad-admin-password' ? { ...s, SecretString: KNOWN_PASSWORD } : s)),
  // Every scenario creates its own directory and connector in one world (over a hundred, beside the seeded ones).
  directoryLimit: 1000,
  connectorLimit: 1000,
});

export interface Artifact {
  /** Where it was seen, e.g. `history evt-…`, `stdout`. */
  where: string;
  text: string;
}

export interface SecretScanResult {
  scenarios: string[];
  executions: number;
  artifacts: number;
  scannedBytes: number;
  logLines: number;
  leaks: number;
  leakPlaces: string[];
  /** Proof the password was really used: reads of the secret, directory creations, secrets the API created. */
  used: { getSecretValue: number; createDirectory: number; createSecret: number };
}

const namedInput = (name: string): Record<string, unknown> => {
  const input = defaultInput() as { Directory: Record<string, unknown> };
  input.Directory['Name'] = name;
  return input;
};

/** Runs every scenario in one local world and scans everything; `artifacts` are returned for the caller's own checks. */
export const runSecretScan = async (): Promise<SecretScanResult & { collected: Artifact[] }> => {
  const { logger } = await import('../../src/lib/logger.ts');
  const previousLevel = logger.getLevelName();
  const restoreEnv = setEnv({ POWERTOOLS_LOGGER_LOG_EVENT: 'true' }); // the handlers must ignore it (they never log events)
  logger.setLogLevel('DEBUG');
  const artifacts: Artifact[] = [];
  const scenarios: string[] = [];
  const runs: ExecutionRun[] = [];
  /** Executions whose input the USER wrote with the password in it: Step Functions stores an input as given, so
   * there only what the workflow added is scanned (error, cause, output, history without inputs/outputs). */
  const userInputRuns = new Set<string>();
  let counter = 0;
  const name = () => `secret${(counter += 1)}.example.com`;

  const { output, result: harness } = await captureOutput(async () => {
    const targets = await discoverTargets();
    const harness = await Harness.start({ seed: secretSeed(), emulator: { directoryActiveAfterSeconds: 600 } });
    const record = (label: string, run: ExecutionRun) => {
      scenarios.push(`${label}: ${run.status}${run.error ? ` ${run.error}` : ''}`);
      runs.push(run);
    };
    const withFault = async (label: string, hooksFor: (e: Emulator) => { arm(e: Emulator): void; disarm(e: Emulator): void; hooks: Harness['hooks'] }) => {
      const plan = hooksFor(harness.emulator);
      harness.hooks = plan.hooks;
      plan.arm(harness.emulator);
      try {
        record(label, await harness.execute(namedInput(name())));
      } finally {
        plan.disarm(harness.emulator);
        harness.hooks = undefined;
      }
    };

    // 1. Happy path.
    record('happy path', await harness.execute(namedInput(name())));
    // 2. Every AWS call of the workflow failing terminally (caught) and transiently until exhausted (uncaught).
    for (const target of targets) {
      for (const kind of ['terminal', 'server', 'lambda-after'] as const) {
        if (kind === 'lambda-after' && target.state === 'PublishSucceededEvent') continue;
        await withFault(`${target.state} ${target.call} ${kind}`, () => faultHooks(target, kind, kind === 'terminal' ? 'transient' : 'persistent'));
      }
    }
    // 3. Stage failures and deadlines.
    harness.emulator.setOutcomes({ directory: { stage: 'Failed', reason: 'Simulated directory failure' } });
    record('directory Failed', await harness.execute(namedInput(name())));
    harness.emulator.setOutcomes({ connector: { statusReason: 'VPC_ACCESS_DENIED' } });
    record('connector FAILED', await harness.execute(namedInput(name())));
    harness.emulator.setOutcomes({});
    const slow = namedInput(name()) as { Options?: Record<string, number> };
    slow.Options = { DirectoryTimeoutMinutes: 10 };
    harness.emulator.addFault({ operation: 'DirectoryLifecycle', error: 'Impaired', message: 'Simulated impaired directory' });
    record('directory Impaired', await harness.execute(slow));
    harness.emulator.clearFaults();
    // 4. Invalid requests: weak password in the secret, password pasted into PasswordSecretId, password as a field.
    const weak = namedInput(name()) as { Directory: Record<string, unknown> };
    weak.Directory['PasswordSecretId'] = 'ad-cert-orchestrator/ad-weak-password';
    record('weak password secret', await harness.execute(weak));
    const pasted = namedInput(name()) as { Directory: Record<string, unknown> };
    pasted.Directory['PasswordSecretId'] = KNOWN_PASSWORD;
    const pastedRun = await harness.execute(pasted);
    record('password pasted into PasswordSecretId', pastedRun);
    userInputRuns.add(pastedRun.executionArn);
    // 5. The API: inline Password stored in Secrets Manager, then the execution; repeats; rejections; GET.
    const inline = namedInput(name()) as { Directory: Record<string, unknown> };
    delete inline.Directory['PasswordSecretId'];
    inline.Directory['Password'] = KNOWN_PASSWORD;
    let apiArn = '';
    const viaApi = await harness.track(async () => {
      const res = await postProvisioning(inline, 'secret-scan-inline');
      artifacts.push({ where: 'POST inline password', text: JSON.stringify(res) });
      apiArn = String((JSON.parse(res.body) as { executionArn?: string }).executionArn ?? '');
      return apiArn;
    });
    record('API inline password', viaApi);
    const repeat = await postProvisioning(inline, 'secret-scan-inline');
    artifacts.push({ where: 'POST repeat', text: JSON.stringify(repeat) });
    const otherPassword = { ...inline, Directory: { ...inline.Directory, Password: `${KNOWN_PASSWORD}x` } };
    artifacts.push({ where: 'POST same key, other password (409)', text: JSON.stringify(await postProvisioning(otherPassword, 'secret-scan-inline')) });
    const weakInline = { ...inline, Directory: { ...inline.Directory, Password: KNOWN_WEAK_PASSWORD } };
    artifacts.push({ where: 'POST weak password (400)', text: JSON.stringify(await postProvisioning(weakInline, 'secret-scan-weak')) });
    artifacts.push({ where: 'POST password in PasswordSecretId (400)', text: JSON.stringify(await postProvisioning(pasted, 'secret-scan-pasted')) });
    const both = { ...inline, Directory: { ...inline.Directory, PasswordSecretId: 'ad-cert-orchestrator/ad-admin-password' } };
    artifacts.push({ where: 'POST Password and PasswordSecretId (400)', text: JSON.stringify(await postProvisioning(both, 'secret-scan-both')) });
    // 6. EventBridge: a password in an event is rejected (the event is the user's; the logs must not repeat it).
    const eventWithPassword = requestEvent('5ec7e7aa-0000-4000-8000-000000000001', inline);
    try {
      await deliverEvent(eventWithPassword);
    } catch (err) {
      artifacts.push({ where: 'start-from-event error', text: `${(err as Error).name}: ${(err as Error).message}` });
    }
    // GET for every execution.
    for (const run of [...runs]) {
      const res = await getProvisioning(run.executionArn.split(':').pop() ?? '');
      artifacts.push({ where: `GET ${run.executionArn.split(':').pop() ?? ''}`, text: JSON.stringify(res) });
    }
    return harness;
  });

  // Execution records, histories, timelines; events; snapshot.
  for (const run of runs) {
    const executionArn = run.executionArn;
    const d = harness.stepFunctions.DescribeExecution({ executionArn });
    const userInput = userInputRuns.has(executionArn);
    const history = harness.stepFunctions.GetExecutionHistory({ executionArn, maxResults: 1000, includeExecutionData: !userInput });
    if (userInput) {
      artifacts.push({ where: `describe ${executionArn} (error, cause, output)`, text: JSON.stringify([d['error'], d['cause'], d['output']]) });
      artifacts.push({ where: `run ${executionArn} (error, cause, timeline)`, text: JSON.stringify([run.error, run.cause, run.timeline]) });
    } else {
      artifacts.push({ where: `describe ${executionArn}`, text: JSON.stringify(d) });
      artifacts.push({ where: `run ${executionArn}`, text: JSON.stringify(run) });
    }
    artifacts.push({ where: `history ${executionArn}`, text: JSON.stringify(history) });
  }
  artifacts.push({ where: 'EventBridge events', text: JSON.stringify(harness.emulator.events) });
  artifacts.push({ where: 'emulator snapshot', text: JSON.stringify(harness.emulator.snapshot()) });
  artifacts.push({ where: 'stdout/stderr (Powertools logs)', text: output });
  const used = {
    getSecretValue: harness.emulator.apiCalls['SecretsManager.GetSecretValue'] ?? 0,
    // The password goes to Directory Service with either create call (Simple AD or Managed Microsoft AD).
    createDirectory: (harness.emulator.apiCalls['DirectoryService.CreateDirectory'] ?? 0) + (harness.emulator.apiCalls['DirectoryService.CreateMicrosoftAD'] ?? 0),
    createSecret: harness.emulator.apiCalls['SecretsManager.CreateSecret'] ?? 0,
  };
  await harness.stop();
  logger.setLogLevel(previousLevel as Parameters<typeof logger.setLogLevel>[0]);
  restoreEnv();

  const needles = [...encodingsOf(KNOWN_PASSWORD), ...encodingsOf(KNOWN_WEAK_PASSWORD)];
  const leakPlaces: string[] = [];
  let leaks = 0;
  for (const a of artifacts) {
    const n = countOccurrences(a.text, needles);
    if (n > 0) {
      leaks += n;
      leakPlaces.push(`${a.where} (${n})`);
    }
  }
  return {
    scenarios,
    executions: runs.length,
    artifacts: artifacts.length,
    scannedBytes: artifacts.reduce((n, a) => n + Buffer.byteLength(a.text), 0),
    logLines: output.split('\n').filter((l) => l.trim().startsWith('{')).length,
    leaks,
    leakPlaces,
    used,
    collected: artifacts,
  };
};

export type IsolatedScanResult = Omit<SecretScanResult, 'leaks'> & {
  /** Occurrences in the scanned artifacts plus in the child process's raw stdout/stderr. */
  leaks: number;
  rawOutputLeaks: number;
};

export const VERIFY_SCRIPT = new URL('../cli/verify-reliability.ts', import.meta.url).pathname;

/**
 * Runs the scan in a child process (`tools/cli/verify-reliability.ts --secrets-child`) with POWERTOOLS_LOG_LEVEL=DEBUG:
 * the logger's level is fixed when it is created, and a test runner's own stdout must not be captured. The child's
 * whole stdout/stderr is scanned as well.
 */
export const runSecretScanIsolated = (): IsolatedScanResult => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', VERIFY_SCRIPT, '--secrets-child'], {
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'DEBUG' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  const lines = (child.stdout ?? '').trim().split('\n');
  let result: SecretScanResult;
  try {
    result = JSON.parse(lines.at(-1) ?? '') as SecretScanResult;
  } catch {
    throw new Error(`secret scan child failed (exit ${String(child.status)}): ${(child.stderr ?? '').slice(0, 2000)}`);
  }
  const rawOutputLeaks = countOccurrences(`${child.stdout ?? ''}\n${child.stderr ?? ''}`, [...encodingsOf(KNOWN_PASSWORD), ...encodingsOf(KNOWN_WEAK_PASSWORD)]);
  return { ...result, leaks: result.leaks + rawOutputLeaks, rawOutputLeaks };
};
