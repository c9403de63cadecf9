/**
 * The local world, assembled in one place: the embedded emulator (the services of ./emulator/services.ts) on a
 * simulated clock + the local Step Functions endpoint running the provisioning workflow and the teardown
 * (./step-functions/), with this process pointed at both. The executions' status change events go to the real
 * record-execution-status function, as the rule of serverless/triggers.yml sends them on AWS. `npm start`, `npm run api`, `npm run world`, the tests, the
 * bench and the reliability harness all start it here.
 *
 * Sets the standard SDK variables in `process.env` (so the handlers, the API handlers and the executions CLI reach
 * the world unmodified), resets the handlers' cached clients, makes the handlers' clock the simulated one, and undoes
 * all of it on `stop()`:
 *  - `AWS_ENDPOINT_URL_SFN`, `STATE_MACHINE_ARN` and `TEARDOWN_STATE_MACHINE_ARN` always (the local world owns them);
 *  - the emulator's `AWS_ENDPOINT_URL_<SERVICE>`, region, dummy credentials, `COORDINATION_TABLE_NAME`,
 *    `RECORDS_TABLE_NAME`, `DEAD_LETTER_QUEUE_URL` (the emulated triggers' dead-letter queue) and `PLAN_FUNCTION_NAME`
 *    (the dry-run function the emulated Lambda runs): with
 *    `userEndpoints: 'keep'` (the default) only where unset, and a service the user pointed elsewhere (e.g.
 *    moto_server) is consulted there by the emulated Connector for AD; with `'replace'`, always.
 */
import { resetClients } from '../../src/aws/clients.ts';
import { handler as planProvisioning } from '../../src/handlers/plan-provisioning.ts';
import { setClock } from '../../src/lib/clock.ts';
import { setEnv } from '../env.ts';
import { runExecution } from './engine/execution.ts';
import { lambdaContext } from './lambda.ts';
import type { RunOptions, RunResult } from './engine/execution.ts';
import { DEFAULT_SEED_PATH, externalEndpointsFrom, loadSeed, startEmulator } from './emulator/index.ts';
import type { Emulator, EmulatorOptions, Seed } from './emulator/index.ts';
import { LocalStepFunctions } from './step-functions/service.ts';
import type { LocalSfnOptions } from './step-functions/service.ts';
import { startSfnServer } from './step-functions/server.ts';

/**
 * The coordination table the handlers use when COORDINATION_TABLE_NAME is unset. The emulator accepts any table name
 * (a table is created on first use), so a user-set name works as well.
 */
export const LOCAL_COORDINATION_TABLE_NAME = 'local-coordination';
/** The provisioning records table the handlers use when RECORDS_TABLE_NAME is unset (created on first use too). */
export const LOCAL_RECORDS_TABLE_NAME = 'local-provisioning-records';

/** The dry-run function's name in the local world (the emulated Lambda runs the real handler under it). */
export const LOCAL_PLAN_FUNCTION_NAME = 'planProvisioning';

export interface LocalWorldOptions {
  /** Default: tools/local/seeds/default.json. */
  seed?: Seed;
  emulator?: Partial<Omit<EmulatorOptions, 'seed'>>;
  /**
   * `'keep'` (default): the user's `AWS_ENDPOINT_URL_<SERVICE>`, region and credentials stay; `'replace'`: the
   * emulator serves every service whatever the environment says (the reliability harness).
   */
  userEndpoints?: 'keep' | 'replace';
  /** Port of the Step Functions endpoint (default: a free one). */
  sfnPort?: number;
  /** Hooks merged into every execution the local Step Functions runs (Lambda crash injection, timelines). */
  runOptions?: LocalSfnOptions['runOptions'];
  /** Wraps the target of the status change events (the reliability harness counts its calls apart from the Tasks'). */
  wrapStatusChange?: (target: NonNullable<LocalSfnOptions['onStatusChange']>) => NonNullable<LocalSfnOptions['onStatusChange']>;
}

