/**
 * Fault × rerun matrix over the local world (tools/verify/matrix/): every AWS call the workflow makes × {throttled,
 * 5xx, terminal, lost response, Lambda crash before / timeout after the call, transport faults} × {Step Functions
 * retry, redrive, new execution, duplicate start}. This file: the rows, how a failure is judged, the covering subset
 * `npm test` runs (every row with each kind that acts after the call's effect and each rerun, every state with each
 * kind that hits before it, every fault kind with every rerun) and two
 * executions meeting at the change lease. The cells run in matrix-provisioning-N.test.ts (the provisioning rows, in
 * shards), matrix-teardown.test.ts and matrix-day-two.test.ts; `FULL_CHECKS=1` runs every cell there, as
 * `npm run verify:reliability` does.
 */
import '../../../tools/verify/env.ts';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  BEFORE_EFFECT_KINDS, FAULT_KINDS, RERUNS, TEARDOWN_RERUNS, allCells, coveringCells, discoverTargets, isApplicable, judgeFailure, shardOf, terminalErrorFor,
} from '../../../tools/verify/matrix/index.ts';
import type { Target } from '../../../tools/verify/matrix/index.ts';
import type { ExecutionRun } from '../../../tools/verify/harness.ts';
import { PROVISIONING_SHARDS, cellName, coverageGaps, flat } from '../../support/matrix.ts';

const run = (over: Partial<ExecutionRun>): ExecutionRun => ({
  executionArn: 'arn', status: 'FAILED', timeline: [], tasks: [], apiCalls: {}, ...over,
});
const entry = (kind: 'state' | 'caught' | 'retry', state: string) => ({ kind, state, text: state, simulatedSeconds: 0, wallMs: 0 });
const CREATE_DIRECTORY: Target = { state: 'CreateDirectory', call: 'DirectoryService.CreateDirectory', service: 'DirectoryService', op: 'CreateDirectory' };
describe('fault × rerun matrix: rows and expectations', () => {
  it('discovers the rows from the emulator calls of a clean run (every Task state and the PutEvents integration)', async () => {
    // Act
    const targets = await discoverTargets();
    // Assess
    const rows = targets.map((t) => `${t.state} ${t.call}`);
    for (const expected of [
      'ValidateRequest EC2.DescribeSubnets',
      'ValidateRequest SecretsManager.GetSecretValue',
      'AcquireChangeLease DynamoDB.PutItem',
      'AcquireChangeLease DynamoDB.UpdateItem',
      'CreateDirectory DirectoryService.DescribeDirectories',
      'CreateDirectory DirectoryService.CreateMicrosoftAD',
      'CreateDirectory DirectoryService.ConnectDirectory',
      'GetDirectoryStage DirectoryService.DescribeDirectories',
      'EnableDirectoryDataAccess DirectoryService.DescribeDirectoryDataAccess',
      'EnableDirectoryDataAccess DirectoryService.EnableDirectoryDataAccess',
      'GetDirectoryDataAccessStatus DirectoryService.DescribeDirectoryDataAccess',
      'ResolveGroups DirectoryServiceData.DescribeGroup',
      'CreateConnector PcaConnectorAd.CreateConnector',
      'GetConnectorStatus PcaConnectorAd.GetConnector',
      'RecordProvisioning DynamoDB.UpdateItem',
      'RecordProvisioning DynamoDB.DeleteItem',
      'PublishSucceededEvent EventBridge.PutEvents',
    ]) {
      assert.ok(rows.includes(expected), `${expected} not discovered: ${rows.join(', ')}`);
    }
    for (const t of targets) if (t.state !== 'PublishSucceededEvent') assert.ok(terminalErrorFor(t), `no catalog terminal error for ${t.state} ${t.call}`);
    // A row only the AD Connector sample makes is run with that sample.
    assert.equal(targets.find((t) => t.call === 'DirectoryService.ConnectDirectory')?.sample, 'execution-input-ad-connector.json');
    // The plan over these rows keeps the subset's promise, and the shard files together run all of it, once.
    const plan = coveringCells(targets);
    assert.deepEqual(coverageGaps(targets, plan.map(flat)), []);
    const shards = Array.from({ length: PROVISIONING_SHARDS }, (_, index) => {
      assert.ok(existsSync(new URL(`matrix-provisioning-${index + 1}.test.ts`, import.meta.url)), `no shard file ${index + 1}`);
      const rows = shardOf(targets, { index, count: PROVISIONING_SHARDS });
      return plan.filter((c) => rows.includes(c.target)).map((c) => cellName(flat(c)));
    });
    assert.deepEqual(shards.flat().sort(), plan.map((c) => cellName(flat(c))).sort());
  });

  it('judges a failure by the catalog: documented and handled as catalogued, at the faulted state', () => {
    // uncaught retryable error at the faulted state: documented (remedy: redrive)
    assert.equal(judgeFailure(run({ error: 'ServiceException', timeline: [entry('state', 'CreateDirectory')] }), CREATE_DIRECTORY), undefined);
    // caught terminal error: documented (remedy: new execution)
    assert.equal(judgeFailure(run({ error: 'DirectoryLimitExceededException', timeline: [entry('state', 'CreateDirectory'), entry('caught', 'CreateDirectory')] }), CREATE_DIRECTORY, true), undefined);
    // a name the catalog does not have
    assert.match(judgeFailure(run({ error: 'InternalFailure', timeline: [entry('state', 'CreateDirectory')] }), CREATE_DIRECTORY) ?? '', /not in the error catalog/);
    // a catch-only error that ended uncaught
    assert.match(judgeFailure(run({ error: 'DirectoryLimitExceededException', timeline: [entry('state', 'CreateDirectory')] }), CREATE_DIRECTORY) ?? '', /uncaught/);
    // failed somewhere else than where the fault was injected
    assert.match(judgeFailure(run({ error: 'ServiceException', timeline: [entry('state', 'GetDirectoryStage')] }), CREATE_DIRECTORY) ?? '', /not at CreateDirectory/);
  });
});

