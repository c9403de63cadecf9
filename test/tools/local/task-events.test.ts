/**
 * events/<function>.json of the Task functions are what their Task states really receive: a run of the real ASL
 * with the real handlers in the local world captures each first input (npm run gen:events writes the same).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { captureTaskEvents, derivedTriggerEvents, eventFileText, taskFunctionKeys } from '../../../tools/local/task-events.ts';

process.env['POWERTOOLS_LOG_LEVEL'] ??= 'SILENT';

describe('events/<function>.json of the Task functions', () => {
  it('are the inputs the ASL gives each Task state (npm run gen:events)', async () => {
    const captured = await captureTaskEvents();
    assert.deepEqual(Object.keys(captured).sort(), Object.values(taskFunctionKeys()).sort(), 'one per Task function');
    for (const [key, event] of Object.entries(captured)) {
      const file = readFileSync(new URL(`../../../events/${key}.json`, import.meta.url), 'utf8');
      assert.equal(file, eventFileText(event), `events/${key}.json is stale: run npm run gen:events`);
    }
  });

  it('the derived samples (DELETE, PUT, the status change, the teardown events) match their sources (npm run gen:events)', () => {
    const derived = derivedTriggerEvents();
    assert.deepEqual(Object.keys(derived).sort(), ['apiDeleteProvisioning.json', 'apiUpdateProvisioning.json', 'planProvisioning.json', 'recordExecutionStatus.json', 'startTeardownFromEvent.json', 'teardown-requested.json']);
    for (const [file, event] of Object.entries(derived)) {
      const text = readFileSync(new URL(`../../../events/${file}`, import.meta.url), 'utf8');
      assert.equal(text, eventFileText(event), `events/${file} is stale: run npm run gen:events`);
    }
    assert.equal((derived['startTeardownFromEvent.json'] as { 'detail-type': string })['detail-type'], 'Deprovisioning Requested');
    assert.equal((derived['apiDeleteProvisioning.json'] as { httpMethod: string }).httpMethod, 'DELETE');
  });
});
