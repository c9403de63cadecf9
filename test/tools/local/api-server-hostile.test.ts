/**
 * `npm run api` (its server, in this process) under hostile clients: a body over API Gateway's 10 MB is answered 413
 * while it streams in (by its Content-Length at once), never buffered, and a client that sends on is cut off; the
 * bodies in flight together are bounded (503 beyond); a partial body held open or an aborted upload stops nothing;
 * a UTF-8 BOM is accepted as the CLI accepts it; `?Force=true` is refused, not ignored.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, inputWithPassword, readEvent, sampleInput } from '../../fixtures.ts';

process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
const { MAX_BODY_BYTES, startApiServer } = await import('../../../tools/local/api-server.ts');
type ApiServer = Awaited<ReturnType<typeof startApiServer>>;

const MB = 1024 * 1024;

/** A POST /provisionings whose body the caller writes; resolves its response (status and body) as soon as it arrives. */
const open = (api: ApiServer, headers: Record<string, string | number> = {}): { req: ClientRequest; response: Promise<{ status: number; body: string }> } => {
  const { port } = api;
  const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/provisionings', headers: { 'content-type': 'application/json', ...headers } });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res: IncomingMessage) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
  return { req, response };
};

/**
 * Writes `total` bytes of `x` in 1 MB chunks, honouring back-pressure, until done, answered (as a client stops
 * sending once it has the answer) or the connection fails; the bytes written.
 */
const stream = async (req: ClientRequest, total: number): Promise<number> => {
  const chunk = Buffer.alloc(MB, 'x');
  let written = 0;
  let stopped = false;
  const stop = () => (stopped = true);
  req.on('error', stop);
  req.on('close', stop);
  req.on('response', stop);
  const stoppedNow = new Promise<void>((resolve) => {
    for (const event of ['error', 'close', 'response']) req.once(event, () => resolve());
  });
  while (written < total && !stopped) {
    const ok = req.write(chunk);
    written += chunk.length;
    if (!ok) await Promise.race([once(req, 'drain'), stoppedNow]);
  }
  if (!stopped) req.end();
  return written;
};

/** Resolves when the bytes of request bodies the server holds pass `test` (its `body-bytes` events). */
const bodiesInFlight = (api: ApiServer, test: (bytes: number) => boolean): Promise<void> =>
  new Promise((resolve) => {
    const listener = (n: number) => {
      if (test(n)) {
        api.server.off('body-bytes', listener);
        resolve();
      }
    };
    api.server.on('body-bytes', listener);
  });

