/** The teardown's EventBridge trigger, against the fake Step Functions: which machine, which name, which input. */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { TEARDOWN_STATE_MACHINE_ARN, TEARDOWN_EXECUTION_PREFIX, captureOutput, lambdaContext, setTestEnv } from '../support/handlers.ts';
import { readEvent, sampleInput } from '../fixtures.ts';
import { fakeSfn } from '../support/fake-sfn.ts';
import type { FakeSfn } from '../support/fake-sfn.ts';
import { fakeSqs } from '../support/fake-sqs.ts';
import type { FakeSqs } from '../support/fake-sqs.ts';

setTestEnv();
const { handler, parseTeardownEvent } = await import('../../src/handlers/start-teardown-from-event.ts');
const { resetClients } = await import('../../src/aws/clients.ts');

const teardownEvent = (detail: unknown, id = 'c4a7e1f9-5b2d-4e86-9a03-7f1b6d8c2e54') => ({
  ...readEvent<Record<string, unknown>>('teardown-requested.json'),
  id,
  detail,
});

describe('start-teardown-from-event (EventBridge trigger of the teardown)', () => {
  let sfn: FakeSfn;
  let sqs: FakeSqs;
  before(() => resetClients());
  beforeEach(() => {
    sfn = fakeSfn();
    sqs = fakeSqs();
  });
  afterEach(() => {
    sfn.restore();
    sqs.restore();
  });
  after(() => resetClients());

  it('starts evt-<id> on the teardown state machine with the request (+ Force only when true); a redelivery starts nothing new', async () => {
    // Prepare
    const event = teardownEvent({ ...sampleInput(), Force: true });
    // Act
    const { result: first } = await captureOutput(() => handler(event, lambdaContext()));
    assert.ok('executionArn' in first, JSON.stringify(first));
    const only = [...sfn.executions.values()][0];
    assert.ok(only);
    only.status = 'SUCCEEDED';
    const { result: again } = await captureOutput(() => handler(event, lambdaContext()));
    assert.ok('alreadyStarted' in again, JSON.stringify(again));
    // Assess
    assert.equal(first.executionArn, `${TEARDOWN_EXECUTION_PREFIX}evt-${event.id}`);
    assert.ok(first.executionArn.startsWith(TEARDOWN_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')));
    assert.equal(first.alreadyStarted, false);
    assert.equal(again.alreadyStarted, true);
    assert.equal(sfn.executions.size, 1);
    assert.equal((JSON.parse(sfn.startCalls[0]?.input ?? '{}') as { Force?: boolean }).Force, true);
    const plain = parseTeardownEvent(teardownEvent({ ...sampleInput(), Force: false }));
    assert.equal(Object.hasOwn(JSON.parse(plain.input) as object, 'Force'), false, 'Force: false is the default, not carried');
  });

  it('a malformed event is rejected with every violation under detail., dead-lettered redacted, starts nothing, logs no password', async () => {
    // Prepare
    const input = sampleInput();
    input.Directory['Password'] = 'Should-N0t-Leak!';
    const event = { ...teardownEvent({ ...input, Force: 'yes' }), 'detail-type': 'Provisioning Requested' };
    // Act
    const { result, output } = await captureOutput(() => handler(event, lambdaContext()));
    // Assess
    assert.ok('rejected' in result && result.deadLettered, JSON.stringify(result));
    const paths = result.violations.map((v) => v.path);
    assert.ok(paths.includes('detail-type'), paths.join(', '));
    assert.ok(paths.includes('detail.Force'), paths.join(', '));
    assert.ok(paths.some((p) => p.startsWith('detail.Directory')), paths.join(', '));
    assert.equal(sfn.startCalls.length, 0);
    assert.equal(sqs.sent.length, 1);
    assert.equal(sqs.sent[0]?.['errorName'], 'InvalidRequestError');
    assert.match(output, /malformed teardown event/);
    for (const text of [output, JSON.stringify(sqs.sent), JSON.stringify(result)]) assert.ok(!text.includes('Should-N0t-Leak!'));
  });
});
