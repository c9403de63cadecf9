/**
 * `npm start` — run one provisioning end to end in the local world (no AWS account); `--teardown` runs the teardown
 * of the same request instead; `--plan` prints what the provisioning would do, writing nothing.
 * Exit codes: 0 SUCCEEDED (or a plan made), 1 FAILED, 2 usage error (a flag, a file it names, or, with --plan, an
 * invalid request: one line on stderr, nothing run).
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { validateRequest } from '../../src/domain/validate.ts';
import { canonicalJson } from '../../src/domain/execution-names.ts';
import { clientTokenFor } from '../../src/domain/client-token.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, closest, errorLine, guardedStdout, readJsonFile, runMain, secondsOption } from '../cli/io.ts';
import type { ChangePlan } from '../../src/contract.ts';
import { setEnv } from '../env.ts';
import type { FaultSpec } from './emulator/index.ts';
import type { RunResult, TimelineEntry } from './engine/execution.ts';
import type { StateFile } from './state-file.ts';

const USAGE = `Usage: npm start -- [options]

Runs statemachine/provision.asl.json (or, with --teardown, statemachine/teardown.asl.json) with the real
handlers against the embedded AWS emulator.

Options:
  --input FILE                      execution input (default events/execution-input.json; a UTF-8 BOM is fine)
  --seed FILE                       pre-existing AWS resources (default tools/local/seeds/default.json)
  --state FILE                      load the local world from FILE if it exists, save it back after the run
                                    (directory created; written atomically; one npm start per file at a time)
  --execution-id ARN                execution ARN (reuse one, with the same input, to rerun as a redrive would:
                                    same ClientToken; with --state, a different input under it is refused, and so
                                    is a rerun once its connector was deleted by a teardown)
  --fault SPEC                      inject a fault, repeatable (see Faults)
  --directory-active-after SECONDS  simulated time until a new directory is Active (default by type)
  --directory-fails-after SECONDS   a new directory goes Failed (with a StageReason) at that simulated time instead
  --connector-active-after SECONDS  simulated time until a new connector is ACTIVE (default 120)
  --connector-fails-after SECONDS   a new connector goes FAILED (VPC_ENDPOINT_LIMIT_EXCEEDED) at that time instead
  --registration-active-after SECONDS  simulated time until a new directory registration is ACTIVE (default 60)
  --registration-fails-after SECONDS   a new registration goes FAILED (DIRECTORY_NOT_REACHABLE) at that time instead
  --spn-active-after SECONDS        simulated time until a new service principal name is ACTIVE (default 30)
  --spn-fails-after SECONDS         a new SPN goes FAILED (SPN_EXISTS_ON_DIFFERENT_AD_OBJECT) at that time instead
  --data-access-enabled-after SECONDS simulated time until Directory Data access asked for is Enabled (default 60)
  --data-access-fails-after SECONDS   Directory Data access asked for goes Failed at that time instead
  --deauthorization-after SECONDS   DeleteDirectory is refused for "authorized applications" until that long after
                                    the directory registration is gone (default 0; AWS says up to 60 minutes)
  --plan                            print what applying --input to the world (--state) would do, per resource:
                                    create, keep, update, delete, orphaned, conflict or warning (docs/plan.md);
                                    writes nothing, saves no state; exit 0 even with conflicts, 2 for an invalid
                                    request
  --teardown                        tear down what the same --input provisioned (docs/teardown.md): connectors,
                                    then the directory, then a password secret POST /provisionings stored; only
                                    what carries this tool's ownership tag
  --force                           with --teardown: also delete what this tool did not create ("Force": true)
  --json                            print one JSON object instead of the timeline (with "detections": per waited
                                    resource, when it was ready and when a poll saw it, in simulated seconds)
  -h, --help                        this text

Faults (SPEC):
  OP:ERROR[:COUNT|:RATE][:after]    the next COUNT calls of OP (default 1), or a RATE fraction of them (0.3),
                                    fail with the AWS error ERROR in the service's protocol, e.g.
                                    CreateConnector:ThrottlingException:2, GetConnector:InternalServerException:0.3;
                                    ERROR: an error of OP in its service model, or one any AWS API may
                                    answer (ThrottlingException, AccessDeniedException, InternalFailure, …)
  OP:reset[:COUNT|:RATE][:after]    the connection is dropped instead of answered ("socket hang up")
  OP:timeout[:COUNT|:RATE][:after]  no answer; the SDK's socket timeout fires (lowered to 1 s for this run
                                    unless SDK_SOCKET_TIMEOUT_MS is set)
    :after                          the call takes effect first, then fails: a lost response
    OP                              CreateDirectory, Service.Op (DirectoryService.DescribeDirectories),
                                    Service.* or *
  DirectoryLifecycle:STAGE[:COUNT|:RATE]  the next COUNT (or a RATE fraction of the) directories created end in
                                    STAGE: Failed, Impaired, Inoperable
  ConnectorLifecycle:REASON[:COUNT|:RATE] likewise connectors, FAILED with REASON, e.g. VPC_ACCESS_DENIED,
                                    INTERNAL_FAILURE (every ConnectorStatusReason)
  DirectoryDataAccessLifecycle:Failed[:COUNT|:RATE]  the next COUNT (or a RATE fraction of the) enablings of
                                    Directory Data access end Failed

Exit codes: 0 SUCCEEDED (--plan: the plan was made), 1 FAILED, 2 usage error (also: --state file in use by another
npm start; --plan: an invalid request).
`;

/** The StageReason of a directory failed by --directory-fails-after (a simulation's wording, not AWS's). */
const DIRECTORY_FAILURE_REASON = 'Directory creation failed: insufficient free IP addresses in the subnets (simulated by --directory-fails-after)';

