/**
 * The documented EventBridge examples in events/ match what the workflow and the trigger really use: the request
 * event matches the rule of serverless/triggers.yml and its detail is a valid execution input; the completion
 * events carry exactly the Detail fields the ASL's PutEvents states build, with the contract's source/detail-types;
 * and no example carries a password.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DETAIL_TYPE_FAILED, DETAIL_TYPE_REQUESTED, DETAIL_TYPE_SUCCEEDED, EVENT_SOURCE } from '../../src/contract.ts';
import { validateRequest } from '../../src/domain/validate.ts';
import { matchesRequestRule } from '../../tools/local/api-server.ts';
import { REQUEST_EVENT_SOURCE } from '../../src/handlers/start-from-event.ts';
import { readJson } from '../fixtures.ts';

interface Envelope {
  id: string;
  source: string;
  'detail-type': string;
  detail: Record<string, unknown>;
}
interface PutEventsState {
  Parameters: { Entries: { Source: string; DetailType: string; Detail: Record<string, unknown> }[] };
}

const asl = readJson<{ States: Record<string, PutEventsState> }>('statemachine/provision.asl.json');
const detailKeys = (state: string): string[] =>
  Object.keys(asl.States[state]?.Parameters.Entries[0]?.Detail ?? {}).map((k) => k.replace(/\.\$$/, '')).sort();

describe('EventBridge event examples (events/provisioning-*.json)', () => {
  it('Provisioning Requested: matches the trigger rule, and its detail is a valid execution input', () => {
    const event = readJson<Envelope>('events/provisioning-requested.json');
    assert.equal(event.source, REQUEST_EVENT_SOURCE);
    assert.equal(event['detail-type'], DETAIL_TYPE_REQUESTED);
    assert.equal(matchesRequestRule(event), true);
    assert.deepEqual(validateRequest(event.detail).violations, []);
    const rule = readFileSync(new URL('../../serverless/triggers.yml', import.meta.url), 'utf8');
    assert.match(rule, new RegExp(`source:\\s*\\n\\s*- ${REQUEST_EVENT_SOURCE.replace(/\./g, '\\.')}`));
    assert.match(rule, new RegExp(`detail-type:\\s*\\n\\s*- ${DETAIL_TYPE_REQUESTED}`));
  });

  for (const [file, state, detailType] of [
    ['events/provisioning-succeeded.json', 'PublishSucceededEvent', DETAIL_TYPE_SUCCEEDED],
    ['events/provisioning-failed.json', 'PublishFailedEvent', DETAIL_TYPE_FAILED],
  ] as const) {
    it(`${detailType}: the fields the ASL's ${state} puts on the bus`, () => {
      const event = readJson<Envelope>(file);
      const entry = asl.States[state]?.Parameters.Entries[0];
      assert.equal(event.source, EVENT_SOURCE);
      assert.equal(entry?.Source, EVENT_SOURCE);
      assert.equal(event['detail-type'], detailType);
      assert.equal(entry?.DetailType, detailType);
      assert.deepEqual(Object.keys(event.detail).sort(), detailKeys(state));
    });
  }

  it('no example carries a password', () => {
    for (const file of ['requested', 'succeeded', 'failed']) {
      const text = readFileSync(new URL(`../../events/provisioning-${file}.json`, import.meta.url), 'utf8');
      assert.doesNotMatch(text, /"Password"|pass(word|wd)"\s*:/i, file);
    }
  });
});
