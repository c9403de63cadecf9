/**
 * Fault × rerun matrix over the local world (tools/verify/matrix/): every AWS call the workflow makes × {throttled,
 * 5xx, terminal, lost response, Lambda crash before / timeout after the call, transport faults} × {Step Functions
 * retry, redrive, new execution, duplicate start}. Each execution must end SUCCEEDED or in the catalog's documented
 * failure, and every cell must leave at most one directory and one connector. Here the covering subset runs (every
 * row with each of its fault kinds and each rerun, every fault kind with every rerun); `FULL_CHECKS=1` runs every
 * cell, as `npm run verify:reliability` does. The teardown's rows (its calls after a clean provisioning) get the same
 * faults with retry, redrive and new execution, each cell starting from one provisioned world's snapshot, and every
 * teardown cell must end with 0 of the tool's resources left and the foreign directory still there. No cell may lose a
 * record: every execution that took its directory's change lease is in its provisioning record with the status it
 * ended with.
 */
import '../../../tools/verify/env.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FAULT_KINDS, RERUNS, TEARDOWN_RERUNS, allCells, coveringCells, discoverDayTwoTargets, discoverTargets, discoverTeardownTargets, formatMatrix, isApplicable, judgeFailure, runMatrix, terminalErrorFor,
} from '../../../tools/verify/matrix/index.ts';
import { DAY_ONE, DAY_TWO, lostUpdates } from '../../../tools/verify/day-two.ts';
import { Harness } from '../../../tools/verify/harness.ts';
import type { FaultKind, Rerun, Target } from '../../../tools/verify/matrix/index.ts';
import type { ExecutionRun } from '../../../tools/verify/harness.ts';
import { fullChecks } from '../../../tools/verify/full-checks.ts';

const run = (over: Partial<ExecutionRun>): ExecutionRun => ({
  executionArn: 'arn', status: 'FAILED', timeline: [], tasks: [], apiCalls: {}, ...over,
});
const entry = (kind: 'state' | 'caught' | 'retry', state: string) => ({ kind, state, text: state, simulatedSeconds: 0, wallMs: 0 });
const CREATE_DIRECTORY: Target = { state: 'CreateDirectory', call: 'DirectoryService.CreateDirectory', service: 'DirectoryService', op: 'CreateDirectory' };
const FULL = fullChecks();

type Cell = { machine?: 'teardown'; state: string; call: string; kind: FaultKind; rerun: Rerun };
const flat = (c: { target: Target; kind: FaultKind; rerun: Rerun }): Cell =>
  ({ ...(c.target.machine ? { machine: c.target.machine } : {}), state: c.target.state, call: c.target.call, kind: c.kind, rerun: c.rerun });
const cellName = (c: Cell): string => `${c.machine ? 'teardown: ' : ''}${c.state} ${c.call} ${c.kind}/${c.rerun}`;
const rerunsOf = (t: { machine?: 'teardown' }): readonly Rerun[] => (t.machine === 'teardown' ? TEARDOWN_RERUNS : RERUNS);

