/**
 * `npm run put-event -- --file events/provisioning-requested.json [--api http://127.0.0.1:3000]` — drives the
 * EventBridge triggers locally.
 *
 * The file is an EventBridge event as the rule target receives it (envelope with `id`, `source`, `detail-type`,
 * `detail`). The rules of serverless/triggers.yml (source `ad-cert-orchestrator.requests`, detail-type
 * `Provisioning Requested` or `Deprovisioning Requested`, e.g. events/teardown-requested.json) decide whether
 * and where it is delivered; the start functions (src/handlers/start-from-event.ts, start-teardown-from-event.ts)
 * name the execution after the event `id`, so putting the same file twice starts one execution.
 *
 *  --api URL   deliver to a running `npm run api` (its local world; follow it with `curl URL/provisionings/<name>`)
 *  (default)   start a local world in this process, deliver, wait for the execution to finish, print its status
 *
 * Exit codes: 0 delivered (and, standalone, SUCCEEDED), 1 not delivered / failed (or --api unreachable), 2 usage
 * error (one line naming the flag or file).
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { MAX_EVENT_ID_LENGTH } from '../../src/domain/execution-names.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, errorLine, readJsonFile, runMain } from './io.ts';

const USAGE = `Usage: npm run put-event -- --file EVENT.json [--api http://127.0.0.1:3000] [--id EVENT_ID]

  --file FILE   an EventBridge event (envelope), e.g. events/provisioning-requested.json or
                events/teardown-requested.json (starts the teardown)
  --api URL     deliver to a running \`npm run api\` instead of a local world started in this process
  --id ID       override the event id (a new id = a new execution; the same id = the same execution)

Exit codes: 0 delivered (standalone: and SUCCEEDED), 1 not delivered or failed (or --api unreachable), 2 usage error.
`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** `--api` as a base URL (http or https, no trailing slash), or a UsageError naming it. */
const apiBase = (value: string): string => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--api ${value}: not a URL (e.g. http://127.0.0.1:3000, as npm run api prints)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--api ${value}: must be an http:// or https:// URL`);
  return url.href.replace(/\/$/, '');
};

/** POSTs the event to a running `npm run api`; a network failure is one line naming the URL, exit 1. */
const deliverToApi = async (base: string, event: unknown, io: Io): Promise<number> => {
  let res: Response;
  try {
    res = await fetch(`${base}/_local/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    io.err(`error: --api ${base}: cannot reach it (${cause?.code ?? cause?.message ?? (err as Error).message}); is npm run api running there?`);
    return EXIT_FAILED;
  }
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    io.err(`error: --api ${base}: answered HTTP ${res.status} with something that is not the local API's JSON; is that npm run api?`);
    return EXIT_FAILED;
  }
  io.out(JSON.stringify(body, null, 2));
  if (typeof body['executionArn'] === 'string' && body['rule'] === 'teardown') {
    io.out(`follow it: npm run executions -- show ${body['executionArn']}   (with the variables npm run api printed)`);
  } else if (typeof body['executionName'] === 'string') {
    io.out(`follow it: curl -s ${base}/provisionings/${body['executionName']}`);
  }
  return res.ok && body['deadLettered'] !== true && body['matchedRules'] !== 0 ? EXIT_OK : EXIT_FAILED;
};

export const main = async (argv: string[], io: Io = { out: console.log, err: console.error }): Promise<number> => {
  try {
    return await run(argv, io);
  } catch (err) {
    io.err(errorLine(err));
    return err instanceof UsageError ? EXIT_USAGE : EXIT_FAILED;
  }
};

const run = async (argv: string[], io: Io): Promise<number> => {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        file: { type: 'string' },
        api: { type: 'string', default: process.env['LOCAL_API_URL'] },
        id: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0] ?? ''} (npm run put-event -- --help for the options)`);
  }
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (!values.file) throw new UsageError('--file is required (an EventBridge event, e.g. events/provisioning-requested.json)');
  let event = readJsonFile(values.file, '--file') as Record<string, unknown>;
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new UsageError(`--file ${values.file}: must be an EventBridge event (a JSON object)`);
  if (values.id !== undefined) {
    if (values.id.length === 0 || values.id.length > MAX_EVENT_ID_LENGTH) throw new UsageError(`--id must be 1-${MAX_EVENT_ID_LENGTH} characters, got ${values.id.length}`);
    event = { ...event, id: values.id };
  }

  if (values.api) return deliverToApi(apiBase(values.api), event, io);

  // Standalone: a local world in this process.
  process.env['POWERTOOLS_LOG_LEVEL'] ??= 'WARN';
  const { startApiServer } = await import('../local/api-server.ts');
  const { readProvisioningStatus } = await import('../../src/handlers/api-get-provisioning.ts');
  const api = await startApiServer();
  try {
    const res = await fetch(`${api.url}/_local/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    const body = (await res.json()) as Record<string, unknown>;
    io.out(JSON.stringify(body, null, 2));
    const arn = body['executionArn'];
    if (typeof arn !== 'string') return EXIT_FAILED;
    const status = await api.world.stepFunctions.waitFor(arn);
    const summary = await readProvisioningStatus(arn);
    io.out(JSON.stringify(
      body['rule'] === 'teardown'
        ? { status, output: summary?.output, error: summary?.error, cause: summary?.cause }
        : { status, directory: summary?.directory, connector: summary?.connector, error: summary?.error, cause: summary?.cause },
      null,
      2,
    ));
    return status === 'SUCCEEDED' ? EXIT_OK : EXIT_FAILED;
  } finally {
    await api.stop();
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain(() => main(process.argv.slice(2)));
}
