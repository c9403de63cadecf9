import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  AccessDeniedException,
  ConflictException,
  CreateGroupCommand,
  DescribeGroupCommand,
  DirectoryServiceData,
  DirectoryServiceDataClient,
  DirectoryServiceDataServiceException,
  ResourceNotFoundException,
  ThrottlingException,
} from '../../../src/aws/directory-service-data-sdk.ts';
import { CREDENTIALS, DIRECTORY_ID } from './helpers.ts';

const SID = 'S-1-5-21-1004336348-1177238915-682003330-515';
const describeInput = { DirectoryId: DIRECTORY_ID, SAMAccountName: 'Domain Computers' };

describe('aws-sdk-client-mock works with DirectoryServiceDataClient (through the product barrel) as with an official client', () => {
  let mock: AwsClientStub<DirectoryServiceDataClient>;
  let client: DirectoryServiceDataClient;
  beforeEach(() => {
    mock = mockClient(DirectoryServiceDataClient);
    // Endpoint pointing nowhere: a call that escapes the mock fails instead of reaching AWS.
    client = new DirectoryServiceDataClient({ region: 'us-east-1', credentials: CREDENTIALS, endpoint: 'http://127.0.0.1:9' });
  });
  afterEach(() => {
    mock.restore();
  });

  it('.on(Command).resolves(...) and commandCalls() record the input', async () => {
    // Prepare
    mock.on(DescribeGroupCommand).resolves({ SID, SAMAccountName: 'Domain Computers' });
    // Act
    const output = await client.send(new DescribeGroupCommand(describeInput));
    // Assess
    assert.equal(output.SID, SID);
    assert.deepEqual(mock.commandCalls(DescribeGroupCommand).map((c) => c.args[0].input), [describeInput]);
    assert.equal(mock.commandCalls(CreateGroupCommand).length, 0);
  });

  it('.rejects(new AccessDeniedException({ Reason: DATA_DISABLED })) surfaces the class, name, Reason and $fault', async () => {
    mock.on(DescribeGroupCommand).rejects(
      new AccessDeniedException({ message: 'data access disabled', Reason: 'DATA_DISABLED', $metadata: {} }),
    );
    await assert.rejects(client.send(new DescribeGroupCommand(describeInput)), (e: unknown) => {
      assert.ok(e instanceof AccessDeniedException);
      assert.ok(e instanceof DirectoryServiceDataServiceException);
      assert.equal(e.name, 'AccessDeniedException');
      assert.equal(e.$fault, 'client');
      assert.equal(e.Reason, 'DATA_DISABLED');
      assert.equal(e.message, 'data access disabled');
      return true;
    });
  });

  it('a not-found, then found-or-created sequence: resolvesOnce/rejectsOnce per command', async () => {
    mock
      .on(DescribeGroupCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: 'no such group', $metadata: { httpStatusCode: 404 } }))
      .resolves({ SID: `${SID.slice(0, -4)}-1104` });
    mock.on(CreateGroupCommand).rejects(new ConflictException({ message: 'exists', $metadata: { httpStatusCode: 409 } }));
    await assert.rejects(client.send(new DescribeGroupCommand(describeInput)), { name: 'ResourceNotFoundException' });
    await assert.rejects(client.send(new CreateGroupCommand({ ...describeInput, ClientToken: 't' })), { name: 'ConflictException' });
    const found = await client.send(new DescribeGroupCommand(describeInput));
    assert.equal(found.SID, `${SID.slice(0, -4)}-1104`);
    assert.equal(mock.calls().length, 3);
  });

  it('the aggregated DirectoryServiceData goes through the mocked send', async () => {
    mock.on(CreateGroupCommand, { SAMAccountName: 'Enrollers' }).resolves({ SID: 'S-1-5-21-9-9-9-1105' });
    const dsData = new DirectoryServiceData({ region: 'us-east-1', credentials: CREDENTIALS, endpoint: 'http://127.0.0.1:9' });
    const output = await dsData.createGroup({ DirectoryId: DIRECTORY_ID, SAMAccountName: 'Enrollers' });
    assert.equal(output.SID, 'S-1-5-21-9-9-9-1105');
    assert.equal(mock.commandCalls(CreateGroupCommand).length, 1);
  });

  it('ThrottlingException constructs like the official one (throttling retryable, RetryAfterSeconds)', () => {
    const e = new ThrottlingException({ message: 'slow down', Message: 'slow down', RetryAfterSeconds: 3, $metadata: {} });
    assert.deepEqual(e.$retryable, { throttling: true });
    assert.equal(e.RetryAfterSeconds, 3);
    assert.equal(e.name, 'ThrottlingException');
  });
});
