import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPassword, extractPassword } from '../../src/domain/password.ts';

describe('checkPassword: the CreateDirectory seed rule', () => {
  const cases: [string, unknown, 'ok' | 'type' | 'length' | 'complexity'][] = [
    ['seed example (digits, upper, lower, special)', 'Str0ngP@ssw0rd', 'ok'],
    ['digits + upper + lower', 'Abcdefg1', 'ok'],
    ['digits + special + lower', 'abcdef1!', 'ok'],
    ['special + upper + lower', 'Abcdefg!', 'ok'],
    ['digits + upper + special', 'ABCDEF1!', 'ok'],
    ['exactly 64', `Aa1${'x'.repeat(61)}`, 'ok'],
    ['7 characters', 'Aa1!xyz', 'length'],
    ['65 characters', `Aa1${'x'.repeat(62)}`, 'length'],
    ['newline inside', 'Abcd\nefg1', 'length'],
    ['only lower + upper', 'Abcdefgh', 'complexity'],
    ['only lower + digits', 'abcdefg1', 'complexity'],
    ['lower + space (space is not special)', 'abc defg1', 'complexity'],
    ['empty', '', 'length'],
    ['not a string', 12345678, 'type'],
  ];
  for (const [name, value, expected] of cases) {
    it(name, () => {
      // Act
      const result = checkPassword(value);
      // Assess
      if (expected === 'ok') assert.deepEqual(result, { ok: true });
      else {
        assert.equal(result.ok, false);
        assert.equal(result.failed, expected);
        if (typeof value === 'string' && value.length > 0) assert.ok(!result.message?.includes(value));
      }
    });
  }
});

describe('extractPassword: raw string or JSON {"password": ...}', () => {
  it('raw', () => assert.deepEqual(extractPassword('Str0ngP@ssw0rd'), { ok: true, password: 'Str0ngP@ssw0rd' }));
  it('JSON password key', () => assert.deepEqual(extractPassword('{"username":"Admin","password":"Str0ngP@ssw0rd"}'), { ok: true, password: 'Str0ngP@ssw0rd' }));
  it('JSON Password key', () => assert.deepEqual(extractPassword('{"Password":"Str0ngP@ssw0rd"}'), { ok: true, password: 'Str0ngP@ssw0rd' }));
  it('JSON without a password key', () => {
    const r = extractPassword('{"pw":"Str0ngP@ssw0rd"}');
    assert.equal(r.ok, false);
    assert.ok(!JSON.stringify(r).includes('Str0ngP@ssw0rd'));
  });
  it('broken JSON', () => {
    const r = extractPassword('{"password": "Str0ngP@ssw0rd"');
    assert.equal(r.ok, false);
    assert.ok(!JSON.stringify(r).includes('Str0ngP@ssw0rd'));
  });
  it('binary secret', () => assert.equal(extractPassword(undefined).ok, false));
});
