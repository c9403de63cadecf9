import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACQUIRE_CONDITION, RELEASE_CONDITION } from '../../src/persistence/directory-lease-store.ts';

describe('directory lease store (DynamoDB)', () => {
  it('the condition: free, lapsed, or held by this execution', () => {
    assert.equal(ACQUIRE_CONDITION, 'attribute_not_exists(pk) OR expiresAt < :now OR #owner = :me');
    assert.equal(RELEASE_CONDITION, '#owner = :me');
  });
});
