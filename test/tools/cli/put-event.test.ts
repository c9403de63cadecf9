/** `npm run put-event -- --file …` without --api: a local world in the process, the event delivered, waited for. */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
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

  it('delivers events/teardown-requested.json to the teardown start function; the teardown succeeds', async () => {
    // Prepare
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    // Act
    const code = await main(['--file', new URL('../../../events/teardown-requested.json', import.meta.url).pathname], io);
    // Assess: a teardown execution, its record printed (a fresh world: nothing of the request to delete)
    assert.equal(code, 0, out.join('\n'));
    const text = out.join('\n');
    assert.match(text, /"rule": "teardown"/);
    assert.match(text, /"executionArn": "arn:aws:states:[^"]+:execution:ad-cert-orchestrator-teardown:evt-c4a7e1f9-5b2d-4e86-9a03-7f1b6d8c2e54"/);
    assert.match(text, /"status": "SUCCEEDED"/);
    assert.match(text, /"Deleted": \[\]/);
  });

  it('usage errors exit 2 with one line naming the flag or file', async () => {
    const file = new URL('../../../events/provisioning-requested.json', import.meta.url).pathname;
    for (const [args, expected] of [
      [[], /^error: --file is required/],
      [['--file', '/nonexistent.json'], /^error: --file \/nonexistent\.json: no such file$/],
      [['--file', file, '--api', 'not a url'], /^error: --api not a url: not a URL/],
      [['--file', file, '--api', 'ftp://127.0.0.1:1'], /^error: --api ftp:\/\/127\.0\.0\.1:1: must be an http/],
    ] as const) {
      const lines: string[] = [];
      const code = await main([...args], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
      assert.equal(code, 2, lines.join('\n'));
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0] ?? '', expected);
    }
  });

  it('--api where nothing listens: one line naming the URL and why, exit 1, no stack trace', async () => {
    // Prepare: a port that was free a moment ago and is closed now
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const lines: string[] = [];
    // Act
    const code = await main(['--file', new URL('../../../events/provisioning-requested.json', import.meta.url).pathname, '--api', `http://127.0.0.1:${port}`], {
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    // Assess
    assert.equal(code, 1);
    assert.deepEqual(lines, [`error: --api http://127.0.0.1:${port}: cannot reach it (ECONNREFUSED); is npm run api running there?`]);
  });
});
