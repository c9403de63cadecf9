/**
 * The sample event of each Task function (events/<function>.json): the exact input its Task state's Parameters build,
 * captured from one run of the real ASL with the real handlers in the local world (the sample request, default seed,
 * fixed execution ARN and a simulated clock starting at a fixed time, so the capture is deterministic).
 * The teardown triggers' and PUT's samples are derived from the provisioning triggers' (same envelope and request,
 * their own method / detail-type / ids), the dry-run function's from the sample request, and the status change
 * function's is the event Step Functions sends for a stopped sample execution: `derivedTriggerEvents`.
 * `npm run gen:events` writes both; tests compare.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DETAIL_TYPE_TEARDOWN_REQUESTED } from '../../src/contract.ts';
import { ASL_PATH, DEFAULT_STATE_MACHINE_ARN, executionArnFor } from './engine/asl.ts';
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

/**
 * The engine's `$$.Execution.StartTime` and `$$.State.EnteredTime` are wall-clock times: the result fields the ASL
 * fills from them (`StartedAt`, `FinishedAt`) are set to the sample's simulated start and the time the Task ran, so a
 * sample does not change from one generation to the next.
 */
const onSimulatedClock = (value: unknown, nowMs: number): unknown => {
  if (Array.isArray(value)) return value.map((v) => onSimulatedClock(v, nowMs));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'StartedAt' && typeof v === 'string') out[k] = new Date(SAMPLE_START_MS).toISOString();
    else if (k === 'FinishedAt' && typeof v === 'string') out[k] = new Date(nowMs).toISOString();
    else out[k] = onSimulatedClock(v, nowMs);
  }
  return out;
};

/** Function key -> the first input its Task state received in a successful sample run. */
export const captureTaskEvents = async (): Promise<Record<string, unknown>> => {
  const keys = taskFunctionKeys();
  const events: Record<string, unknown> = {};
  const input = JSON.parse(readFileSync(new URL('../../events/execution-input.json', import.meta.url), 'utf8')) as unknown;
  const clock = createSimClock(SAMPLE_START_MS);
  const run = await runInNewWorld({ emulator: { clock } }, {
    input,
    executionArn: SAMPLE_EXECUTION_ARN,
    wrapHandler: (state, handler) => async (event, context) => {
      const key = keys[state];
      if (key && !(key in events)) events[key] = onSimulatedClock(structuredClone(event), clock.now());
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

/** The request of `PUT /provisionings/{id}`: the sample request without its password reference (the record's is used). */
const updateBody = (): string => {
  const request = readEventFile('execution-input.json') as { Directory: Record<string, unknown> };
  const { PasswordSecretId: _recorded, ...directory } = request.Directory;
  return JSON.stringify({ ...request, Directory: directory, Options: { ConnectorTimeoutMinutes: 20 } });
};

/**
 * File name under events/ -> the derived samples: `DELETE /provisionings/{id}` and `PUT /provisionings/{id}` (the GET
 * sample's request with their method, a body for PUT, request ids of their own), the `Deprovisioning Requested`
 * events (the provisioning request samples'), the status change event of a stopped sample execution, and the dry-run
 * function's (what `POST /provisionings?dryRun=true` sends it: the sample request).
 */
export const derivedTriggerEvents = (): Record<string, unknown> => {
  const get = readEventFile('apiGetProvisioning.json') as Record<string, unknown> & {
    requestContext: Record<string, unknown>;
    headers: Record<string, string>;
    multiValueHeaders: Record<string, string[]>;
  };
  const stopped = executionArnFor('api-key-invoke-local-1');
  return {
    'apiDeleteProvisioning.json': {
      ...get,
      httpMethod: 'DELETE',
      requestContext: { ...get.requestContext, httpMethod: 'DELETE', requestId: '9d4c2a61-3e7b-4f08-b5d1-2c6e8a0f7b35', extendedRequestId: 'C8mJsHxhoAMFtXx=' },
    },
    // PUT applies a changed request to the provisioning the Task samples recorded (sample-execution).
    'apiUpdateProvisioning.json': {
      ...get,
      path: '/provisionings/sample-execution',
      pathParameters: { id: 'sample-execution' },
      httpMethod: 'PUT',
      headers: { ...get.headers, 'Content-Type': 'application/json' },
      multiValueHeaders: { ...get.multiValueHeaders, 'Content-Type': ['application/json'] },
      body: updateBody(),
      requestContext: {
        ...get.requestContext, httpMethod: 'PUT', path: '/dev/provisionings/sample-execution',
        requestId: '5b1e7c93-0d4a-4c26-9f8e-3a7d2b6c1e40', extendedRequestId: 'D2nKtIyipBNGuYy=',
      },
    },
    'recordExecutionStatus.json': {
      version: '0',
      id: '2f6d8a41-7c3e-4b95-a0d2-9e1c5b7f3a68',
      'detail-type': 'Step Functions Execution Status Change',
      source: 'aws.states',
      account: '000000000000',
      time: '2026-01-01T00:20:00Z',
      region: 'us-east-1',
      resources: [stopped],
      detail: {
        executionArn: stopped,
        stateMachineArn: DEFAULT_STATE_MACHINE_ARN,
        name: 'api-key-invoke-local-1',
        status: 'ABORTED',
        startDate: Date.parse('2026-01-01T00:00:00Z'),
        stopDate: Date.parse('2026-01-01T00:20:00Z'),
        input: JSON.stringify(readEventFile('execution-input.json')),
        inputDetails: { included: true },
        output: null,
        outputDetails: null,
        error: 'Operator',
        cause: 'stopped by a person',
        redriveCount: 0,
      },
    },
    'startTeardownFromEvent.json': teardownEventFrom(readEventFile('startFromEvent.json'), '8e2d4b63-1a9c-4f57-b0e8-6c3f5a7d9e21'),
    'teardown-requested.json': teardownEventFrom(readEventFile('provisioning-requested.json'), 'c4a7e1f9-5b2d-4e86-9a03-7f1b6d8c2e54'),
    'planProvisioning.json': { Request: readEventFile('execution-input.json') },
  };
};
