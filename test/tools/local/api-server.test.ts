/**
 * End to end over real HTTP: starts the `npm run api` command (a child process, on a free port), POSTs a
 * provisioning with a password, polls GET until SUCCEEDED, repeats (200 same execution) and conflicts (409), drives
 * the EventBridge path with `npm run put-event -- --api`, and checks the password is in no response, no execution
 * input or history (read from the child's local Step Functions endpoint), and no line the server printed.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { sampleInput } from '../../fixtures.ts';
import { GENEROUS_CHILD_MS, ownLines } from '../../support/limits.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const PASSWORD = 'E2e-Adm1n-Passw0rd!';
const { main: putEvent } = await import('../../../tools/cli/put-event.ts');

/** The command of the `api` npm script, run with this Node (package.json: "node --import tsx tools/local/api-server.ts"). */
const apiCommand = (): string[] => {
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> };
  const [bin, ...args] = (pkg.scripts['api'] ?? '').split(/\s+/);
  assert.equal(bin, 'node');
  return args;
};

const body = (withPassword: boolean): Record<string, unknown> => {
  const input = sampleInput();
  input.Directory['Name'] = 'e2e.example.com';
  if (withPassword) {
    delete input.Directory['PasswordSecretId'];
    input.Directory['Password'] = PASSWORD;
  }
  return input;
};

