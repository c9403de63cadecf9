/**
 * Load: N concurrent executions (distinct directory names) in ONE local world (one emulator, one local Step
 * Functions service, limits raised in its seed) while a seeded 20 % of all Directory Service and PCA Connector AD
 * calls are throttled (emulator rate faults). Every execution must succeed, and every request must own exactly one
 * directory and one connector.
 *
 * The simulated clock is shared: every execution's poll pauses and retry back-offs advance the same clock, so with
 * N executions in flight simulated time runs up to N times faster than any one execution waits. That changes how
 * many polls an execution needs (directories look Active sooner), not correctness: a poll reports a ready resource
 * before it looks at its deadline, and deadlines and lifecycles are on the same clock, so no resource is past its
 * deadline while still being created; find-or-create matches by Name + VPC, and the connector ClientToken is
 * derived from the execution ARN.
 */
import './env.ts';
import { setEnv } from '../env.ts';
import { Harness, defaultInput, defaultSeed } from './harness.ts';

export interface LoadResult {
  executions: number;
  succeeded: number;
  failed: { executionArn: string; error?: string; cause?: string }[];
  duplicates: number;
  directories: number;
  connectors: number;
  wallMs: number;
  apiCalls: number;
  apiCallsPerExecution: number;
  /** State-machine retries (StateRetried) across all executions. */
  retries: number;
  simulatedSeconds: number;
}

export const runLoad = async (opts: { executions?: number; throttleRate?: number; seed?: number; sdkMaxAttempts?: number } = {}): Promise<LoadResult> => {
  const count = opts.executions ?? 200;
  const rate = opts.throttleRate ?? 0.2;
  // SDK retries at their default; connections and sockets given time: on a busy machine the in-process emulator
  // answers late because it shares one event loop with every execution, which is not the network fault measured here.
  const restore = setEnv({
    AWS_MAX_ATTEMPTS: String(opts.sdkMaxAttempts ?? 3),
    SDK_CONNECTION_TIMEOUT_MS: '120000',
    SDK_SOCKET_TIMEOUT_MS: '120000',
  });
  const harness = await Harness.start({
    seed: { ...defaultSeed(), directoryLimit: count + 10, connectorLimit: count + 10 },
    emulator: {
      randomSeed: opts.seed ?? 7,
      faults: [
        { operation: 'DirectoryService.*', error: 'ClientException', message: 'Rate exceeded', rate },
        { operation: 'PcaConnectorAd.*', error: 'ThrottlingException', rate },
      ],
    },
  });
  const startedAt = performance.now();
  const simStart = harness.emulator.clock.elapsedSeconds();
  try {
    const arns = Array.from({ length: count }, (_, i) => {
      const input = defaultInput() as { Directory: Record<string, unknown> };
      input.Directory['Name'] = `load${String(i).padStart(3, '0')}.example.com`;
      const out = harness.stepFunctions.StartExecution({ stateMachineArn: harness.stateMachineArn, name: `load-${i}`, input: JSON.stringify(input) });
      return String(out['executionArn']);
    });
    await harness.stepFunctions.idle();
    const wallMs = Math.round(performance.now() - startedAt);
    const described = arns.map((executionArn) => harness.stepFunctions.DescribeExecution({ executionArn }));
    const failed = described
      .filter((d) => d['status'] !== 'SUCCEEDED')
      .map((d) => ({ executionArn: String(d['executionArn']), ...(d['error'] ? { error: String(d['error']) } : {}), ...(d['cause'] ? { cause: String(d['cause']) } : {}) }));
    const { directories, connectors } = harness.resources();
    const perName = new Map<string, number>();
    for (const d of directories) perName.set(d.Name.toLowerCase(), (perName.get(d.Name.toLowerCase()) ?? 0) + 1);
    const perDirectory = new Map<string, number>();
    for (const c of connectors) perDirectory.set(c.DirectoryId, (perDirectory.get(c.DirectoryId) ?? 0) + 1);
    const duplicates = [...perName.values(), ...perDirectory.values()].filter((n) => n > 1).length;
    const apiCalls = Object.values(harness.emulator.apiCalls).reduce((a, b) => a + b, 0);
    return {
      executions: count,
      succeeded: described.filter((d) => d['status'] === 'SUCCEEDED').length,
      failed,
      duplicates,
      directories: directories.length,
      connectors: connectors.length,
      wallMs,
      apiCalls,
      apiCallsPerExecution: Math.round((apiCalls / count) * 10) / 10,
      retries: harness.timelineEntries().filter((e) => e.kind === 'retry').length,
      simulatedSeconds: Math.round(harness.emulator.clock.elapsedSeconds() - simStart),
    };
  } finally {
    await harness.stop();
    restore();
  }
};