const fmtSim = (s: number): string => {
  const t = Math.round(s);
  const hh = String(Math.floor(t / 3600)).padStart(2, '0');
  const mm = String(Math.floor((t % 3600) / 60)).padStart(2, '0');
  const ss = String(t % 60).padStart(2, '0');
  return `${hh}:${mm}:${ss}`;
};

const ICON: Record<TimelineEntry['kind'], string> = {
  state: '▶',
  retry: '↻',
  caught: '✖',
  stage: '●',
  status: '●',
  end: '■',
};

export function formatTimelineEntry(e: TimelineEntry): string {
  return `[sim ${fmtSim(e.simulatedSeconds)} | wall ${String(e.wallMs).padStart(5)} ms] ${ICON[e.kind]} ${e.text}`;
}

/** What a teardown's output lists, one line per resource. */
const teardownLines = (output: unknown): string[] => {
  const out = output as { Deleted?: { Resource: string; Id: string }[]; Kept?: { Resource: string; Id: string; Reason: string }[]; AlreadyGone?: { Resource: string; Id: string }[] };
  return [
    ...(out.Deleted ?? []).map((r) => `  deleted       ${r.Resource} ${r.Id}`),
    ...(out.Kept ?? []).map((r) => `  kept          ${r.Resource} ${r.Id}: ${r.Reason}`),
    ...(out.AlreadyGone ?? []).map((r) => `  already gone  ${r.Resource} ${r.Id}`),
  ];
};

