/**
 * The local world: the embedded emulator (Directory Service, PCA Connector AD, Secrets Manager, ACM PCA, EC2,
 * EventBridge, DynamoDB) on a simulated clock + the local Step Functions endpoint executing the provisioning workflow
 * and the teardown.
 * Sets the standard SDK variables in `process.env` (so the handlers, the API handlers and the executions CLI reach
 * them unmodified) and restores them on `stop()`:
 *  - `AWS_ENDPOINT_URL_SFN`, `STATE_MACHINE_ARN` and `TEARDOWN_STATE_MACHINE_ARN` always (the local world owns
 *    them);
 *  - the emulator's `AWS_ENDPOINT_URL_<SERVICE>`, region, dummy credentials, `COORDINATION_TABLE_NAME` and
 *    `DEAD_LETTER_QUEUE_URL` (the emulated triggers' dead-letter queue) unless already set
 *    (a user pointing Directory Service at moto_server keeps that, as with `npm start`).
 */
import { resetClients } from '../../src/aws/clients.ts';
import { setClock } from '../../src/lib/clock.ts';
import { DEFAULT_SEED_PATH, externalEndpointsFrom, loadSeed, startEmulator } from './emulator/index.ts';
import { LOCAL_COORDINATION_TABLE_NAME } from './engine.ts';
import type { Emulator, EmulatorOptions, Seed } from './emulator/index.ts';
import { LocalStepFunctions } from './step-functions/service.ts';
import type { LocalSfnOptions } from './step-functions/service.ts';
import { startSfnServer } from './step-functions/server.ts';

export interface LocalWorldOptions {
  /** Default: tools/local/seeds/default.json. */
  seed?: Seed;
  emulator?: Partial<Omit<EmulatorOptions, 'seed'>>;
  /** Port of the Step Functions endpoint (default: a free one). */
  sfnPort?: number;
  runOptions?: LocalSfnOptions['runOptions'];
}

export interface LocalWorld {
  readonly emulator: Emulator;
  readonly stepFunctions: LocalStepFunctions;
  readonly sfnEndpoint: string;
  readonly stateMachineArn: string;
  readonly teardownStateMachineArn: string;
  /** The variables a separate process needs to reach this world. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

const applyEnv = (forced: Record<string, string>, defaults: Record<string, string>): (() => void) => {
  const saved = new Map<string, string | undefined>();
  const set = (key: string, value: string) => {
    if (!saved.has(key)) saved.set(key, process.env[key]);
    process.env[key] = value;
  };
  for (const [k, v] of Object.entries(defaults)) if (!process.env[k]) set(k, v);
  for (const [k, v] of Object.entries(forced)) set(k, v);
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
    }
  };
};

export async function startLocalWorld(opts: LocalWorldOptions = {}): Promise<LocalWorld> {
  const seed = opts.seed ?? loadSeed(DEFAULT_SEED_PATH);
  // Services the user pointed elsewhere (e.g. moto_server) are consulted there by the emulated connector service.
  const emulator = await startEmulator({ seed, external: externalEndpointsFrom(process.env), ...opts.emulator });
  const stepFunctions = new LocalStepFunctions({ emulator, seed, ...(opts.runOptions ? { runOptions: opts.runOptions } : {}) });
  const server = await startSfnServer(stepFunctions, opts.sfnPort ?? 0);
  const forced = {
    AWS_ENDPOINT_URL_SFN: server.endpoint,
    STATE_MACHINE_ARN: stepFunctions.stateMachineArn,
    TEARDOWN_STATE_MACHINE_ARN: stepFunctions.teardownStateMachineArn,
  };
  const defaults = { ...emulator.env(), COORDINATION_TABLE_NAME: LOCAL_COORDINATION_TABLE_NAME, DEAD_LETTER_QUEUE_URL: emulator.deadLetterQueueUrl };
  const restore = applyEnv(forced, defaults);
  resetClients();
  const env: Record<string, string> = {};
  for (const key of [...Object.keys(defaults), ...Object.keys(forced)]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return {
    emulator,
    stepFunctions,
    sfnEndpoint: server.endpoint,
    stateMachineArn: stepFunctions.stateMachineArn,
    teardownStateMachineArn: stepFunctions.teardownStateMachineArn,
    env,
    stop: async () => {
      await Promise.race([stepFunctions.idle(), new Promise((r) => setTimeout(r, 5_000).unref())]);
      await server.stop();
      await emulator.stop();
      setClock();
      restore();
      resetClients();
    },
  };
}
