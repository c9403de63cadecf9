import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printable, quote } from '../../src/lib/printable.ts';

describe('quote / printable', () => {
  it('escapes bidi overrides and isolates, C0/C1 controls, zero-width and separator characters', () => {
    // Prepare: every kind of character that can change how the rest of a line is displayed
    const hostile = 'a\u202Eb\u2066c\u200Bd\u0007e\u0085f\u2028g\uFEFFh\u061Ci';
    // Act
    const quoted = quote(hostile);
    // Assess
    assert.equal(quoted, '"a\\u202eb\\u2066c\\u200bd\\u0007e\\u0085f\\u2028g\\ufeffh\\u061ci"');
    assert.ok(/^[\x20-\x7e]*$/.test(quoted), 'only printable ASCII left');
    assert.equal(JSON.parse(quoted), hostile, 'still a JSON string literal of the same value');
    assert.equal(printable(hostile), quoted.slice(1, -1));
  });

  it('leaves ordinary text, quotes and non-Latin letters alone (apart from JSON escaping)', () => {
    assert.equal(quote('corp.example.com'), '"corp.example.com"');
    assert.equal(quote('Zürich 東京 "x"'), '"Zürich 東京 \\"x\\""');
  });
});
