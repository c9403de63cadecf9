/**
 * The teardown's fault × rerun matrix: its rows are its calls after a clean provisioning, each with the faults of the
 * provisioning matrix (tools/verify/matrix/) and the reruns retry, redrive and new execution, each cell starting from
 * one provisioned world's snapshot. Every cell must end with 0 of the tool's resources left and another team's
 * directory still there, and lose no record. The covering subset here; `FULL_CHECKS=1` runs every cell.
 */
import '../../../tools/verify/env.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allCells, coveringCells, discoverTeardownTargets, formatMatrix, runMatrix } from '../../../tools/verify/matrix/index.ts';
import { FULL, cellName, coverageGaps, flat } from '../../support/matrix.ts';

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
