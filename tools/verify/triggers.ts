/**
 * Drives the REAL trigger handlers (EventBridge start function, POST/GET /provisionings) in-process; their
 * SFNClient reaches the local Step Functions endpoint of the active Harness (AWS_ENDPOINT_URL_SFN).
 */
import './env.ts';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { DETAIL_TYPE_REQUESTED } from '../../src/contract.ts';
import { handler as createProvisioningHandler } from '../../src/handlers/api-create-provisioning.ts';
import { handler as getProvisioningHandler } from '../../src/handlers/api-get-provisioning.ts';
import { REQUEST_EVENT_SOURCE, handler as startFromEventHandler } from '../../src/handlers/start-from-event.ts';
import type { StartFromEventResult } from '../../src/handlers/start-from-event.ts';
import { apiGatewayEvent, lambdaContext } from '../local/lambda.ts';

export { lambdaContext };


/** An EventBridge "Provisioning Requested" event as the rule delivers it. */
export const requestEvent = (id: string, detail: unknown): Record<string, unknown> => ({
  version: '0',
  id,
  'detail-type': DETAIL_TYPE_REQUESTED,
  source: REQUEST_EVENT_SOURCE,
  account: '000000000000',
  time: new Date().toISOString(),
  region: 'us-east-1',
  resources: [],
  detail,
});

/** One delivery of the event to the start function (what EventBridge's async invoke does, redelivery included). */
export const deliverEvent = async (event: Record<string, unknown>): Promise<StartFromEventResult> =>
  (await (startFromEventHandler as unknown as (e: unknown, c: Context) => Promise<StartFromEventResult>)(event, lambdaContext('start-from-event')));


type ApiHandler = (e: APIGatewayProxyEvent, c: Context) => Promise<APIGatewayProxyResult>;

/** POST /provisionings through the middy handler (header normalizer, JSON body parser, validator, error handler). */
export const postProvisioning = async (body: unknown, idempotencyKey?: string): Promise<APIGatewayProxyResult> =>
  (createProvisioningHandler as unknown as ApiHandler)(
    apiGatewayEvent({ method: 'POST', path: '/provisionings', body, ...(idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}) }),
    lambdaContext('api-create-provisioning'),
  );

/** GET /provisionings/{id}. */
export const getProvisioning = async (id: string): Promise<APIGatewayProxyResult> =>
  (getProvisioningHandler as unknown as ApiHandler)(
    apiGatewayEvent({ method: 'GET', path: `/provisionings/${encodeURIComponent(id)}`, pathParameters: { id: encodeURIComponent(id) } }),
    lambdaContext('api-get-provisioning'),
  );
