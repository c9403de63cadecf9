/**
 * `npm run world`: the local world on its own (emulator + local Step Functions), for `serverless invoke local --stage
 * local` and any other process: prints the `export` lines that point the AWS SDK at it (and writes them to
 * `--env-out`), then serves until Ctrl-C. Directories and connectors (with their registrations and SPNs, and Directory
 * Data access once asked for) turn Active at once unless told otherwise:
 * nothing advances the simulated clock between separate invokes.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SEED_PATH, loadSeed } from './emulator/index.ts';
import { startLocalWorld } from './world.ts';

const USAGE = `Usage: npm run world -- [--env-out FILE] [--seed FILE] [--directory-active-after S] [--connector-active-after S]

Starts the local world, prints the variables a separate process needs (eval them, or source --env-out), serves
until Ctrl-C. Then, in another shell:
  . ./.local-world.env && npx serverless invoke local --stage local -f validateRequest -p events/validateRequest.json
`;

/** `export K='V'` lines (values are URLs, ARNs and dummy keys: no quote inside). */
export const exportLines = (env: Record<string, string>): string =>
  Object.entries(env)
    .map(([k, v]) => `export ${k}='${v}'`)
    .join('\n');

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'env-out': { type: 'string' },
        seed: { type: 'string', default: DEFAULT_SEED_PATH },
        'directory-active-after': { type: 'string', default: '0' },
        'connector-active-after': { type: 'string', default: '0' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const directory = Number(values['directory-active-after']);
  const connector = Number(values['connector-active-after']);
  if (!(directory >= 0) || !(connector >= 0)) {
    console.error(`--directory-active-after and --connector-active-after take seconds >= 0\n\n${USAGE}`);
    return 2;
  }
  process.env['POWERTOOLS_LOG_LEVEL'] ??= 'WARN';
  const world = await startLocalWorld({
    seed: loadSeed(values.seed),
    // Nothing advances the simulated clock between separate invokes: the CA share is associated at once.
    emulator: {
      directoryActiveAfterSeconds: directory,
      connectorActiveAfterSeconds: connector,
      registrationActiveAfterSeconds: connector,
      spnActiveAfterSeconds: connector,
      dataAccessEnabledAfterSeconds: connector,
      shareAssociatedAfterSeconds: 0,
    },
  });
  const lines = exportLines(world.env);
  if (values['env-out']) writeFileSync(values['env-out'], `${lines}\n`);
  console.log(`# local world: emulator ${world.emulator.endpoint}, Step Functions ${world.sfnEndpoint}`);
  console.log(lines);
  if (values['env-out']) console.log(`# written to ${values['env-out']}`);
  const stop = () => void world.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => undefined); // serve until stopped
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