export function summary(result: RunResult, teardown = false): string {
  const lines = [''];
  if (result.status === 'SUCCEEDED' && teardown) {
    lines.push(`SUCCEEDED  ${result.executionArn}`, ...teardownLines(result.output));
  } else if (result.status === 'SUCCEEDED') {
    const out = result.output as {
      DirectoryId?: string;
      DirectoryRegistrationArn?: string | null;
      ConnectorArn?: string | null;
      ServicePrincipalNameStatus?: string | null;
      TemplateArns?: string[];
      ResourceShareArn?: string | null;
      ResourceShareCreated?: boolean | null;
      Groups?: { GroupName: string; SID: string; Created: boolean }[];
      Warnings?: string[];
      DirectoryWarnings?: string[];
    };
    lines.push(`SUCCEEDED  ${result.executionArn}`);
    lines.push(`  DirectoryId   ${out.DirectoryId ?? '?'}`);
    lines.push(`  ConnectorArn  ${out.ConnectorArn === null ? '(no connector requested)' : (out.ConnectorArn ?? '?')}`);
    if (out.ResourceShareArn) lines.push(`  CA share      ${out.ResourceShareArn}${out.ResourceShareCreated ? ' (created by this execution)' : ' (adopted)'}`);
    if (out.DirectoryRegistrationArn) lines.push(`  Registration  ${out.DirectoryRegistrationArn}`);
    if (out.ServicePrincipalNameStatus) lines.push(`  SPN           ${out.ServicePrincipalNameStatus}`);
    for (const g of out.Groups ?? []) lines.push(`  Group         ${g.GroupName} = ${g.SID}${g.Created ? ' (created by this execution)' : ''}`);
    for (const t of out.TemplateArns ?? []) lines.push(`  Template      ${t}`);
    for (const w of [...(out.Warnings ?? []), ...(out.DirectoryWarnings ?? [])]) lines.push(`  warning: ${w}`);
  } else {
    lines.push(`FAILED     ${result.executionArn}`);
    lines.push(`  error  ${result.error}`);
    lines.push(`  cause  ${result.cause}`);
  }
  lines.push(
    `  ${result.transitions} state transitions, ${fmtSim(result.simulatedSeconds)} simulated, ${result.wallMs} ms wall`,
  );
  const w = result.world;
  lines.push(
    `  world: ${w.directories} directory(ies), ${w.directoryRegistrations} registration(s), ${w.connectors} connector(s), ` +
      `${w.servicePrincipalNames} SPN(s), ${w.templates} template(s), ${w.accessControlEntries} access entr(ies), ${w.resourceShares} RAM share(s), ` +
      `${w.directoryDataAccessEnabled} with Directory Data access, ${w.groupsCreated} group(s) created`,
  );
  lines.push(
    `  API calls: ${Object.entries(result.apiCalls)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
  return lines.join('\n');
}

/** sha256 of the canonical input: what `--execution-id` reuse is compared by. */
const inputHash = (input: unknown): string => createHash('sha256').update(canonicalJson(input)).digest('hex');

/** The connector `executionArn` created (its CreateConnector ClientToken) if it has been deleted since, else undefined. */
const deletedConnectorOf = (state: StateFile, executionArn: string): string | undefined => {
  const token = clientTokenFor(executionArn);
  const used = state.snapshot?.clientTokens.find((t) => t.token === token);
  if (!used) return undefined;
  const connector = state.snapshot?.connectors.find((c) => c.Arn === used.connectorArn);
  return connector === undefined || connector.deletedAtMs !== undefined ? used.connectorArn : undefined;
};

const EXECUTION_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:]+:[A-Za-z0-9_-]{1,80}$/;

/** Everything the command line asks for, checked before anything runs. */
async function prepare(values: Record<string, string | boolean | string[] | undefined>): Promise<{
  input: unknown;
  seed: unknown;
  faults: FaultSpec[];
  state?: StateFile;
  executionArn?: string;
}> {
  const { DEFAULT_SEED_PATH, loadSeed, parseFault, faultProblem } = await import('./emulator/index.ts');
  const { MAX_INPUT_DEPTH, jsonDepth } = await import('./engine/run-local.ts');
  const inputPath = resolve((values['input'] as string | undefined) ?? 'events/execution-input.json');
  const input = readJsonFile(inputPath, '--input');
  const depth = jsonDepth(input);
  if (depth > MAX_INPUT_DEPTH) {
    // The engine cannot carry it; the validator can, and says what ValidateRequest would.
    const { violations } = validateRequest(input);
    const why = violations.slice(0, 3).map((v) => `${v.path}: ${v.message}`).join('; ');
    throw new UsageError(`--input ${inputPath}: nested ${depth} levels deep, more than the local engine runs (${MAX_INPUT_DEPTH}); the request is invalid anyway: ${why}`);
  }
  const seedPath = values['seed'] ? resolve(values['seed'] as string) : DEFAULT_SEED_PATH;
  let seed;
  try {
    seed = loadSeed(seedPath);
  } catch (err) {
    throw new UsageError(`--seed ${seedPath}: ${(err as Error).message}`);
  }
  const faults: FaultSpec[] = [];
  for (const text of (values['fault'] as string[] | undefined) ?? []) {
    let fault: FaultSpec;
    try {
      fault = parseFault(text);
    } catch (err) {
      throw new UsageError(`--fault ${(err as Error).message.replace(/^Invalid fault spec /, '')}`);
    }
    const problem = await faultProblem(fault, closest);
    if (problem) throw new UsageError(`--fault "${text}": ${problem} (npm start -- --help lists the fault forms)`);
    faults.push(fault);
  }
  const executionArn = values['execution-id'] as string | undefined;
  if (executionArn !== undefined && !EXECUTION_ARN.test(executionArn)) {
    throw new UsageError(`--execution-id must be a Step Functions execution ARN, got "${executionArn}"`);
  }
  let state: StateFile | undefined;
  if (values['state']) {
    const { openStateFile } = await import('./state-file.ts');
    state = openStateFile(resolve(values['state'] as string));
    const before = executionArn ? state.executions[executionArn] : undefined;
    if (before !== undefined && before !== inputHash(input)) {
      state.release();
      throw new UsageError(
        `--execution-id ${executionArn ?? ''} already ran with a different input in ${state.path}; ` +
          'rerun it with the same input, or start a new execution (omit --execution-id)',
      );
    }
    const deleted = executionArn && !values['teardown'] ? deletedConnectorOf(state, executionArn) : undefined;
    if (deleted !== undefined) {
      state.release();
      // Rerun, it would create the directory again, then fail on the used ClientToken and leave that directory behind.
      throw new UsageError(
        `--execution-id ${executionArn ?? ''}: its connector ${deleted} was deleted since (a teardown); its ClientToken is spent, ` +
          'so a rerun would recreate the directory and then fail; start a new execution (omit --execution-id)',
      );
    }
  }
  return { input, seed, faults, ...(state ? { state } : {}), ...(executionArn ? { executionArn } : {}) };
}

/** Where the command writes: stdout (kept alive when its reader goes away) and stderr. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** The command: its exit code; a usage error or an unexpected one is one line on `io.err`, never a stack. */
export async function main(argv: string[], io: CliIo = { out: guardedStdout(), err: (text) => process.stderr.write(text) }): Promise<number> {
  try {
    return await run(argv, io.out);
  } catch (err) {
    io.err(`${errorLine(err)}\n`);
    return err instanceof UsageError ? EXIT_USAGE : EXIT_FAILED;
  }
}

async function run(argv: string[], out: (text: string) => void): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        input: { type: 'string' },
        seed: { type: 'string' },
        state: { type: 'string' },
        'execution-id': { type: 'string' },
        fault: { type: 'string', multiple: true },
        'directory-active-after': { type: 'string' },
        'directory-fails-after': { type: 'string' },
        'connector-active-after': { type: 'string' },
        'connector-fails-after': { type: 'string' },
        'registration-active-after': { type: 'string' },
        'registration-fails-after': { type: 'string' },
        'spn-active-after': { type: 'string' },
        'spn-fails-after': { type: 'string' },
        'data-access-enabled-after': { type: 'string' },
        'data-access-fails-after': { type: 'string' },
        'deauthorization-after': { type: 'string' },
        json: { type: 'boolean', default: false },
        teardown: { type: 'boolean', default: false },
        plan: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0] ?? ''} (npm start -- --help for the options)`);
  }
  const { values } = args;
  if (values.help) {
    out(USAGE);
    return EXIT_OK;
  }
  // Handler logs would interleave with the timeline (and break --json); keep them quiet unless asked for.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  process.env.AWS_LAMBDA_LOG_LEVEL ??= 'FATAL';

  const directoryActiveAfterSeconds = secondsOption(values['directory-active-after'], '--directory-active-after');
  const connectorActiveAfterSeconds = secondsOption(values['connector-active-after'], '--connector-active-after');
  const directoryFailsAfter = secondsOption(values['directory-fails-after'], '--directory-fails-after');
  const connectorFailsAfter = secondsOption(values['connector-fails-after'], '--connector-fails-after');
  const registrationActiveAfterSeconds = secondsOption(values['registration-active-after'], '--registration-active-after');
  const registrationFailsAfter = secondsOption(values['registration-fails-after'], '--registration-fails-after');
  const spnActiveAfterSeconds = secondsOption(values['spn-active-after'], '--spn-active-after');
  const spnFailsAfter = secondsOption(values['spn-fails-after'], '--spn-fails-after');
  const dataAccessEnabledAfterSeconds = secondsOption(values['data-access-enabled-after'], '--data-access-enabled-after');
  const dataAccessFailsAfterSeconds = secondsOption(values['data-access-fails-after'], '--data-access-fails-after');
  const deauthorizationSeconds = secondsOption(values['deauthorization-after'], '--deauthorization-after');
  if (values.force && !values.teardown) throw new UsageError('--force only applies to --teardown');
  if (values.plan) {
    const others = PLAN_EXCLUDES.filter((flag) => values[flag] !== undefined && values[flag] !== false && !(Array.isArray(values[flag]) && values[flag].length === 0));
    if (others.length > 0) throw new UsageError(`--plan takes only --input, --seed, --state and --json (not ${others.map((f) => `--${f}`).join(', ')})`);
    return runPlan(await prepare(values), values.json, out);
  }
  const prepared = await prepare(values);
  const { seed, faults, state, executionArn } = prepared;
  const input = values.force && prepared.input !== null && typeof prepared.input === 'object' ? { ...(prepared.input as object), Force: true } : prepared.input;
  // A `timeout` fault waits for the SDK's socket timeout: 1 s is plenty for the in-process emulator (for this run only).
  const restoreEnv = setEnv({}, faults.some((f) => f.error === 'timeout') ? { SDK_SOCKET_TIMEOUT_MS: '1000' } : {});

  const { runInNewWorld } = await import('./world.ts');
  let result: RunResult;
  try {
    result = await runInNewWorld(
      {
        seed: seed as never,
        emulator: {
          snapshot: state?.snapshot,
          faults,
          directoryActiveAfterSeconds,
          connectorActiveAfterSeconds,
          ...(registrationActiveAfterSeconds !== undefined ? { registrationActiveAfterSeconds } : {}),
          ...(spnActiveAfterSeconds !== undefined ? { spnActiveAfterSeconds } : {}),
          ...(dataAccessEnabledAfterSeconds !== undefined ? { dataAccessEnabledAfterSeconds } : {}),
          ...(dataAccessFailsAfterSeconds !== undefined ? { dataAccessFailsAfterSeconds } : {}),
          ...(deauthorizationSeconds !== undefined ? { deauthorizationSeconds } : {}),
          ...(registrationFailsAfter !== undefined
            ? { registrationOutcome: { statusReason: 'DIRECTORY_NOT_REACHABLE', afterSeconds: registrationFailsAfter } }
            : {}),
          ...(spnFailsAfter !== undefined
            ? { spnOutcome: { statusReason: 'SPN_EXISTS_ON_DIFFERENT_AD_OBJECT', afterSeconds: spnFailsAfter } }
            : {}),
          ...(directoryFailsAfter !== undefined
            ? { directoryOutcome: { stage: 'Failed', reason: DIRECTORY_FAILURE_REASON, afterSeconds: directoryFailsAfter } }
            : {}),
          ...(connectorFailsAfter !== undefined
            ? { connectorOutcome: { statusReason: 'VPC_ENDPOINT_LIMIT_EXCEEDED', afterSeconds: connectorFailsAfter } }
            : {}),
        },
      },
      {
        input,
        executionArn,
        machine: values.teardown ? 'teardown' : 'provision',
        onTimeline: values.json ? undefined : (e) => out(`${formatTimelineEntry(e)}\n`),
      },
    );
    state?.save(result.snapshot, { ...state.executions, [result.executionArn]: inputHash(input) });
  } finally {
    state?.release();
    restoreEnv();
  }

  if (values.json) {
    const { status, executionArn: arn, output, error, cause, transitions, apiCalls, world, simulatedSeconds, wallMs, detections } = result;
    out(`${JSON.stringify({ status, executionArn: arn, ...(status === 'SUCCEEDED' ? { output } : { error, cause }), transitions, apiCalls, world, simulatedSeconds, wallMs, detections })}\n`);
  } else {
    out(`${summary(result, values.teardown)}\n`);
  }
  return result.status === 'SUCCEEDED' ? EXIT_OK : EXIT_FAILED;
}