describe('npm run api: hostile clients', () => {
  let api: ApiServer;
  before(async () => {
    api = await startApiServer({ limits: { maxBodyBytesInFlight: 12 * MB } });
  });
  after(async () => {
    await api?.stop();
  });

  const stillServes = async () => {
    const res = await fetch(`${api.url}/provisionings/nothing-here`);
    assert.equal(res.status, 404, 'the server still answers');
  };

  it('a 600 MB POST: 413 while it streams in, the sender cut off long before 600 MB; the server serves on', async () => {
    const { req, response } = open(api);
    const [sent, answer] = await Promise.all([stream(req, 600 * MB), response]);
    assert.equal(answer.status, 413);
    assert.match(answer.body, /Request Too Long: the body may have at most 10485760 bytes/);
    assert.ok(sent < 100 * MB, `answered after ${sent / MB} MB sent, not at the end`);
    req.destroy();
    await stillServes();
  });

  it('a Content-Length over 10 MB is answered 413 before any of the body is sent', async () => {
    const { req, response } = open(api, { 'content-length': 700 * MB });
    req.flushHeaders();
    const answer = await response;
    assert.equal(answer.status, 413);
    req.destroy();
    await stillServes();
  });

  it('a body of exactly 10 MB is read (and refused by the handler as JSON); one byte more is 413', async () => {
    const local = await startApiServer({ world: api.world });
    try {
      for (const [size, status] of [[MAX_BODY_BYTES, 400], [MAX_BODY_BYTES + 1, 413]] as const) {
        const res = await fetch(`${local.url}/provisionings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(size) });
        assert.equal(res.status, status, `${size} bytes`);
      }
    } finally {
      await local.stop();
    }
  });

  it('bodies in flight are bounded: beyond them 503 (busy); held partial bodies stop nothing; aborting them frees the room', async () => {
    // Two slow clients each hold 6 MB of an 8 MB body open (12 MB in flight: the limit of this server).
    const slow = [open(api, { 'content-length': 8 * MB }), open(api, { 'content-length': 8 * MB })];
    const held = bodiesInFlight(api, (n) => n >= 12 * MB);
    for (const s of slow) for (let i = 0; i < 6; i += 1) s.req.write(Buffer.alloc(MB, 'x'));
    await held;
    // Meanwhile: a third body is refused as busy, and every other route answers.
    const third = open(api, { 'content-length': MB });
    void stream(third.req, MB);
    assert.equal((await third.response).status, 503);
    await stillServes();
    // The slow clients go away mid-upload: their room is freed, the server serves bodies again.
    const freed = bodiesInFlight(api, (n) => n === 0);
    for (const s of slow) {
      s.response.catch(() => undefined);
      s.req.destroy();
    }
    await freed;
    const res = await fetch(`${api.url}/provisionings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    assert.equal(res.status, 400, 'bad JSON is a 400');
  });

  it('a body with a UTF-8 BOM is accepted, as npm start accepts an input file with one; so is an event to /_local/events', async () => {
    const input = sampleInput();
    input.Directory['Name'] = 'bom.example.com';
    const res = await fetch(`${api.url}/provisionings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': 'bom-1' },
      body: `\uFEFF${JSON.stringify(input)}`,
    });
    assert.equal(res.status, 202, await res.clone().text());
    const { executionArn } = (await res.json()) as { executionArn: string };
    assert.equal(await api.world.stepFunctions.waitFor(executionArn), 'SUCCEEDED');
    const event: Record<string, unknown> = { ...readEvent<Record<string, unknown>>('provisioning-requested.json'), id: 'bom-event' };
    (event['detail'] as { Directory: { Name: string } }).Directory.Name = 'bom-event.example.com';
    const delivered = await fetch(`${api.url}/_local/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `\uFEFF${JSON.stringify(event)}` });
    assert.equal(delivered.status, 202, await delivered.clone().text());
  });

  it('DELETE ?Force=true (query names are case-sensitive) is a 400 naming it, not a plain teardown', async () => {
    const res = await fetch(`${api.url}/provisionings/api-key-bom-1?Force=true`, { method: 'DELETE' });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { violations: { path: string; message: string }[] };
    assert.deepEqual(body.violations, [{ path: 'Force (query)', message: 'is not a parameter: the parameter is force, in lower case' }]);
    const other = await fetch(`${api.url}/provisionings/api-key-bom-1?force=true&dryRun=1`, { method: 'DELETE' });
    assert.equal(other.status, 400);
    assert.match(await other.text(), /dryRun \(query\)/);
    assert.equal(api.world.stepFunctions.has(`${api.world.teardownStateMachineArn.replace(':stateMachine:', ':execution:')}:del-api-key-bom-1`), false, 'no teardown started');
  });
});

describe('npm run api: another password for an existing directory', () => {
  let api: ApiServer;
  before(async () => {
    api = await startApiServer();
  });
  after(async () => {
    await api?.stop();
  });

  const post = (password: string, key: string) => {
    const input = inputWithPassword(password) as { Directory: Record<string, unknown> };
    input.Directory['Name'] = 'Passwords.Example.com';
    return fetch(`${api.url}/provisionings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(input),
    });
  };
  const other = 'An0ther-Passw0rd!!';

  it('is a named 409 (the directory keeps its password): nothing started or stored, neither password shown; once torn down, accepted', async () => {
    const first = await post(PASSWORD, 'pw-1');
    assert.equal(first.status, 202, await first.clone().text());
    const { executionArn } = (await first.json()) as { executionArn: string };
    assert.equal(await api.world.stepFunctions.waitFor(executionArn), 'SUCCEEDED');
    const secretsBefore = api.world.emulator.snapshot().secrets.length;

    // The same directory (its Name in another case), another password, another key: refused before anything happens.
    const input = inputWithPassword(other) as { Directory: Record<string, unknown> };
    input.Directory['Name'] = 'passwords.example.com';
    const refused = await fetch(`${api.url}/provisionings`, { method: 'POST', headers: { 'content-type': 'application/json', 'Idempotency-Key': 'pw-2' }, body: JSON.stringify(input) });
    const text = await refused.text();
    assert.equal(refused.status, 409, text);
    const body = JSON.parse(text) as { conflict: string; provisioning: string; message: string };
    assert.equal(body.conflict, 'DirectoryPassword');
    assert.equal(body.provisioning, 'api-key-pw-1');
    assert.match(body.message, /Another password was stored for directory passwords\.example\.com in vpc-\S+ by provisioning api-key-pw-1/);
    assert.doesNotMatch(text, new RegExp(`${PASSWORD}|${other}`));
    assert.equal(api.world.stepFunctions.has(executionArn.replace(/:api-key-pw-1$/, ':api-key-pw-2')), false, 'no execution started');
    assert.equal(api.world.emulator.snapshot().secrets.length, secretsBefore, 'no secret stored');

    // The same password with another key is fine: the directory is adopted.
    const same = await post(PASSWORD, 'pw-3');
    assert.equal(same.status, 202, await same.clone().text());
    assert.equal(await api.world.stepFunctions.waitFor(((await same.json()) as { executionArn: string }).executionArn), 'SUCCEEDED');

    // Once the provisionings are torn down (their secrets scheduled for deletion), another password is accepted.
    for (const id of ['api-key-pw-1', 'api-key-pw-3']) {
      const del = await fetch(`${api.url}/provisionings/${id}`, { method: 'DELETE' });
      assert.equal(del.status, 202, await del.clone().text());
      assert.equal(await api.world.stepFunctions.waitFor(((await del.json()) as { executionArn: string }).executionArn), 'SUCCEEDED');
    }
    const after = await post(other, 'pw-4');
    assert.equal(after.status, 202, await after.clone().text());
  });
});
