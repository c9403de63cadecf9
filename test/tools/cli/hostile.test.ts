/**
 * Every command line tool under hostile use (docs/reliability.md, "Hostile use"): each flag, file and state checked
 * with a one-line error naming it and an exit code that means something (2 usage, 1 failed run), never a stack trace,
 * never a hang on a FIFO or a device, also with stderr closed. Child processes where the process itself is the
 * subject (its exit code, its signals, its closed stderr); the tools' `main` in-process otherwise.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { GENEROUS_CHILD_MS, ownLines } from '../../support/limits.ts';

process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
const ROOT = new URL('../../..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'adco-hostile-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const TOOLS = {
  start: 'tools/local/cli.ts',
  api: 'tools/local/api-server.ts',
  world: 'tools/local/world-cli.ts',
  executions: 'tools/cli/executions.ts',
  'put-event': 'tools/cli/put-event.ts',
} as const;

/** A tool as a user runs it: a child process on the project's Node. */
const tool = (name: keyof typeof TOOLS, args: string[]) => {
  const res = spawnSync(process.execPath, ['--import', 'tsx', TOOLS[name], ...args], { cwd: ROOT, encoding: 'utf8', timeout: GENEROUS_CHILD_MS });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
};

/**
 * A tool that exports its `main` (npm start, put-event) called in this process, its output captured: for the cases
 * whose subject is the message and the exit code, not the process.
 */
const inProcess = async (name: 'start' | 'put-event', args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const { main } = name === 'start' ? await import('../../../tools/local/cli.ts') : await import('../../../tools/cli/put-event.ts');
  const code = await main(args, { out: (text: string) => out.push(text), err: (text: string) => err.push(`${text.replace(/\n$/, '')}\n`) });
  return { code, stdout: out.join(''), stderr: err.join('') };
};

const mkfifo = (path: string): void => {
  const res = spawnSync('mkfifo', [path]);
  assert.equal(res.status, 0, `mkfifo ${path}: ${res.stderr.toString()}`);
};

const fifo = join(tmp, 'fifo');
mkfifo(fifo);

describe('every tool: usage errors in one line, exit 2', () => {
  it('with stderr closed by its reader (2>&1 | head -0), a usage error still exits 2 on every tool', async () => {
    const usage: [keyof typeof TOOLS, string[]][] = [
      ['start', ['--bogus']],
      ['api', ['--port', 'x']],
      ['world', ['--bogus']],
      ['executions', ['frobnicate']],
      ['put-event', []],
    ];
    for (const [name, args] of usage) {
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', TOOLS[name], ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: GENEROUS_CHILD_MS });
        // The reader goes away before the child writes anything: its writes meet a closed pipe (EPIPE).
        child.stdout.destroy();
        child.stderr.destroy();
        child.on('error', reject);
        child.on('exit', (exitCode) => resolve(exitCode));
      });
      assert.equal(code, 2, `${name} ${args.join(' ')}`);
    }
  });

  it('a FIFO or a device as a file is refused at once, named, exit 2 (never a hang)', async () => {
    const cases: [keyof typeof TOOLS, string[], RegExp][] = [
      ['start', ['--input', '/dev/zero'], /^error: --input \/dev\/zero: is a device, not a file$/],
      ['start', ['--input', fifo], /^error: --input \S+fifo: is a FIFO \(named pipe\), not a file$/],
      ['start', ['--seed', fifo], /^error: --seed \S+fifo: Cannot read seed file \S+fifo: is a FIFO/],
      ['put-event', ['--file', fifo], /^error: --file \S+fifo: is a FIFO/],
      ['world', ['--seed', '/dev/zero'], /^error: --seed \/dev\/zero: Cannot read seed file \/dev\/zero: is a device/],
    ];
    for (const [name, args, expected] of cases) {
      const res = name === 'start' || name === 'put-event' ? await inProcess(name, args) : tool(name, args);
      assert.equal(res.code, 2, `${name} ${args.join(' ')}: ${res.stderr}`);
      assert.deepEqual(ownLines(res.stderr).length, 1, res.stderr);
      assert.match(ownLines(res.stderr)[0] ?? '', expected);
    }
  });

  it('an empty or blank number of seconds is not 0: refused, named', async () => {
    for (const [name, flag] of [['start', '--directory-active-after'], ['start', '--spn-fails-after'], ['world', '--connector-active-after']] as const) {
      for (const value of ['', ' ']) {
        const res = name === 'start' ? await inProcess(name, [`${flag}=${value}`]) : tool(name, [`${flag}=${value}`]);
        assert.equal(res.code, 2, `${name} ${flag}="${value}": ${res.stderr}`);
        assert.match(ownLines(res.stderr)[0] ?? '', new RegExp(`^error: ${flag} needs a number of seconds ≥ 0, got "${value}"$`));
      }
    }
  });
});

