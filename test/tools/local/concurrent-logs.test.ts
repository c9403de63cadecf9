/**
 * The local world runs Lambda invocations side by side in one process (a deployed Lambda runs one at a time): under
 * 10 concurrent API provisionings, every log line carries its own execution's id, never another's. Each line that
 * names a directory (or a provisioning) is checked against the execution that directory belongs to.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sampleInput } from '../../fixtures.ts';

process.env['POWERTOOLS_LOG_LEVEL'] = 'INFO';
const { startApiServer } = await import('../../../tools/local/api-server.ts');
type ApiServer = Awaited<ReturnType<typeof startApiServer>>;

describe('log lines under concurrent executions', () => {
  let api: ApiServer;
  const lines: Record<string, unknown>[] = [];
  const write = process.stdout.write.bind(process.stdout);
  before(async () => {
    api = await startApiServer();
    // Powertools prints one JSON object a line on stdout: keep those, pass the rest (the test runner's) through.
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (!text.startsWith('{"level"')) return write(chunk, ...rest);
      for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      return true;
    }) as typeof process.stdout.write;
  });
  after(async () => {
    process.stdout.write = write;
    await api?.stop();
  });

  it('10 POSTs at once: each line names the execution whose directory (or provisioning) it is about', async () => {
    const names = Array.from({ length: 10 }, (_, i) => `logs-${i}`);
    const started = await Promise.all(
      names.map(async (key, i) => {
        const input = sampleInput();
        input.Directory['Name'] = `logs${i}.example.com`;
        const res = await fetch(`${api.url}/provisionings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'Idempotency-Key': key },
          body: JSON.stringify(input),
        });
        assert.equal(res.status, 202, await res.clone().text());
        return (await res.json()) as { executionArn: string; name: string };
      }),
    );
    const directoryOf = new Map<string, string>();
    for (const { executionArn } of started) {
      assert.equal(await api.world.stepFunctions.waitFor(executionArn), 'SUCCEEDED');
      const record = (await (await fetch(`${api.url}/provisionings/${executionArn.split(':').pop() ?? ''}`)).json()) as { output: { DirectoryId: string } };
      directoryOf.set(record.output.DirectoryId, executionArn);
    }
    assert.equal(directoryOf.size, 10, 'ten directories');

    let checked = 0;
    const wrong: string[] = [];
    for (const line of lines) {
      const arn = line['executionArn'];
      // About a directory: its id in a field or in the message of a poll.
      const directoryId = typeof line['directoryId'] === 'string' ? line['directoryId'] : /\b(d-[0-9a-f]{10})\b/.exec(String(line['errorMessage'] ?? ''))?.[1];
      const owner = directoryId ? directoryOf.get(directoryId) : undefined;
      if (owner) {
        checked += 1;
        if (owner !== arn) wrong.push(`${String(line['message'])} about ${directoryId} carries ${String(arn)}, not ${owner}`);
      }
      // The API handler's lines: the execution they name.
      if (typeof line['executionName'] === 'string' && String(line['message']).startsWith('provisioning')) {
        checked += 1;
        if (typeof arn !== 'string' || !arn.endsWith(`:${line['executionName']}`)) wrong.push(`${String(line['message'])} of ${line['executionName']} carries ${String(arn)}`);
      }
    }
    assert.ok(checked >= 50, `checked ${checked} lines`);
    assert.deepEqual(wrong, []);
  });
});
