/**
 * The sample event of each Task function (events/<function>.json): the exact input its Task state's Parameters build,
 * captured from one run of the real ASL with the real handlers in the local world (the sample request, default seed,
 * fixed execution ARN and a simulated clock starting at a fixed time, so the capture is deterministic).
 * The teardown triggers' samples are derived from the provisioning triggers' (same envelope and request, their own
 * method / detail-type / ids), the dry-run function's from the sample request: `derivedTriggerEvents`. `npm run gen:events` writes both; tests compare.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DETAIL_TYPE_TEARDOWN_REQUESTED } from '../../src/contract.ts';
import { ASL_PATH, executionArnFor } from './engine/asl.ts';
import { createSimClock } from './emulator/index.ts';
import { runInNewWorld } from './world.ts';

const require = createRequire(import.meta.url);
const { SUBSTITUTIONS } = require('../../statemachine/serverless-definition.cjs') as {
  SUBSTITUTIONS: Record<string, { 'Fn::GetAtt'?: [string, string] }>;
};

export const SAMPLE_EXECUTION_ARN = executionArnFor('sample-execution');
/** The simulated time the sample run starts at: the deadlines in the events do not depend on the wall clock. */
export const SAMPLE_START_MS = Date.parse('2026-01-01T00:00:00.000Z');

/** Task state -> serverless.yml function key, from the ASL's `${…FunctionArn}` placeholders. */
export const taskFunctionKeys = (): Record<string, string> => {
  const asl = JSON.parse(readFileSync(ASL_PATH, 'utf8')) as { States: Record<string, { Type: string; Resource?: string }> };
  const out: Record<string, string> = {};
  for (const [state, def] of Object.entries(asl.States)) {
    const placeholder = def.Type === 'Task' ? /^\$\{(\w+FunctionArn)\}$/.exec(def.Resource ?? '')?.[1] : undefined;
    const key = placeholder ? SUBSTITUTIONS[placeholder]?.['Fn::GetAtt']?.[0] : undefined;
    if (key) out[state] = key;
  }
  return out;
};

/** Function key -> the first input its Task state received in a successful sample run. */
export const captureTaskEvents = async (): Promise<Record<string, unknown>> => {
  const keys = taskFunctionKeys();
  const events: Record<string, unknown> = {};
  const input = JSON.parse(readFileSync(new URL('../../events/execution-input.json', import.meta.url), 'utf8')) as unknown;
  const run = await runInNewWorld({ emulator: { clock: createSimClock(SAMPLE_START_MS) } }, {
    input,
    executionArn: SAMPLE_EXECUTION_ARN,
    wrapHandler: (state, handler) => async (event, context) => {
      const key = keys[state];
      if (key && !(key in events)) events[key] = structuredClone(event);
      return handler(event, context);
    },
  });
  if (run.status !== 'SUCCEEDED') throw new Error(`sample run ${run.status}: ${run.error ?? ''} ${run.cause ?? ''}`);
  return events;
};

export const eventFileText = (event: unknown): string => `${JSON.stringify(event, null, 2)}\n`;

const readEventFile = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../events/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** `Deprovisioning Requested` with the request of a `Provisioning Requested` sample (its own event id). */
const teardownEventFrom = (event: Record<string, unknown>, id: string): Record<string, unknown> => ({
  ...event,
  id,
  'detail-type': DETAIL_TYPE_TEARDOWN_REQUESTED,
});

/**
 * File name under events/ -> the samples derived from others: the teardown triggers' (`DELETE /provisionings/{id}`:
 * the GET sample's request as a DELETE, a request id of its own; the `Deprovisioning Requested` events: the
 * provisioning request samples') and the dry-run function's (what `POST /provisionings?dryRun=true` sends it: the
 * sample request).
 */
export const derivedTriggerEvents = (): Record<string, unknown> => {
  const get = readEventFile('apiGetProvisioning.json') as Record<string, unknown> & { requestContext: Record<string, unknown> };
  return {
    'apiDeleteProvisioning.json': {
      ...get,
      httpMethod: 'DELETE',
      requestContext: { ...get.requestContext, httpMethod: 'DELETE', requestId: '9d4c2a61-3e7b-4f08-b5d1-2c6e8a0f7b35', extendedRequestId: 'C8mJsHxhoAMFtXx=' },
    },
    'startTeardownFromEvent.json': teardownEventFrom(readEventFile('startFromEvent.json'), '8e2d4b63-1a9c-4f57-b0e8-6c3f5a7d9e21'),
    'teardown-requested.json': teardownEventFrom(readEventFile('provisioning-requested.json'), 'c4a7e1f9-5b2d-4e86-9a03-7f1b6d8c2e54'),
    'planProvisioning.json': { Request: readEventFile('execution-input.json') },
  };
};
