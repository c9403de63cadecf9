/**
 * `npm run put-event -- --file events/provisioning-requested.json [--api http://127.0.0.1:3000]` — drives the
 * EventBridge trigger locally.
 *
 * The file is an EventBridge event as the rule target receives it (envelope with `id`, `source`, `detail-type`,
 * `detail`). The rule of serverless/triggers.yml (source `ad-cert-orchestrator.requests`, detail-type
 * `Provisioning Requested`) decides whether it is delivered; the start function (src/handlers/start-from-event.ts)
 * names the execution after the event `id`, so putting the same file twice starts one execution.
 *
 *  --api URL   deliver to a running `npm run api` (its local world; follow it with `curl URL/provisionings/<name>`)
 *  (default)   start a local world in this process, deliver, wait for the execution to finish, print its status
 *
 * Exit codes: 0 delivered (and, standalone, SUCCEEDED), 1 not delivered / failed, 2 usage error.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const USAGE = `Usage: npm run put-event -- --file EVENT.json [--api http://127.0.0.1:3000] [--id EVENT_ID]

  --file FILE   an EventBridge event (envelope), e.g. events/provisioning-requested.json
  --api URL     deliver to a running \`npm run api\` instead of a local world started in this process
  --id ID       override the event id (a new id = a new execution; the same id = the same execution)
`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const main = async (argv: string[], io: Io = { out: console.log, err: console.error }): Promise<number> => {
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
    io.err(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (!values.file) {
    io.err(`--file is required\n\n${USAGE}`);
    return 2;
  }
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(readFileSync(values.file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    io.err(`cannot read ${values.file}: ${(err as Error).message}`);
    return 2;
  }
  if (values.id) event = { ...event, id: values.id };

  if (values.api) {
    const res = await fetch(`${values.api.replace(/\/$/, '')}/_local/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    const body = (await res.json()) as Record<string, unknown>;
    io.out(JSON.stringify(body, null, 2));
    if (typeof body['executionName'] === 'string') {
      io.out(`follow it: curl -s ${values.api.replace(/\/$/, '')}/provisionings/${body['executionName']}`);
    }
    return res.ok && body['deadLettered'] !== true && body['matchedRules'] !== 0 ? 0 : 1;
  }

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
    if (typeof arn !== 'string') return 1;
    const status = await api.world.stepFunctions.waitFor(arn);
    const summary = await readProvisioningStatus(arn);
    io.out(JSON.stringify({ status, directory: summary?.directory, connector: summary?.connector, error: summary?.error, cause: summary?.cause }, null, 2));
    return status === 'SUCCEEDED' ? 0 : 1;
  } finally {
    await api.stop();
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
