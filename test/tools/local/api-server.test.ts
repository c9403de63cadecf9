/**
 * End to end over real HTTP: starts the `npm run api` command (a child process, on a free port), POSTs a
 * provisioning with a password, polls GET until SUCCEEDED, repeats (200 same execution) and conflicts (409), drives
 * the EventBridge path with `npm run put-event -- --api`, and checks the password is in no response, no execution
 * input or history (read from the child's local Step Functions endpoint), and no line the server printed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { sampleInput } from '../../fixtures.ts';

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

const pollUntilDone = async (url: string, location: string): Promise<Record<string, unknown>> => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${url}${location}`);
    assert.equal(res.status, 200);
    const status = (await res.json()) as Record<string, unknown>;
    if (status['status'] !== 'RUNNING') return status;
    assert.ok(Date.now() < deadline, 'still RUNNING after 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('npm run api: local REST API end to end (real HTTP)', { timeout: 120_000 }, () => {
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
    child.stdout?.on('data', (c: Buffer) => (printed += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (printed += c.toString('utf8')));
    const deadline = Date.now() + 30_000;
    while (!/listening on (http:\/\/127\.0\.0\.1:\d+)/.test(printed)) {
      assert.ok(Date.now() < deadline && child.exitCode === null, `api did not start:\n${printed}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1] ?? '';
    sfnEndpoint = /local Step Functions: (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1] ?? '';
  });
  after(() => {
    child?.kill('SIGTERM');
  });

  it('POST (with a password) -> 202 + Location; GET polled until SUCCEEDED; repeat -> 200; other body, same key -> 409', async () => {
    // Act
    const first = await post(url, body(true), 'e2e-1');
    const accepted = (await first.json()) as { executionArn: string; location: string };
    const done = await pollUntilDone(url, first.headers.get('location') ?? '');
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
    const done = await pollUntilDone(url, '/provisionings/evt-e2e-event-1');
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
});