/** What --plan cannot be combined with: it runs no execution. */
const PLAN_EXCLUDES = [
  'execution-id', 'fault', 'teardown', 'force', 'directory-active-after', 'directory-fails-after', 'connector-active-after', 'connector-fails-after',
  'registration-active-after', 'registration-fails-after', 'spn-active-after', 'spn-fails-after', 'deauthorization-after',
] as const;

/** The plan as a table: one line per resource, its differences and remedy beneath, the totals, the warnings. */
export function planTable(plan: ChangePlan, apiCalls: Record<string, number>, writes: Record<string, number>): string {
  const rows = plan.plan.map((e) => [e.resource, e.action, e.id] as const);
  const w0 = Math.max(8, ...rows.map((r) => r[0].length));
  const w1 = Math.max(6, ...rows.map((r) => r[1].length));
  const lines = [`  ${'RESOURCE'.padEnd(w0)}  ${'ACTION'.padEnd(w1)}  ID`];
  for (const e of plan.plan) {
    lines.push(`  ${e.resource.padEnd(w0)}  ${e.action.padEnd(w1)}  ${e.id}`);
    for (const f of e.fields) lines.push(`      ${f.field}: ${f.existing} -> ${f.requested}`);
    if (e.remedy && e.action === 'conflict') lines.push(`      remedy: ${e.remedy}`);
    if (e.reason) lines.push(`      reason: ${e.reason}`);
  }
  const count = (action: string): number => plan.plan.filter((e) => e.action === action).length;
  const conflicts = count('conflict');
  lines.push(
    '',
    `  ${count('create')} to create, ${count('update')} to update, ${count('delete')} to delete, ${count('keep')} to keep, ${count('orphaned')} orphaned, ${count('warning')} warning(s), ${conflicts} conflict(s)`,
    conflicts > 0
      ? '  Applying this request would stop at PlanChanges (PlanConflictError) before any write.'
      : count('create') + count('update') + count('delete') === 0
        ? '  Applying this request changes nothing.'
        : '  npm start -- --input <the same file> applies it.',
  );
  for (const w of plan.warnings) lines.push(`  warning: ${w}`);
  const total = Object.values(writes).reduce((a, b) => a + b, 0);
  lines.push(`  API calls: ${Object.entries(apiCalls).map(([k, v]) => `${k}=${v}`).join(', ')} (${total} write call(s))`);
  return lines.join('\n');
}