describe('fault × rerun matrix: the covering subset', () => {
  const row = (state: string, call: string): Target => {
    const [service = '', op = ''] = call.split('.');
    return { state, call, service, op };
  };
  const ROWS = [
    row('ValidateRequest', 'EC2.DescribeSubnets'), row('ValidateRequest', 'SecretsManager.GetSecretValue'),
    row('CreateDirectory', 'DirectoryService.DescribeDirectories'), row('CreateDirectory', 'DirectoryService.CreateMicrosoftAD'),
    row('GetDirectoryStage', 'DirectoryService.DescribeDirectories'), row('CreateConnector', 'PcaConnectorAd.CreateConnector'),
    row('PublishSucceededEvent', 'EventBridge.PutEvents'),
  ];

  it('covers every row with each kind that hits after the effect and each rerun, every state with each kind that hits before, every kind with every rerun, in far fewer cells', () => {
    // Act
    const subset = coveringCells(ROWS).map(flat);
    // Assess
    const full = allCells(ROWS).map(flat);
    assert.deepEqual(coverageGaps(ROWS, subset), []);
    assert.equal(full.length, ROWS.reduce((n, t) => n + FAULT_KINDS.filter((k) => isApplicable(t, k)).length * RERUNS.length, 0), 'the full grid is every applicable cell');
    assert.deepEqual(coverageGaps(ROWS, full), [], 'the checker accepts the full grid');
    assert.ok(coverageGaps(ROWS, subset.filter((c) => c.rerun !== 'redrive')).length > 0, 'the checker sees a missing rerun');
    assert.ok(coverageGaps(ROWS, subset.filter((c) => !(c.state === 'ValidateRequest' && c.kind === 'throttled'))).includes('state ValidateRequest never gets throttled'), 'the checker sees a state without a kind that hits before');
    assert.ok(coverageGaps(ROWS, subset.filter((c) => !(c.call === 'SecretsManager.GetSecretValue' && c.kind === 'lost-response'))).length > 0, 'the checker sees a row without a kind that hits after');
    // A kind that hits before the effect goes to one row of a state, not to each (unless a (kind, rerun) pair needs it).
    assert.ok(BEFORE_EFFECT_KINDS.some((kind) => subset.filter((c) => c.state === 'CreateDirectory' && c.kind === kind).length === 1));
    assert.ok(subset.every((c) => full.some((f) => cellName(f) === cellName(c))), 'only cells of the grid');
    assert.equal(new Set(subset.map(cellName)).size, subset.length, 'no cell twice');
    assert.ok(subset.length * 3 < full.length, `${subset.length} of ${full.length} cells`);
    assert.deepEqual(coveringCells(ROWS).map(flat), subset, 'the same cells every time');
  });

  it('covers the teardown rows on their own, with the teardown reruns (no duplicate start)', () => {
    // Prepare
    const teardownRows: Target[] = [
      { ...row('DiscoverResources', 'DirectoryService.DescribeDirectories'), machine: 'teardown' },
      { ...row('DeleteConnectors', 'PcaConnectorAd.DeleteConnector'), machine: 'teardown' },
      { ...row('PublishSucceededEvent', 'EventBridge.PutEvents'), machine: 'teardown' },
    ];
    // Act
    const subset = coveringCells([...ROWS, ...teardownRows]).map(flat);
    // Assess
    assert.deepEqual(coverageGaps([...ROWS, ...teardownRows], subset), []);
    const teardown = subset.filter((c) => c.machine === 'teardown');
    assert.ok(teardown.length > 0 && teardown.every((c) => c.rerun !== 'duplicate-start'), 'a teardown cell with duplicate start');
    assert.deepEqual(subset.filter((c) => !c.machine), coveringCells(ROWS).map(flat), 'the provisioning cells do not change');
    assert.equal(allCells(teardownRows).length, teardownRows.reduce((n, t) => n + FAULT_KINDS.filter((k) => isApplicable(t, k)).length * TEARDOWN_RERUNS.length, 0));
  });

  it('still covers every fault kind with every rerun when there are too few rows for the rotation', () => {
    // Act
    const rows = ROWS.slice(0, 1);
    const subset = coveringCells(rows).map(flat);
    // Assess
    assert.deepEqual(coverageGaps(rows, subset), []);
  });
});

