/**
 * Detection in the local world: the real ASL and handlers on the emulator, whose lifecycles end at set simulated
 * times, so every figure here is exact (simulated seconds and billed transitions, no wall time). The bench measures
 * the same over the whole range (docs/performance.md); this checks the goals at their worst case.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DirectoryType, ProvisioningRequest } from '../../../src/contract.ts';
import { waitedResource } from '../../../src/workflow/waits.ts';
import type { EmulatorOptions } from '../../../tools/local/emulator/index.ts';
import type { RunResult } from '../../../tools/local/engine/execution.ts';
import { runInNewWorld } from '../../../tools/local/world.ts';
import { defaultSeed, sampleMicrosoftAdRequest, sampleRequest, sampleSimpleAdRequest } from '../../fixtures.ts';

/** The --json world counts: directories, connectors and the CA shares (one per connector run here). */
const world = (directories: number, connectors: number, more: Partial<Record<string, number>> = {}) => ({
  directories,
  connectors,
  directoryRegistrations: connectors,
  servicePrincipalNames: connectors,
  templates: 0,
  accessControlEntries: 0,
  resourceShares: connectors,
  directoryDataAccessEnabled: 0,
  groupsCreated: 0,
  ...more,
});

process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';

const GOAL_MAX_LATENCY = 60;
const GOAL_SAMPLE_LATENCY_SUM = 60;
/** The directory's poll interval, and that of the waits after it (the connector's stands for them). */
const DIRECTORY_INTERVAL = waitedResource('directory').pollIntervalSeconds;
const CONNECTOR_INTERVAL = waitedResource('connector').pollIntervalSeconds;
const GOAL_TRANSITIONS_MANAGED_AD_40_MIN = 90;
const GOAL_FAILURE_REPORTED_BY = 240;
/**
 * States a successful execution enters once each; every other billed transition is a retry (a poll). The Simple AD
 * sample has no Connector (AWS does not support one on it): NoConnector instead of the connector-side Tasks. The
 * Managed AD sample has no template, so no group to resolve: NoGroupNames instead of Directory Data access. Both take
 * the change lease and plan first, and end in RecordProvisioning and EndProvisioning.
 */
const STATES_ENTERED: Record<Exclude<DirectoryType, 'ADConnector'>, number> = { SimpleAD: 13, MicrosoftAD: 21 };
/** The CA share is created ASSOCIATING; ShareCertificateAuthority's one retry finds it ASSOCIATED (5 simulated s). */
const SHARE_RETRIES: Record<Exclude<DirectoryType, 'ADConnector'>, number> = { SimpleAD: 0, MicrosoftAD: 1 };

const sample = (type: DirectoryType, directoryTimeoutMinutes = 90): ProvisioningRequest => {
  const input = type === 'SimpleAD' ? sampleSimpleAdRequest() : sampleMicrosoftAdRequest();
  return { ...input, Options: { ...input.Options, DirectoryTimeoutMinutes: directoryTimeoutMinutes } };
};

const run = (type: DirectoryType, emulator: Partial<EmulatorOptions> = {}, timeoutMinutes?: number): Promise<RunResult> =>
  runInNewWorld({ seed: defaultSeed(), emulator }, { input: sample(type, timeoutMinutes) });

const detection = (r: RunResult, resource: string) => {
  const d = r.detections.find((x) => x.resource === resource);
  assert.ok(d, `${resource} detection in ${JSON.stringify(r.detections)}`);
  return d;
};

