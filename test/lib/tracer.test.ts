/**
 * The tracer: inside Lambda every client of src/aws/clients.ts (the hand-written PCA Connector AD and Directory
 * Service Data clients included) carries the X-Ray SDK's instrumentation, so each AWS call is a subsegment; outside
 * Lambda (the local world, the tests, the CLIs) tracing is off and the clients are left as they are.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

const ROOT = new URL('../../', import.meta.url).pathname;

/** In a fresh Node: builds every client getter of clients.ts and prints, per getter, whether X-Ray instruments it. */
const CHILD = `
const clients = await import('./src/aws/clients.ts');
const { tracer } = await import('./src/lib/tracer.ts');
const out = { enabled: tracer.isTracingEnabled(), clients: {} };
for (const [name, get] of Object.entries(clients)) {
  if (name === 'resetClients') continue;
  out.clients[name] = get().middlewareStack.identify().some((m) => m.startsWith('XRaySDKInstrumentation'));
}
clients.resetClients();
console.log(JSON.stringify(out));
`;

const run = (env: Record<string, string>): { enabled: boolean; clients: Record<string, boolean> } => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', AWS_REGION: 'us-east-1', ...env },
  });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { enabled: boolean; clients: Record<string, boolean> };
};

describe('the X-Ray tracer', () => {
  it('inside Lambda: every client is captured (a subsegment per AWS call), the hand-written ones included', () => {
    const r = run({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', AWS_LAMBDA_FUNCTION_NAME: 'f', _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1' });
    assert.equal(r.enabled, true);
    assert.ok(Object.keys(r.clients).length >= 12, Object.keys(r.clients).join(', '));
    assert.ok(r.clients['pcaConnectorAd'] && r.clients['directoryServiceData'], JSON.stringify(r.clients));
    assert.deepEqual(Object.entries(r.clients).filter(([, captured]) => !captured).map(([n]) => n), [], 'not captured');
  });

  it('outside Lambda (the local world, tests, CLIs): off, and no client is touched', () => {
    const r = run({});
    assert.equal(r.enabled, false);
    assert.deepEqual(Object.entries(r.clients).filter(([, captured]) => captured).map(([n]) => n), []);
  });
});
