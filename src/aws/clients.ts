/**
 * The AWS SDK clients of every handler (and of the executions CLI), one per service per module instance, created on
 * first use and captured by the X-Ray tracer (src/lib/tracer.ts: a subsegment per call inside Lambda, the client as
 * it is everywhere else).
 *
 * Lazy on purpose: the SDK reads `AWS_REGION` and the standard `AWS_ENDPOINT_URL_<SERVICE>` variables when a client
 * is constructed, so the local world can set them before the first call. No endpoint configuration lives in code.
 * `resetClients()` drops the cached instances (local world, tests that change env).
 */
import { ACMPCAClient } from '@aws-sdk/client-acm-pca';
import { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RAMClient } from '@aws-sdk/client-ram';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { isDirectoryServiceThrottle } from '../domain/ds-errors.ts';
import { sdkConnectionTimeoutMs, sdkSocketTimeoutMs } from '../lib/config.ts';
import { tracer } from '../lib/tracer.ts';
import { DirectoryServiceDataClient } from './directory-service-data-sdk.ts';
import { PcaConnectorAdClient } from './pca-connector-ad-sdk.ts';

interface Destroyable {
  destroy(): void;
}

const cache = new Map<string, Destroyable>();

const memo = <T extends Destroyable>(key: string, create: () => T): (() => T) => () => {
  let client = cache.get(key) as T | undefined;
  if (!client) {
    client = tracer.captureAWSv3Client(create());
    cache.set(key, client);
  }
  return client;
};

/**
 * Explicit timeouts for every client (the SDK sets none): a connection must be made within 3 s and a silent socket is
 * given up after `sdkSocketTimeoutMs()`, so an unreachable or stalled endpoint fails the call as a transport error
 * (renamed for Step Functions by src/lib/transport-errors.ts) well inside the function's timeout. `socketTimeout` is
 * the idle timeout of both node-http-handler lines in use (4.x, and 2.x under client-acm-pca, where it feeds
 * `requestTimeout`).
 */
const http = (): { requestHandler: { connectionTimeout: number; socketTimeout: number } } => ({
  requestHandler: { connectionTimeout: sdkConnectionTimeoutMs(), socketTimeout: sdkSocketTimeoutMs() },
});

// `/* @__PURE__ */`: memo() only builds a closure, so esbuild may drop the getters (and SDK clients) a handler does not
// use. Without it every handler bundled all six clients, EC2's 550 KB of schemas included (npm run bench: Bundles).
/**
 * Directory Service models no throttling error and answers a throttle with `ClientException` "Rate exceeded", which
 * the SDK's standard retry strategy does not retry. Mark exactly those as throttling errors so the SDK backs off and
 * retries them like any other service's throttle (a paged DescribeDirectories otherwise fails on any one page).
 */
const retryDirectoryServiceThrottles = (client: DirectoryServiceClient): DirectoryServiceClient => {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (isDirectoryServiceThrottle(error)) Object.assign(error as object, { $retryable: { throttling: true } });
        throw error;
      }
    },
    { step: 'deserialize', priority: 'high', name: 'directoryServiceThrottleIsRetryable' },
  );
  return client;
};

export const directoryService = /* @__PURE__ */ memo('ds', () => retryDirectoryServiceThrottles(new DirectoryServiceClient(http())));
/**
 * For CreateDirectory / CreateMicrosoftAD only: SDK retries OFF. Those calls carry no idempotency token, so an SDK
 * retry after a lost response (5xx after the directory was created) would create a second directory. Step Functions
 * retries the whole find-or-create step instead, which adopts what the lost call created.
 */
export const directoryServiceCreate = /* @__PURE__ */ memo('ds-create', () => new DirectoryServiceClient({ ...http(), maxAttempts: 1 }));
export const secretsManager = /* @__PURE__ */ memo('secretsmanager', () => new SecretsManagerClient(http()));
export const ec2 = /* @__PURE__ */ memo('ec2', () => new EC2Client(http()));
export const acmPca = /* @__PURE__ */ memo('acm-pca', () => new ACMPCAClient(http()));
export const eventBridge = /* @__PURE__ */ memo('eventbridge', () => new EventBridgeClient(http()));
/** The directory creation lease (PutItem). SDK retries are fine: re-putting our own lease passes its condition. */
export const dynamoDb = /* @__PURE__ */ memo('dynamodb', () => new DynamoDBClient(http()));
export const pcaConnectorAd = /* @__PURE__ */ memo('pca-connector-ad', () => new PcaConnectorAdClient(http()));
/** Directory Service Data: a directory's groups (DescribeGroup gives a group's SID; CreateGroup carries a ClientToken). */
export const directoryServiceData = /* @__PURE__ */ memo('ds-data', () => new DirectoryServiceDataClient(http()));
/** AWS RAM: the share of the private CA with Connector for AD (CreateResourceShare carries a clientToken). */
export const ram = /* @__PURE__ */ memo('ram', () => new RAMClient(http()));
/** Step Functions: the trigger and API handlers start and read executions. */
export const sfn = /* @__PURE__ */ memo('sfn', () => new SFNClient(http()));
/** SQS: a start function dead-letters a rejected event itself, redacted (src/api/rejected-event.ts). */
export const sqs = /* @__PURE__ */ memo('sqs', () => new SQSClient(http()));
/** Lambda: `POST /provisionings?dryRun=true` asks the read-only dry-run function for the plan (Invoke, synchronous). */
export const lambda = /* @__PURE__ */ memo('lambda', () => new LambdaClient(http()));

/** Destroys and forgets every cached client; the next getter call builds a fresh one from the current env. */
export const resetClients = (): void => {
  for (const client of cache.values()) client.destroy();
  cache.clear();
};