describe('detection latency, failure reporting and transitions (local world, simulated clock)', () => {
  // Polls run at creation + k × interval, so a resource ready 1 s after a poll waits the longest: its interval − 1 s.
  for (const type of ['SimpleAD', 'MicrosoftAD'] as const) {
    for (const minutes of [5, 20, 40, 60]) {
      it(`${type} Active at ${minutes} min, just after a poll: seen within ${GOAL_MAX_LATENCY} s, and so is the connector (if any)`, async () => {
        // Prepare: activation 1 s after the last poll before `minutes`
        const activation = Math.floor((minutes * 60) / DIRECTORY_INTERVAL) * DIRECTORY_INTERVAL + 1;
        // Act
        const r = await run(type, { directoryActiveAfterSeconds: activation, connectorActiveAfterSeconds: CONNECTOR_INTERVAL + 1 });
        // Assess
        assert.equal(r.status, 'SUCCEEDED', `${r.error ?? ''} ${r.cause ?? ''}`);
        const directory = detection(r, 'directory');
        const connector = type === 'MicrosoftAD' ? detection(r, 'connector') : undefined;
        assert.equal(r.detections.some((d) => d.resource === 'connector'), connector !== undefined);
        assert.deepEqual(r.detections.map((d) => d.resource), type === 'MicrosoftAD'
          ? ['directory', 'directoryRegistration', 'connector', 'servicePrincipalName']
          : ['directory']);
        assert.equal(directory.readyAtSeconds, activation);
        for (const [d, interval] of [[directory, DIRECTORY_INTERVAL], ...(connector ? [[connector, CONNECTOR_INTERVAL] as const] : [])] as const) {
          const latency = (d.detectedAtSeconds ?? Infinity) - (d.readyAtSeconds ?? 0);
          assert.equal(latency, interval - 1, `${d.resource}: the worst case of a ${interval} s interval`);
        }
        for (const d of r.detections) {
          const latency = (d.detectedAtSeconds ?? Infinity) - (d.readyAtSeconds ?? 0);
          assert.ok(latency >= 0 && latency <= GOAL_MAX_LATENCY, `${d.resource}: ${latency} s`);
        }
        // one transition per poll: the states entered once, plus one retry per poll after the first of each
        const polls = r.detections.reduce((sum, d) => sum + d.polls - 1, 0);
        assert.equal(r.transitions, STATES_ENTERED[type] + SHARE_RETRIES[type] + polls);
      });
    }

    it(`${type} that fails at minute 2 is reported FAILED (DirectoryFailed) by minute 4`, async () => {
      const r = await run(type, {
        directoryOutcome: { stage: 'Failed', reason: 'Insufficient IP addresses (test)', afterSeconds: 121 },
      });
      assert.equal(r.status, 'FAILED');
      assert.equal(r.error, 'DirectoryFailed');
      assert.match(r.cause ?? '', /is Failed: Insufficient IP addresses \(test\)$/);
      const d = detection(r, 'directory');
      assert.equal(d.readyAtSeconds, 121);
      assert.ok((d.detectedAtSeconds ?? Infinity) - 121 < DIRECTORY_INTERVAL);
      assert.ok(r.simulatedSeconds <= GOAL_FAILURE_REPORTED_BY, `reported at ${r.simulatedSeconds} s`);
    });
  }

  it(`a Managed AD Active at 40 min: the whole successful run stays within ${GOAL_TRANSITIONS_MANAGED_AD_40_MIN} transitions`, async () => {
    const transitions: number[] = [];
    for (const offset of [0, 1, CONNECTOR_INTERVAL - 1, DIRECTORY_INTERVAL - 1]) {
      const r = await run('MicrosoftAD', { directoryActiveAfterSeconds: 2400 + offset, connectorActiveAfterSeconds: 120 + offset });
      assert.equal(r.status, 'SUCCEEDED');
      transitions.push(r.transitions);
    }
    assert.ok(Math.max(...transitions) <= GOAL_TRANSITIONS_MANAGED_AD_40_MIN, `transitions ${transitions.join(', ')}`);
  });

  it(`the default sample in the default world (npm start): its five waits' detection latencies sum to at most ${GOAL_SAMPLE_LATENCY_SUM} s`, async () => {
    const r = await runInNewWorld({ seed: defaultSeed() }, { input: sampleRequest() });
    assert.equal(r.status, 'SUCCEEDED', `${r.error ?? ''} ${r.cause ?? ''}`);
    assert.deepEqual(r.detections.map((d) => d.resource), ['directory', 'directoryDataAccess', 'directoryRegistration', 'connector', 'servicePrincipalName']);
    const latencies = r.detections.map((d) => (d.detectedAtSeconds ?? Infinity) - (d.readyAtSeconds ?? 0));
    assert.ok(latencies.every((l) => l >= 0), latencies.join(', '));
    const sum = latencies.reduce((a, b) => a + b, 0);
    assert.ok(sum <= GOAL_SAMPLE_LATENCY_SUM, `${latencies.join(' + ')} = ${sum} s`);
  });

  it('past the deadline: DirectoryActivationTimeoutError within one interval of it; a new execution adopts with a fresh deadline', async () => {
    // Prepare: a Managed AD with the least deadline (20 min) that takes 30 min
    const first = await run('MicrosoftAD', { directoryActiveAfterSeconds: 1800 }, 20);
    // Assess the first execution
    assert.equal(first.status, 'FAILED');
    assert.equal(first.error, 'DirectoryActivationTimeoutError');
    assert.match(first.cause ?? '', /is still Creating after \d+ s of waiting, past its deadline /);
    assert.ok(first.simulatedSeconds >= 1200 && first.simulatedSeconds < 1200 + DIRECTORY_INTERVAL, `failed at ${first.simulatedSeconds} s`);
    assert.equal(detection(first, 'directory').detectedAtSeconds, null, 'never seen ready');
    // Act: the runbook's remedy, a new execution with the same input on the same world
    const second = await run('MicrosoftAD', { snapshot: first.snapshot, directoryActiveAfterSeconds: 1800 }, 20);
    // Assess
    assert.equal(second.status, 'SUCCEEDED', `${second.error ?? ''} ${second.cause ?? ''}`);
    const out = second.output as { DirectoryAdopted: boolean; DirectoryId: string };
    assert.equal(out.DirectoryAdopted, true);
    assert.equal(second.apiCalls['DirectoryService.CreateMicrosoftAD'] ?? 0, 0);
    assert.deepEqual(second.world, world(1, 1));
  });
});
