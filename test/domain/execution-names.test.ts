import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EXECUTION_NAME_PATTERN,
  belongsTo,
  canonicalJson,
  executionArnFor,
  executionNameForEvent,
  executionNameForIdempotencyKey,
  executionNameForInput,
  sameJson,
  teardownNameForProvisioning,
} from '../../src/domain/execution-names.ts';
import { STATE_MACHINE_ARN } from '../support/handlers.ts';

describe('execution names', () => {
  it('are deterministic, valid and at most 80 characters for every source', () => {
    // Prepare
    const names = [
      executionNameForEvent('6a7e8feb-b491-4cf7-a9f1-bf3703467718'),
      executionNameForEvent('x'.repeat(200)),
      executionNameForEvent('id with spaces/and:colons'),
      executionNameForIdempotencyKey('order-4711'),
      executionNameForIdempotencyKey('k'.repeat(72)),
      executionNameForIdempotencyKey('k'.repeat(73)),
      executionNameForIdempotencyKey('tenant a / order #12'),
      executionNameForInput({ b: 1, a: [2, 1] }),
    ];
    // Assess
    for (const name of names) assert.match(name, EXECUTION_NAME_PATTERN, name);
    assert.equal(names[0], 'evt-6a7e8feb-b491-4cf7-a9f1-bf3703467718');
    assert.equal(names[3], 'api-key-order-4711');
    assert.equal(names[4]?.length, 80);
    assert.match(names[5] ?? '', /^api-keyh-[0-9a-f]{64}$/);
    assert.equal(executionNameForEvent('id with spaces/and:colons'), names[2]);
  });

  it('sources cannot collide: event, key, hashed key and body names have distinct prefixes', () => {
    assert.notEqual(executionNameForIdempotencyKey('h-abc'), executionNameForIdempotencyKey('a b'));
    assert.ok(!executionNameForIdempotencyKey('body-x').startsWith('api-body-'));
    assert.ok(!executionNameForIdempotencyKey('h-x').startsWith('api-keyh-'));
  });

  it('a provisioning\'s teardown is del-<name>, hashed (delh-) when that would pass 80 characters; never empty', () => {
    // Prepare
    const longest = executionNameForIdempotencyKey('k'.repeat(72)); // 80 characters
    // Act
    const names = [teardownNameForProvisioning('api-key-order-4711'), teardownNameForProvisioning('x'.repeat(76)), teardownNameForProvisioning(longest)];
    // Assess
    for (const name of names) assert.match(name, EXECUTION_NAME_PATTERN, name);
    assert.equal(names[0], 'del-api-key-order-4711');
    assert.equal(names[1]?.length, 80);
    assert.match(names[2] ?? '', /^delh-[0-9a-f]{64}$/);
    assert.equal(teardownNameForProvisioning(longest), names[2], 'deterministic');
    assert.notEqual(teardownNameForProvisioning(longest), teardownNameForProvisioning(`${longest.slice(0, -1)}x`));
    assert.throws(() => teardownNameForProvisioning(''), RangeError);
  });

    it('the body hash ignores key order but not array order', () => {
    assert.equal(executionNameForInput({ a: 1, b: { c: 2, d: 3 } }), executionNameForInput({ b: { d: 3, c: 2 }, a: 1 }));
    assert.notEqual(executionNameForInput({ s: ['x', 'y'] }), executionNameForInput({ s: ['y', 'x'] }));
    assert.equal(canonicalJson({ b: 1, a: undefined, c: null }), '{"b":1,"c":null}');
    assert.equal(sameJson('{"a":1,"b":2}', '{"b":2,"a":1}'), true);
    assert.equal(sameJson('{"a":1}', '{"a":2}'), false);
  });

  it('execution ARNs are built from the state machine ARN and checked against it', () => {
    const arn = executionArnFor(STATE_MACHINE_ARN, 'evt-1');
    assert.equal(arn, 'arn:aws:states:us-east-1:111122223333:execution:ad-cert-orchestrator-provision:evt-1');
    assert.equal(belongsTo(arn, STATE_MACHINE_ARN), true);
    assert.equal(belongsTo('arn:aws:states:us-east-1:111122223333:execution:other:evt-1', STATE_MACHINE_ARN), false);
    assert.throws(() => executionArnFor('arn:aws:lambda:us-east-1:1:function:x', 'n'), RangeError);
  });
});