describe('npm run world', () => {
  it('--env-out on a directory or under a missing parent, a missing or invalid --seed: one line, exit 2, no world started', () => {
    const badSeed = join(tmp, 'bad-seed.json');
    writeFileSync(badSeed, '{"region":"nowhere"}');
    const cases: [string[], RegExp][] = [
      [['--env-out', tmp], /^error: --env-out \S+: is a directory$/],
      [['--env-out', join(tmp, 'missing', 'world.env')], /^error: --env-out \S+world\.env: its directory \S+missing: no such file$/],
      [['--seed', join(tmp, 'missing.json')], /^error: --seed \S+missing\.json: Cannot read seed file \S+: no such file$/],
      [['--seed', badSeed], /^error: --seed \S+bad-seed\.json: Invalid seed file \S+: region must be/],
      [['--directory-active-after', 'soon'], /^error: --directory-active-after needs a number of seconds/],
      [['--bogus'], /^error: Unknown option '--bogus'/],
    ];
    for (const [args, expected] of cases) {
      const res = tool('world', args);
      assert.equal(res.code, 2, `${args.join(' ')}: ${res.stderr}`);
      assert.equal(ownLines(res.stderr).length, 1, res.stderr);
      assert.match(ownLines(res.stderr)[0] ?? '', expected);
      assert.doesNotMatch(res.stderr, /\n\s+at /);
      assert.equal(res.stdout, '', 'no world started');
    }
  });

  it('Ctrl-C removes the --env-out file it wrote (its endpoints are gone), exit 0', async () => {
    const envOut = join(tmp, 'world.env');
    const { code, existed } = await new Promise<{ code: number | null; existed: boolean }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', TOOLS.world, '--env-out', envOut], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], timeout: GENEROUS_CHILD_MS });
      let stdout = '';
      let existedThen = false;
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString('utf8');
        if (!existedThen && stdout.includes('# written to')) {
          existedThen = existsSync(envOut);
          child.kill('SIGINT');
        }
      });
      child.on('error', reject);
      child.on('exit', (exitCode) => resolve({ code: exitCode, existed: existedThen }));
    });
    assert.equal(existed, true, 'written while the world served');
    assert.equal(code, 0);
    assert.equal(existsSync(envOut), false, 'removed on Ctrl-C');
  });
});

describe('npm run put-event', () => {
  it('--id "" (or longer than an event id may be) is refused, not ignored', async () => {
    const { main } = await import('../../../tools/cli/put-event.ts');
    const file = join(ROOT, 'events/provisioning-requested.json');
    for (const [id, expected] of [['', /^error: --id must be 1-256 characters, got 0$/], ['x'.repeat(257), /^error: --id must be 1-256 characters, got 257$/]] as const) {
      const lines: string[] = [];
      const code = await main(['--file', file, '--id', id, '--api', 'http://127.0.0.1:1'], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
      assert.equal(code, 2, lines.join('\n'));
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0] ?? '', expected);
    }
  });
});

describe('npm run executions', () => {
  it('Step Functions unreachable: one line naming the endpoint and ECONNREFUSED, exit 1; usage errors are one line too', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const env = {
      ...process.env,
      AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${port}`,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_MAX_ATTEMPTS: '1',
      STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:ad-cert-orchestrator-provision',
    };
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', TOOLS.executions, ...args], { cwd: ROOT, encoding: 'utf8', env, timeout: GENEROUS_CHILD_MS });
    const down = run(['list']);
    assert.equal(down.status, 1, down.stderr);
    assert.deepEqual(ownLines(down.stderr), [
      `error: cannot reach Step Functions at http://127.0.0.1:${port} (AWS_ENDPOINT_URL_SFN) (ECONNREFUSED); is the local world running (npm run api / npm run world), or are the endpoint and region right?`,
    ]);
    for (const args of [[], ['frobnicate'], ['list', '--max', '0'], ['--bogus']]) {
      const res = run(args);
      assert.equal(res.status, 2, `${args.join(' ')}: ${res.stderr}`);
      assert.equal(ownLines(res.stderr).length, 1, res.stderr);
      assert.match(ownLines(res.stderr)[0] ?? '', /^error: .*\(npm run executions -- --help for the commands\)$/);
    }
  });
});