export interface LocalWorld {
  readonly emulator: Emulator;
  readonly stepFunctions: LocalStepFunctions;
  readonly sfnEndpoint: string;
  readonly stateMachineArn: string;
  readonly teardownStateMachineArn: string;
  /** The variables a separate process needs to reach this world. */
  readonly env: Record<string, string>;
  /** Points this process at this world again (its variables, fresh cached clients, its clock), after another world. */
  activate(): void;
  /**
   * Stops the servers and restores the environment, the clients and the clock. Executions still running get
   * `waitMs` (default 5 s) to end first.
   */
  stop(opts?: { waitMs?: number }): Promise<void>;
}

export async function startLocalWorld(opts: LocalWorldOptions = {}): Promise<LocalWorld> {
  const seed = opts.seed ?? loadSeed(DEFAULT_SEED_PATH);
  const keep = (opts.userEndpoints ?? 'keep') === 'keep';
  const emulator = await startEmulator({
    seed,
    ...(keep ? { external: externalEndpointsFrom(process.env) } : {}),
    functions: { [LOCAL_PLAN_FUNCTION_NAME]: planProvisioning },
    ...opts.emulator,
  });
  // Imported when first used: the handler's module loads once this world has set the endpoint variables.
  const recordExecutionStatus: NonNullable<LocalSfnOptions['onStatusChange']> = async (event) => {
    const { handler } = await import('../../src/handlers/record-execution-status.ts');
    return handler(event as unknown as Parameters<typeof handler>[0], lambdaContext('recordExecutionStatus', { remainingMs: 30_000 }));
  };
  const stepFunctions = new LocalStepFunctions({
    emulator,
    seed,
    ...(opts.runOptions ? { runOptions: opts.runOptions } : {}),
    onStatusChange: opts.wrapStatusChange ? opts.wrapStatusChange(recordExecutionStatus) : recordExecutionStatus,
  });
  const server = await startSfnServer(stepFunctions, opts.sfnPort ?? 0);
  const owned = {
    AWS_ENDPOINT_URL_SFN: server.endpoint,
    STATE_MACHINE_ARN: stepFunctions.stateMachineArn,
    TEARDOWN_STATE_MACHINE_ARN: stepFunctions.teardownStateMachineArn,
  };
  const emulated = {
    ...emulator.env(),
    COORDINATION_TABLE_NAME: LOCAL_COORDINATION_TABLE_NAME,
    RECORDS_TABLE_NAME: LOCAL_RECORDS_TABLE_NAME,
    DEAD_LETTER_QUEUE_URL: emulator.deadLetterQueueUrl,
    PLAN_FUNCTION_NAME: LOCAL_PLAN_FUNCTION_NAME,
  };
  const restore = keep ? setEnv(owned, emulated) : setEnv({ ...emulated, ...owned });
  const env: Record<string, string> = {};
  for (const key of [...Object.keys(emulated), ...Object.keys(owned)]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  const activate = (): void => {
    setEnv(env);
    resetClients();
    // The handlers' clock follows the simulated one: the creation lease lapses while Retry pauses are simulated.
    setClock(() => new Date(emulator.clock.now()));
  };
  activate();
  return {
    emulator,
    stepFunctions,
    sfnEndpoint: server.endpoint,
    stateMachineArn: stepFunctions.stateMachineArn,
    teardownStateMachineArn: stepFunctions.teardownStateMachineArn,
    env,
    activate,
    stop: async ({ waitMs = 5_000 } = {}) => {
      await Promise.race([stepFunctions.idle(), ...(Number.isFinite(waitMs) ? [new Promise((r) => setTimeout(r, waitMs).unref())] : [])]);
      await server.stop();
      await emulator.stop();
      setClock();
      restore();
      resetClients();
    },
  };
}

/** One execution in a new local world (`npm start`, one-off runs): the world's options, then the run's. */
export const runInNewWorld = (world: LocalWorldOptions, run: RunOptions): Promise<RunResult> =>
  withLocalWorld(world, ({ emulator }) => runExecution(emulator, run));

/** Runs `use` in a new local world, stopped (and the environment restored) whatever happens. */
export async function withLocalWorld<T>(opts: LocalWorldOptions, use: (world: LocalWorld) => Promise<T>): Promise<T> {
  const world = await startLocalWorld(opts);
  try {
    return await use(world);
  } finally {
    await world.stop();
  }
}
