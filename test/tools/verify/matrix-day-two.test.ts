/**
 * The day-two fault × rerun matrix: its rows are the writes of a change applied to a provisioned world that a first
 * provisioning does not make (tools/verify/day-two.ts), each with the faults and reruns of the provisioning matrix
 * (tools/verify/matrix/). Every cell must end with 0 duplicates and, once an execution succeeded, 0 lost updates. The
 * covering subset here; `FULL_CHECKS=1` runs every cell.
 */
import '../../../tools/verify/env.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allCells, coveringCells, discoverDayTwoTargets, formatMatrix, runMatrix } from '../../../tools/verify/matrix/index.ts';
import { DAY_ONE, DAY_TWO, lostUpdates } from '../../../tools/verify/day-two.ts';
import { Harness } from '../../../tools/verify/harness.ts';
import { FULL, cellName, coverageGaps, flat } from '../../support/matrix.ts';

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
