/**
 * `"CreateGroup": true` creates the group once, whatever happens around the call: a lost response (the SDK's retries
 * are off here, tools/verify/env.ts, so Step Functions retries the step, which finds the group first), a redrive of
 * the step that created it, and a new execution. `npm start` tests the SDK's own retries with the ClientToken. Run through the local world's Step Functions service with the real
 * handlers (tools/verify/harness.ts), counting the groups the emulated Directory Service Data holds.
 */
import '../../../tools/verify/env.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Harness, defaultInput, failureOf } from '../../../tools/verify/harness.ts';

/** The sample with one access entry that names a group the new directory lacks and asks to create it. */
const createGroupInput = (): Record<string, unknown> => {
  const input = defaultInput() as { Connector: { Templates: { AccessControlEntries: unknown[] }[] } };
  const [template] = input.Connector.Templates;
  if (template) template.AccessControlEntries = [{ GroupName: 'PKI Enrollers', CreateGroup: true, AccessRights: { Enroll: 'ALLOW', AutoEnroll: 'ALLOW' } }];
  return input as unknown as Record<string, unknown>;
};
type Output = { Groups: { GroupName: string; SID: string; Created: boolean }[] };

describe('"CreateGroup": true creates the group once', () => {
  it('lost responses on every attempt, the execution failing at ResolveGroups, its redrive, then a new execution: one group', async () => {
    const harness = await Harness.start({ emulator: { dataAccessEnabledAfterSeconds: 0 } });
    try {
      const input = createGroupInput();
      // Prepare: the first attempt's CreateGroup takes effect and its answer is lost; every later attempt's DescribeGroup
      // fails (5xx), so Step Functions' retries run out and the failure is left uncaught.
      harness.hooks = {
        before: (state, attempt, emulator) => {
          if (state !== 'ResolveGroups') return;
          if (attempt === 1) emulator.addFault({ operation: 'CreateGroup', error: 'InternalServerException', count: 1, after: true });
          else emulator.addFault({ operation: 'DescribeGroup', error: 'InternalServerException', count: 1 });
        },
      };
      // Act
      const first = await harness.execute(input);
      harness.hooks = undefined;
      harness.emulator.clearFaults();
      const redriven = await harness.redrive(first.executionArn);
      const fresh = await harness.execute(input);
      // Assess
      assert.equal(first.status, 'FAILED');
      assert.deepEqual([first.error, failureOf(first).caught], ['InternalServerException', false], 'uncaught: the runbook says redrive');
      assert.equal(first.apiCalls['DirectoryServiceData.CreateGroup'], 1, 'created once; the retries of the step failed reading it');
      assert.equal(harness.emulator.counts().groupsCreated, 1);
      assert.equal(redriven.status, 'SUCCEEDED', `${redriven.error ?? ''}: ${redriven.cause ?? ''}`);
      assert.equal(redriven.apiCalls['DirectoryServiceData.CreateGroup'] ?? 0, 0, 'the redriven step found the group');
      assert.equal(fresh.status, 'SUCCEEDED');
      assert.equal(fresh.apiCalls['DirectoryServiceData.CreateGroup'] ?? 0, 0, 'the new execution found the group');
      const [group] = (redriven.output as Output).Groups;
      assert.match(group?.SID ?? '', /^S-1-5-21-\d+-\d+-\d+-1105$/);
      assert.deepEqual((fresh.output as Output).Groups, [{ GroupName: 'PKI Enrollers', SID: group?.SID, Created: false }]);
      assert.equal(harness.resources().connectorSide.groupsCreated, 1);
      assert.equal(harness.emulator.counts().groupsCreated, 1);
    } finally {
      await harness.stop();
    }
  });
});