/** --plan: the dry-run function's core against the world (read from --state, never saved back). */
async function runPlan(prepared: Awaited<ReturnType<typeof prepare>>, json: boolean, out: (text: string) => void): Promise<number> {
  const { InvalidRequestError } = await import('../../src/domain/errors.ts');
  const { writeCallsOf } = await import('./emulator/index.ts');
  const { withLocalWorld } = await import('./world.ts');
  const { state } = prepared;
  try {
    const { plan, apiCalls } = await withLocalWorld({ seed: prepared.seed as never, emulator: { snapshot: state?.snapshot } }, async ({ emulator }) => {
      const { planProvisioningCore } = await import('../../src/handlers/plan-provisioning.ts');
      try {
        return { plan: await planProvisioningCore({ Request: prepared.input }), apiCalls: { ...emulator.apiCalls } };
      } catch (err) {
        if (err instanceof InvalidRequestError) throw new UsageError(`--input: ${err.message}`);
        throw err;
      }
    });
    const writes = writeCallsOf(apiCalls);
    out(json ? `${JSON.stringify({ ...plan, apiCalls })}\n` : `${planTable(plan, apiCalls, writes)}\n`);
    return EXIT_OK;
  } finally {
    state?.release();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain(() => main(process.argv.slice(2)));
}