describe('beyond the matrix: two different executions for the same request at the same time', () => {
  it('one changes the directory, the other is refused at its change lease (ConcurrentChangeError, nothing written): one directory, one connector', async () => {
    // Prepare
    const { Harness, defaultInput } = await import('../../../tools/verify/harness.ts');
    const { dynamoDb } = await import('../../../src/aws/clients.ts');
    const harness = await Harness.start();
    try {
      const input = JSON.stringify(defaultInput());
      // Synchronised on events, not on timing: whichever execution takes the change lease first is held right after
      // its PutItem until the other one's PutItem has been refused, so both really meet at the lease.
      let refused!: () => void;
      const otherRefused = new Promise<void>((resolve) => (refused = resolve));
      let leaseTaken = false;
      dynamoDb().middlewareStack.add(
        (next) => async (args) => {
          try {
            const out = await next(args);
            if (!leaseTaken) {
              leaseTaken = true;
              await otherRefused;
            }
            return out;
          } catch (err) {
            if ((err as Error).name === 'ConditionalCheckFailedException') refused();
            throw err;
          }
        },
        { step: 'initialize', name: 'holdFirstLeaseUntilTheOtherIsRefused' },
      );
      // Never a hang: the held execution is inside its AcquireChangeLease attempt, so the first attempt to end is the
      // other's (refused, or failed some other way, which the assertions below then report).
      harness.hooks = { after: (state) => { if (state === 'AcquireChangeLease') refused(); } };
      // Act: e.g. the same request sent once as an event and once to the API (two names, so no name idempotency)
      const arns = ['first', 'second'].map((name) => String(harness.stepFunctions.StartExecution({ stateMachineArn: harness.stateMachineArn, name, input })['executionArn']));
      await harness.stepFunctions.idle();
      // Assess
      const { directories, connectors } = harness.resources();
      assert.equal(directories.length, 1, `${directories.length} directories`);
      assert.equal(connectors.length, 1, `${connectors.length} connectors`);
      const ends = arns.map((executionArn) => harness.stepFunctions.DescribeExecution({ executionArn }));
      assert.deepEqual(ends.map((e) => e['status']).sort(), ['FAILED', 'SUCCEEDED'], JSON.stringify(ends.map((e) => [e['error'], e['cause']])));
      const loser = ends.find((e) => e['status'] === 'FAILED') as Record<string, unknown>;
      assert.equal(loser['error'], 'ConcurrentChangeError');
      const entered = (harness.stepFunctions.GetExecutionHistory({ executionArn: loser['executionArn'], maxResults: 1000 })['events'] as { stateEnteredEventDetails?: { name?: string } }[])
        .flatMap((e) => (e.stateEnteredEventDetails?.name ? [e.stateEnteredEventDetails.name] : []));
      assert.ok(!entered.includes('CreateDirectory'), `the refused execution went on: ${entered.join(' ')}`);
      assert.equal(harness.emulator.apiCalls['DirectoryService.CreateMicrosoftAD'], 1);
      // The winner's record lists it alone; the refused one is in no record.
      const [record] = harness.records();
      assert.deepEqual(Object.values(record?.executions ?? {}).map((e) => [e.executionArn, e.status]), [[ends.find((e) => e['status'] === 'SUCCEEDED')?.['executionArn'], 'SUCCEEDED']]);
    } finally {
      await harness.stop();
    }
  });
});
