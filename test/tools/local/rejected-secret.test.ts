/**
 * A request event carrying a password is rejected and leaves no trace of the password anywhere in the local world:
 * not in the dead-letter queue (the start function puts the event there itself, redacted, and succeeds, so Lambda
 * never hands the original to its on-failure destination), not in any log line (DEBUG), not in an execution or its
 * history (none is started), not on the bus. It is counted (EventsRejected) and its letter names every violation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { captureOutput } from '../../support/handlers.ts';
import { readEvent, sampleInput } from '../../fixtures.ts';

process.env['POWERTOOLS_LOG_LEVEL'] = 'DEBUG';
process.env['POWERTOOLS_METRICS_DISABLED'] = 'false';
const { startApiServer } = await import('../../../tools/local/api-server.ts');
type ApiServer = Awaited<ReturnType<typeof startApiServer>>;

const SECRET = 'Trac3-Me-N0t!';

describe('a rejected event with a password, in the local world', () => {
  let api: ApiServer;
  before(async () => {
    api = await startApiServer();
  });
  after(async () => {
    await api?.stop();
  });

  for (const [detailType, file] of [['Provisioning Requested', 'provisioning-requested.json'], ['Deprovisioning Requested', 'teardown-requested.json']] as const) {
    it(`${detailType}: dead-lettered redacted, counted, nothing started, the password nowhere`, async () => {
      // Prepare
      const before = api.world.emulator.deadLetters().length;
      const detail = sampleInput();
      detail.Directory['Password'] = SECRET;
      const event = { ...readEvent<Record<string, unknown>>(file), id: `leak-${detailType.length}`, detail };
      // Act
      const { result: body, output } = await captureOutput(async () => {
        const res = await fetch(`${api.url}/_local/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
        return (await res.json()) as Record<string, unknown>;
      });
      // Assess: rejected, dead-lettered, one attempt (the function succeeded), counted
      assert.deepEqual([body['rejected'], body['deadLettered'], body['attempts']], [true, true, 1], JSON.stringify(body));
      assert.match(output, /"EventsRejected"/);
      assert.match(output, /malformed (provisioning|teardown) event/);
      const letters = api.world.emulator.deadLetters().slice(before);
      assert.equal(letters.length, 1);
      const letter = JSON.parse(letters[0]?.Body ?? '{}') as { reason: string; violations: { path: string }[]; event: { detail: { Directory: { Password: string } } } };
      assert.equal(letter.reason, 'rejected');
      assert.ok(letter.violations.some((v) => v.path === 'detail.Directory.Password'));
      assert.equal(letter.event.detail.Directory.Password, '[redacted]');
      // …and the password nowhere: the queue, the logs, the answer, executions and their histories, the bus
      const dlq = (await (await fetch(`${api.url}/_local/dlq`)).json()) as unknown;
      const sfn = api.world.stepFunctions;
      const executions = [api.world.stateMachineArn, api.world.teardownStateMachineArn].flatMap(
        (arn) => (sfn.ListExecutions({ stateMachineArn: arn, maxResults: 1000 })['executions'] as { executionArn: string }[]),
      );
      assert.equal(executions.length, 0, 'nothing started');
      const histories = executions.map((e) => JSON.stringify(sfn.GetExecutionHistory({ executionArn: e.executionArn, maxResults: 1000 })));
      for (const [where, text] of [
        ['dead-letter queue', api.world.emulator.deadLetters().map((m) => m.Body).join('\n')],
        ['GET /_local/dlq', JSON.stringify(dlq)],
        ['logs', output],
        ['answer', JSON.stringify(body)],
        ['executions and their histories', JSON.stringify(executions) + histories.join('\n')],
        ['bus', JSON.stringify(api.world.emulator.events)],
        ['emulator snapshot', JSON.stringify(api.world.emulator.snapshot())],
      ] as const) {
        assert.ok(!text.includes(SECRET), `the password is in the ${where}`);
      }
    });
  }
});
