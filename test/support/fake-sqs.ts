/** The triggers' dead-letter queue for handler tests: every SendMessage body kept (aws-sdk-client-mock), or refused. */
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';

export const DEAD_LETTER_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111122223333/test-triggers-dlq';

export interface FakeSqs {
  mock: AwsClientStub<SQSClient>;
  /** The parsed body of every message sent, in order. */
  sent: Record<string, unknown>[];
  /** Every SendMessage fails from now on (the queue unreachable). */
  refuse(): void;
  restore(): void;
}

export const fakeSqs = (): FakeSqs => {
  process.env['DEAD_LETTER_QUEUE_URL'] = DEAD_LETTER_QUEUE_URL;
  const mock = mockClient(SQSClient);
  const sent: Record<string, unknown>[] = [];
  mock.on(SendMessageCommand).callsFake((input: { QueueUrl?: string; MessageBody?: string }) => {
    if (input.QueueUrl !== DEAD_LETTER_QUEUE_URL) throw Object.assign(new Error('The specified queue does not exist.'), { name: 'QueueDoesNotExist' });
    sent.push(JSON.parse(input.MessageBody ?? '{}') as Record<string, unknown>);
    return { MessageId: `m-${sent.length}` };
  });
  return {
    mock,
    sent,
    refuse: () => {
      mock.on(SendMessageCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    },
    restore: () => mock.restore(),
  };
};
