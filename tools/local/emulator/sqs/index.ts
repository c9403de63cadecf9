/**
 * SQS (awsJson1_0, `AmazonSQS.`): the triggers' dead-letter queue, as the start functions and Lambda's on-failure
 * destination fill it. One queue exists from the start (`LOCAL_DEAD_LETTER_QUEUE_NAME`); SendMessage keeps each body
 * (with the MD5 the SDK checks), ReceiveMessage reads them back without hiding them (no visibility timeout), so what
 * a queue holds is always inspectable.
 */
import { createHash } from 'node:crypto';
import { sdkErrorNames } from '../core/fault-errors.ts';
import { ApiError } from '../core/api-error.ts';
import { str } from '../core/service.ts';
import type { ServiceContext, ServiceDef } from '../core/service.ts';
import type { StateSlot } from '../core/state.ts';

export const LOCAL_DEAD_LETTER_QUEUE_NAME = 'ad-cert-orchestrator-local-triggers-dlq';
/** The account id of the emulated queue URLs (as the emulator's other ARNs in a local world). */
const ACCOUNT = '000000000000';

export interface QueuedMessage {
  MessageId: string;
  Body: string;
  SentTimestamp: number;
}

/** Messages by queue name (memory only: the triggers' dead-letter queue of one run; no snapshot keeps it). */
export const QUEUES: StateSlot<Map<string, QueuedMessage[]>> = {
  name: 'queues',
  fresh: () => new Map([[LOCAL_DEAD_LETTER_QUEUE_NAME, []]]),
};

/** `<endpoint>/<account>/<queue name>`: the URL SQS gives a queue, on the emulator's endpoint. */
export const queueUrlFor = (endpoint: string, name: string): string => `${endpoint}/${ACCOUNT}/${name}`;

/** MessageBody: 1 to 262,144 bytes of the characters SQS allows (#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF). */
const BODY_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]+$/u;
const MAX_BODY_BYTES = 262_144;

const queueOf = (input: Record<string, unknown>, ctx: ServiceContext): QueuedMessage[] => {
  const url = str(input, 'QueueUrl');
  const name = url?.split('/').pop();
  const queue = name === undefined ? undefined : ctx.state.get(QUEUES).get(name);
  if (!queue) throw new ApiError('QueueDoesNotExist', 'The specified queue does not exist.', 400);
  return queue;
};

export const sqs: ServiceDef = {
  name: 'SQS',
  signingName: 'sqs',
  // No model of this service beside the project: the errors its SDK client models (service-wide).
  errorNames: async () => {
    const sdk = await import('@aws-sdk/client-sqs');
    return sdkErrorNames(sdk, sdk.SQSServiceException);
  },
  endpointVariable: 'AWS_ENDPOINT_URL_SQS',
  protocol: 'awsJson',
  targetPrefix: 'AmazonSQS',
  state: [QUEUES],
  awsJsonVersion: '1.0',
  errorTypePrefix: 'com.amazonaws.sqs#',
  ops: {
    SendMessage(input, ctx) {
      const queue = queueOf(input, ctx);
      const body = str(input, 'MessageBody');
      if (body === undefined || body === '') throw new ApiError('InvalidParameterValue', 'The request must contain the parameter MessageBody.', 400);
      if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new ApiError('InvalidParameterValue', `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_BODY_BYTES} bytes.`, 400);
      if (!BODY_CHARS.test(body)) throw new ApiError('InvalidMessageContents', 'Invalid characters found.', 400);
      const message = { MessageId: ctx.ids.uuid(), Body: body, SentTimestamp: ctx.clock.now() };
      queue.push(message);
      return { MessageId: message.MessageId, MD5OfMessageBody: createHash('md5').update(body).digest('hex') };
    },
    ReceiveMessage(input, ctx) {
      const queue = queueOf(input, ctx);
      const max = typeof input['MaxNumberOfMessages'] === 'number' ? input['MaxNumberOfMessages'] : 1;
      if (!Number.isInteger(max) || max < 1 || max > 10) throw new ApiError('InvalidParameterValue', 'Value for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.', 400);
      const Messages = queue.slice(0, max).map((m) => ({
        MessageId: m.MessageId,
        ReceiptHandle: Buffer.from(m.MessageId).toString('base64'),
        MD5OfBody: createHash('md5').update(m.Body).digest('hex'),
        Body: m.Body,
      }));
      return Messages.length > 0 ? { Messages } : {};
    },
  },
};