describe('npm start --fault', () => {
  it('an error name the operation cannot answer is refused with the nearest name (ThrotlingException)', () => {
    const res = tool('start', ['--fault', 'CreateConnector:ThrotlingException']);
    assert.equal(res.code, 2, res.stderr);
    assert.equal(ownLines(res.stderr).length, 1, res.stderr);
    assert.match(ownLines(res.stderr)[0] ?? '', /^error: --fault "CreateConnector:ThrotlingException": CreateConnector cannot answer "ThrotlingException" \(did you mean ThrottlingException\?\); its errors: ConflictException, InternalServerException/);
    assert.equal(res.stdout, '', 'nothing ran');
  });

  it('every error the service models for an operation, the common ones and the fault matrix\'s are accepted; others are not', async () => {
    const { faultProblem, parseFault } = await import('../../../tools/local/emulator/index.ts');
    const { SERVICE_FAULTS } = await import('../../../tools/verify/matrix/index.ts');
    const { SERVICES } = await import('../../../tools/local/emulator/services.ts');
    const accepted = [
      'GetSecretValue:DecryptionFailure:1', 'GetSecretValue:InvalidRequestException', 'DeleteDirectory:EntityDoesNotExistException:1',
      'DeleteConnector:ResourceNotFoundException:1', 'CreateMicrosoftAD:DirectoryLimitExceededException', 'DescribeSubnets:InvalidSubnetID.NotFound',
      'PutItem:ConditionalCheckFailedException', '*:ThrottlingException:0.3', 'DirectoryService.*:ServiceException', 'CreateDirectory:reset:1:after',
    ];
    for (const [service, f] of Object.entries(SERVICE_FAULTS)) {
      const svc = SERVICES.find((s) => s.name === service) ?? assert.fail(service);
      for (const op of Object.keys(svc.ops)) accepted.push(`${service}.${op}:${f.throttled.error}`, `${service}.${op}:${f.server}`);
    }
    for (const spec of accepted) assert.equal(await faultProblem(parseFault(spec)), undefined, spec);
    for (const spec of ['CreateConnector:ThrotlingException', 'GetSecretValue:EntityDoesNotExistException', 'DescribeVpcs:ResourceNotFoundException', 'SecretsManager.*:Bogus']) {
      assert.match((await faultProblem(parseFault(spec))) ?? '', /cannot answer/, spec);
    }
  });

  it('the counts, rates and "after" each form of --help lists are exactly those accepted', async () => {
    const { faultProblem, parseFault } = await import('../../../tools/local/emulator/index.ts');
    const help = tool('start', ['--help']).stdout;
    const forms = [...help.matchAll(/^ {2}(\w+):(\w+)(\S*)/gm)].map((m) => ({ op: m[1] ?? '', kind: m[2] ?? '', suffix: m[3] ?? '' }));
    assert.deepEqual(forms.map((f) => `${f.op}:${f.kind}`), ['OP:ERROR', 'OP:reset', 'OP:timeout', 'DirectoryLifecycle:STAGE', 'ConnectorLifecycle:REASON', 'DirectoryDataAccessLifecycle:Failed']);
    const example: Record<string, string> = {
      'OP:ERROR': 'CreateConnector:ThrottlingException', 'OP:reset': 'CreateConnector:reset', 'OP:timeout': 'CreateConnector:timeout',
      'DirectoryLifecycle:STAGE': 'DirectoryLifecycle:Failed', 'ConnectorLifecycle:REASON': 'ConnectorLifecycle:INTERNAL_FAILURE',
      'DirectoryDataAccessLifecycle:Failed': 'DirectoryDataAccessLifecycle:Failed',
    };
    for (const f of forms) {
      const base = example[`${f.op}:${f.kind}`] ?? assert.fail(f.op);
      const listed = { count: f.suffix.includes(':COUNT'), rate: f.suffix.includes(':RATE'), after: f.suffix.includes(':after') };
      for (const [part, suffix] of [['count', ':2'], ['rate', ':0.5'], ['after', ':after']] as const) {
        let problem: string | undefined;
        try {
          problem = await faultProblem(parseFault(`${base}${suffix}`));
        } catch (err) {
          problem = (err as Error).message;
        }
        assert.equal(problem === undefined, listed[part], `${base}${suffix}: help lists ${part}: ${listed[part]}; ${problem ?? 'accepted'}`);
      }
    }
  });
});
