/** `npm run put-event -- --file …` without --api: a local world in the process, the event delivered, waited for. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
const { main } = await import('../../../tools/cli/put-event.ts');

describe('npm run put-event (standalone)', () => {
  it('delivers events/provisioning-requested.json through the rule and the start function; the execution succeeds', async () => {
    // Prepare
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    // Act
    const code = await main(['--file', new URL('../../../events/provisioning-requested.json', import.meta.url).pathname], io);
    // Assess
    assert.equal(code, 0, out.join('\n'));
    const text = out.join('\n');
    assert.match(text, /"executionName": "evt-6a7e8feb-b491-4cf7-a9f1-bf3703467718"/);
    assert.match(text, /"status": "SUCCEEDED"/);
    assert.match(text, /"Status": "ACTIVE"/);
  });

  it('usage errors exit 2', async () => {
    const quiet = { out: () => undefined, err: () => undefined };
    assert.equal(await main([], quiet), 2);
    assert.equal(await main(['--file', '/nonexistent.json'], quiet), 2);
  });
});