/** What the covering subset promises, checked on the cells themselves: the gaps, none expected. */
const coverageGaps = (targets: readonly Target[], cells: readonly Cell[]): string[] => {
  const gaps: string[] = [];
  const has = (p: (c: Cell) => boolean): boolean => cells.some(p);
  const row = (t: Target) => (c: Cell) => c.machine === t.machine && c.state === t.state && c.call === t.call;
  for (const t of targets) {
    for (const kind of FAULT_KINDS) if (isApplicable(t, kind) && !has((c) => row(t)(c) && c.kind === kind)) gaps.push(`${t.state} ${t.call} never gets ${kind}`);
    for (const rerun of rerunsOf(t)) if (!has((c) => row(t)(c) && c.rerun === rerun)) gaps.push(`${t.state} ${t.call} never gets ${rerun}`);
  }
  for (const machine of [undefined, 'teardown'] as const) {
    const rows = targets.filter((t) => t.machine === machine);
    for (const kind of FAULT_KINDS) {
      if (!rows.some((t) => isApplicable(t, kind))) continue;
      for (const rerun of rerunsOf({ ...(machine ? { machine } : {}) })) {
        if (!has((c) => c.machine === machine && c.kind === kind && c.rerun === rerun)) gaps.push(`${machine ?? 'provisioning'}: ${kind} never meets ${rerun}`);
      }
    }
  }
  return gaps;
};

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

  it('covers every row with each of its fault kinds and each rerun, and every fault kind with every rerun, in far fewer cells', () => {
    // Act
    const subset = coveringCells(ROWS).map(flat);
    // Assess
    const full = allCells(ROWS).map(flat);
    assert.deepEqual(coverageGaps(ROWS, subset), []);
    assert.equal(full.length, ROWS.reduce((n, t) => n + FAULT_KINDS.filter((k) => isApplicable(t, k)).length * RERUNS.length, 0), 'the full grid is every applicable cell');
    assert.deepEqual(coverageGaps(ROWS, full), [], 'the checker accepts the full grid');
    assert.ok(coverageGaps(ROWS, subset.filter((c) => c.rerun !== 'redrive')).length > 0, 'the checker sees a missing rerun');
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

describe(`fault × rerun matrix: ${FULL ? 'every cell (FULL_CHECKS=1)' : 'the covering subset of the cells (FULL_CHECKS=1: every cell)'}`, () => {
  it('ends SUCCEEDED or in the documented named failure, with at most one directory and one connector per cell', async (t) => {
    // Act
    const m = await runMatrix({ cells: FULL ? 'full' : 'covering', parts: ['provisioning'] });
    t.diagnostic(`\n${formatMatrix(m)}`);
    // Assess
    const planned = (FULL ? allCells : coveringCells)(m.targets).map(flat);
    assert.deepEqual(m.cells.map(cellName), planned.map(cellName));
    if (FULL) assert.equal(m.summary.cells, m.targets.reduce((n, target) => n + FAULT_KINDS.filter((k) => isApplicable(target, k)).length * RERUNS.length, 0));
    assert.deepEqual(coverageGaps(m.targets, m.cells), []);
    assert.equal(m.summary.duplicates, 0, 'a cell left a duplicate directory or connector');
    assert.equal(m.summary.lostRecords, 0, 'a cell lost an execution from its provisioning record');
    assert.deepEqual(m.cells.filter((c) => !c.passed).map((c) => `${cellName(c)}: ${c.problems.join('; ')}`), []);
    // Every column really exercised its rerun.
    assert.ok(m.cells.some((c) => c.rerun === 'redrive' && /redrive SUCCEEDED/.test(c.path)), 'no redrive succeeded');
    assert.ok(m.cells.some((c) => c.rerun === 'redrive' && /\(caught\) -> redrive FAILED/.test(c.path)), 'no redrive of a caught failure');
    assert.ok(m.cells.every((c) => c.rerun !== 'duplicate-start' || /^event .* -> api /.test(c.path)), 'duplicate start did not run both channels');
  });
});

describe(`teardown × fault × rerun matrix: ${FULL ? 'every cell (FULL_CHECKS=1)' : 'the covering subset of the cells (FULL_CHECKS=1: every cell)'}`, () => {
  it('discovers the teardown rows from a clean teardown after a clean provisioning (every delete of every Task state)', async () => {
    // Act
    const targets = await discoverTeardownTargets();
    // Assess
    const rows = targets.map((t) => `${t.state} ${t.call}`);
    assert.ok(targets.every((t) => t.machine === 'teardown'));
    for (const expected of [
      'DiscoverResources DirectoryService.DescribeDirectories',
      'AcquireTeardownLease DynamoDB.PutItem',
      'DeleteConnectors PcaConnectorAd.DeleteTemplateGroupAccessControlEntry',
      'DeleteConnectors PcaConnectorAd.DeleteTemplate',
      'DeleteConnectors PcaConnectorAd.DeleteServicePrincipalName',
      'DeleteConnectors PcaConnectorAd.DeleteConnector',
      'DeleteDirectories PcaConnectorAd.DeleteDirectoryRegistration',
      'DeleteDirectories DirectoryService.DeleteDirectory',
      'DeletePasswordSecret SecretsManager.DeleteSecret',
      'RecordTeardown DynamoDB.UpdateItem',
      'PublishSucceededEvent EventBridge.PutEvents',
    ]) {
      assert.ok(rows.includes(expected), `${expected} not discovered: ${rows.join(', ')}`);
    }
  });

  it('ends SUCCEEDED or in the documented failure, then 0 leftovers of the tool and the foreign directory kept, in every cell', async (t) => {
    // Act
    const m = await runMatrix({ cells: FULL ? 'full' : 'covering', parts: ['teardown'] });
    t.diagnostic(`\n${formatMatrix(m)}`);
    // Assess
    assert.ok(m.teardown, 'no teardown figures');
    assert.deepEqual(m.cells.map(cellName), (FULL ? allCells : coveringCells)(m.targets).map(flat).map(cellName));
    assert.deepEqual(coverageGaps(m.targets, m.cells), []);
    assert.equal(m.teardown.leftovers, 0, 'a teardown cell left a resource of the tool or deleted the foreign directory');
    assert.equal(m.summary.lostRecords, 0, 'a teardown cell lost an execution from its provisioning record');
    assert.deepEqual(m.cells.filter((c) => !c.passed).map((c) => `${cellName(c)}: ${c.problems.join('; ')}`), []);
    assert.ok(m.cells.some((c) => c.rerun === 'redrive' && /redrive SUCCEEDED/.test(c.path)), 'no redrive succeeded');
    assert.ok(m.cells.some((c) => /\(caught\) -> redrive FAILED .* -> new-execution SUCCEEDED/.test(c.path)), 'no caught failure redriven, then started again');
  });
});

describe(`day-two × fault × rerun matrix: ${FULL ? 'every cell (FULL_CHECKS=1)' : 'the covering subset of the cells (FULL_CHECKS=1: every cell)'}`, () => {
  it('discovers its rows: the writes of a change to a provisioned world that a first provisioning does not make', async () => {
    const rows = (await discoverDayTwoTargets()).map((t) => `${t.state} ${t.call}`).sort();
    assert.deepEqual(rows, [
      'CreateConnector PcaConnectorAd.TagResource',
      'CreateDirectory DirectoryService.AddTagsToResource',
      'CreateDirectoryRegistration PcaConnectorAd.TagResource',
      'CreateTemplates PcaConnectorAd.DeleteTemplate',
      'CreateTemplates PcaConnectorAd.DeleteTemplateGroupAccessControlEntry',
      'CreateTemplates PcaConnectorAd.TagResource',
      'CreateTemplates PcaConnectorAd.UpdateTemplate',
      'CreateTemplates PcaConnectorAd.UpdateTemplateGroupAccessControlEntry',
      'ResolveGroups DirectoryServiceData.CreateGroup',
    ]);
  });

  it('would catch a lost update: a world the change was never applied to lacks every part of it', async () => {
    const harness = await Harness.start();
    try {
      assert.equal((await harness.execute(DAY_ONE())).status, 'SUCCEEDED');
      const lost = lostUpdates(harness.emulator);
      for (const part of [/ComputerAutoEnroll: the definition/, /group .*: the rights/, /0 live templates named WebServer/, /group Web Servers is not there once/, /Retired is still there/, /directory's tag team/]) {
        assert.ok(lost.some((p) => part.test(p)), `${part} in ${lost.join('; ')}`);
      }
      assert.equal((await harness.execute(DAY_TWO())).status, 'SUCCEEDED');
      assert.deepEqual(lostUpdates(harness.emulator), []);
    } finally {
      await harness.stop();
    }
  });

  it('ends SUCCEEDED or in the documented failure, with 0 duplicates and 0 lost updates in every cell', async (t) => {
    const m = await runMatrix({ cells: FULL ? 'full' : 'covering', parts: ['day-two'] });
    t.diagnostic(`\n${formatMatrix(m)}`);
    assert.ok(m.dayTwo, 'no day-two figures');
    assert.deepEqual(m.cells.map(cellName), (FULL ? allCells : coveringCells)(m.targets).map(flat).map(cellName));
    assert.deepEqual(coverageGaps(m.targets, m.cells), []);
    assert.equal(m.dayTwo.duplicates, 0, 'a day-two cell created something twice');
    assert.equal(m.dayTwo.lostUpdates, 0, 'a day-two cell lost an update');
    assert.deepEqual(m.cells.filter((c) => !c.passed).map((c) => `${cellName(c)}: ${c.problems.join('; ')}`), []);
    assert.ok(m.cells.some((c) => c.rerun === 'redrive' && /redrive SUCCEEDED/.test(c.path)), 'no redrive succeeded');
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