const post = (url: string, payload: unknown, key?: string) =>
  fetch(`${url}/provisionings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
    body: JSON.stringify(payload),
  });

/** Waits for the execution behind `location` to end (the local API answers when it has; no polling), then GETs it. */
const whenDone = async (url: string, location: string): Promise<Record<string, unknown>> => {
  const name = location.split('/').pop() ?? '';
  const waited = await fetch(`${url}/_local/wait/${name}`);
  assert.equal(waited.status, 200, await waited.clone().text());
  const res = await fetch(`${url}${location}`);
  assert.equal(res.status, 200);
  return (await res.json()) as Record<string, unknown>;
};

/** Writes raw bytes to the server and returns what it answered before closing (or '' when it just closed). */
const rawRequest = (url: string, text: string, { abort = false } = {}): Promise<string> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () => {
      socket.write(text, () => {
        if (abort) socket.resetAndDestroy();
      });
    });
    let answer = '';
    socket.on('data', (c: Buffer) => {
      answer += c.toString('utf8');
      if (/\r\n\r\n[\s\S]*\}$/.test(answer)) socket.end();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', (err) => (abort ? resolve('') : reject(err)));
  });

describe('npm run api: local REST API end to end (real HTTP)', () => {
  let child: ChildProcess;
  let url = '';
  let sfnEndpoint = '';
  let printed = '';
  before(async () => {
    child = spawn(process.execPath, [...apiCommand(), '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'DEBUG', AWS_ENDPOINT_URL_SFN: '', STATE_MACHINE_ARN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Ready when it says so (an event, not a timer); a child that exits first fails the suite with what it printed.
    await new Promise<void>((resolve, reject) => {
      const onData = (c: Buffer) => {
        printed += c.toString('utf8');
        if (/listening on http:\/\/127\.0\.0\.1:\d+[\s\S]*local Step Functions: http/.test(printed)) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`api exited (${String(code)}) before listening:\n${printed}`)));
    });
    url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1] ?? '';
    sfnEndpoint = /local Step Functions: (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1] ?? '';
  });
  after(() => {
    child?.kill('SIGTERM');
  });

  it('POST (with a password) -> 202 + Location; GET once it ended: SUCCEEDED; repeat -> 200; other body, same key -> 409', async () => {
    // Act
    const first = await post(url, body(true), 'e2e-1');
    const accepted = (await first.json()) as { executionArn: string; location: string };
    const done = await whenDone(url, first.headers.get('location') ?? '');
    const repeat = await post(url, body(true), 'e2e-1');
    const repeated = (await repeat.json()) as { executionArn: string };
    const conflict = await post(url, { ...body(true), Options: { DirectoryTimeoutMinutes: 90 } }, 'e2e-1');
    // Assess
    assert.equal(first.status, 202);
    assert.equal(first.headers.get('location'), '/provisionings/api-key-e2e-1');
    assert.equal(accepted.location, '/provisionings/api-key-e2e-1');
    assert.equal(done['status'], 'SUCCEEDED', JSON.stringify(done));
    assert.equal((done['directory'] as { Stage: string }).Stage, 'Active');
    assert.equal((done['connector'] as { Status: string }).Status, 'ACTIVE');
    assert.equal((done['output'] as { ConnectorStatus: string }).ConnectorStatus, 'ACTIVE');
    assert.equal(repeat.status, 200);
    assert.equal(repeated.executionArn, accepted.executionArn);
    assert.equal(conflict.status, 409);

    // the password: in no response, no execution input/history, no printed line
    const sfn = new SFNClient({ endpoint: sfnEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: accepted.executionArn }));
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: accepted.executionArn, maxResults: 1000 }));
    sfn.destroy();
    assert.match(described.input ?? '', /"PasswordSecretId":"ad-cert-orchestrator\/ad-cert-orchestrator-provision\/api-key-e2e-1\/admin-password"/);
    for (const [what, text] of [
      ['GET body', JSON.stringify(done)],
      ['execution input', described.input ?? ''],
      ['execution output', described.output ?? ''],
      ['history', JSON.stringify(history.events)],
      ['server output', printed],
    ] as const) {
      assert.ok(!text.includes(PASSWORD), `password found in ${what}`);
    }
    assert.ok(printed.includes('"level":"INFO"') || printed.includes('"level":"DEBUG"'), 'the child logged (so the check above means something)');
  });

  it('npm run put-event -- --api: the same event twice starts one execution, which succeeds', async () => {
    // Prepare
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    const file = `${ROOT}events/provisioning-requested.json`;
    // Act
    const first = await putEvent(['--file', file, '--api', url, '--id', 'e2e-event-1'], io);
    const second = await putEvent(['--file', file, '--api', url, '--id', 'e2e-event-1'], io);
    const done = await whenDone(url, '/provisionings/evt-e2e-event-1');
    // Assess
    assert.equal(first, 0, out.join('\n'));
    assert.equal(second, 0, out.join('\n'));
    const arns = out.filter((l) => l.includes('"executionArn"')).map((l) => l.trim());
    assert.ok(arns.length >= 2 && arns.every((a) => a === arns[0]), out.join('\n'));
    assert.equal(done['status'], 'SUCCEEDED', JSON.stringify(done));
  });

  it('an event that no rule matches is dropped; a malformed detail is dead-lettered with its reason', async () => {
    // Act
    const res = await fetch(`${url}/_local/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'bad-1', source: 'ad-cert-orchestrator.requests', 'detail-type': 'Provisioning Requested', detail: { Directory: {} } }),
    });
    const dead = (await res.json()) as Record<string, unknown>;
    const unmatched = await fetch(`${url}/_local/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'other-1', source: 'someone.else', 'detail-type': 'Provisioning Requested', detail: {} }),
    });
    const dlq = (await (await fetch(`${url}/_local/dlq`)).json()) as { errorName: string }[];
    // Assess
    assert.equal(dead['deadLettered'], true);
    assert.equal(dead['errorName'], 'InvalidRequestError');
    assert.equal(((await unmatched.json()) as { matchedRules: number }).matchedRules, 0);
    assert.deepEqual(dlq.map((d) => d.errorName), ['InvalidRequestError']);
  });

  it('GET of an unknown provisioning is 404; an unknown route is API Gateway\'s 403', async () => {
    const missing = await fetch(`${url}/provisionings/api-key-never`);
    const route = await fetch(`${url}/nothing-here`);
    assert.equal(missing.status, 404);
    assert.equal(route.status, 403);
  });

  describe('a misbehaving client never stops the server', () => {
    it('an upload aborted halfway: that request is dropped, the server keeps serving', async () => {
      // Act: headers announce 100 kB, 10 bytes arrive, then the connection is reset
      await rawRequest(url, 'POST /provisionings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"Director', { abort: true });
      await rawRequest(url, 'POST /provisionings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"Dir', { abort: true });
      const after = await fetch(`${url}/provisionings/api-key-never`);
      // Assess
      assert.equal(after.status, 404);
      assert.equal(child.exitCode, null, printed);
    });

    it('GET /provisionings/% (a broken escape) is 400, not a crash or a 502', async () => {
      const res = await fetch(`${url}/provisionings/%`);
      assert.equal(res.status, 400);
      assert.match(((await res.json()) as { message: string }).message, /percent-encoding/);
    });

    it('Content-Type: APPLICATION/JSON is JSON (media types are case-insensitive)', async () => {
      const res = await fetch(`${url}/provisionings`, {
        method: 'POST',
        headers: { 'Content-Type': 'APPLICATION/JSON', 'Idempotency-Key': 'upper-case-type' },
        body: JSON.stringify(body(false)),
      });
      assert.equal(res.status, 202, await res.text());
      // ended before the next test provisions the same directory (one change at a time per directory)
      await whenDone(url, '/provisionings/api-key-upper-case-type');
    });

    it('two Idempotency-Key headers: 400 naming the header, nothing started', async () => {
      const payload = JSON.stringify(body(false));
      const answer = await rawRequest(
        url,
        `POST /provisionings HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nIdempotency-Key: twice-a\r\nIdempotency-Key: twice-b\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
      );
      assert.match(answer, /^HTTP\/1\.1 400 /);
      assert.match(answer, /Idempotency-Key \(header\)/);
      for (const key of ['twice-a', 'twice-b']) assert.equal((await fetch(`${url}/provisionings/api-key-${key}`)).status, 404);
    });

    it('100 identical POSTs at once: exactly one 202, 99 x 200, one execution', async () => {
      // Act
      const responses = await Promise.all(Array.from({ length: 100 }, () => post(url, body(false), 'burst-100')));
      const bodies = (await Promise.all(responses.map((r) => r.json()))) as { executionArn: string }[];
      // Assess
      const statuses = responses.map((r) => r.status);
      assert.equal(statuses.filter((x) => x === 202).length, 1, statuses.join(','));
      assert.equal(statuses.filter((x) => x === 200).length, 99, statuses.join(','));
      assert.equal(new Set(bodies.map((b) => b.executionArn)).size, 1);
      assert.equal((await whenDone(url, '/provisionings/api-key-burst-100'))['status'], 'SUCCEEDED');
    });

    it('a second server on the same port: one line naming the port, exit code 2, no stack trace', () => {
      const { port } = new URL(url);
      const res = spawnSync(process.execPath, [...apiCommand(), '--port', port], { cwd: ROOT, encoding: 'utf8', timeout: GENEROUS_CHILD_MS });
      assert.equal(res.status, 2, res.stderr);
      assert.deepEqual(ownLines(res.stderr).length, 1, res.stderr);
      assert.match(ownLines(res.stderr)[0] ?? '', new RegExp(`^error: --port ${port}: the port is in use`));
      assert.doesNotMatch(res.stderr, /\n\s+at /);
      assert.equal(child.exitCode, null, 'the first server still runs');
    });
  });
});
