import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ConflictException,
  CreateConnectorCommand,
  GetConnectorCommand,
  ListConnectorsCommand,
  ListTagsForResourceCommand,
  PcaConnectorAdClient,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  TagResourceCommand,
  ThrottlingException,
  ValidationException,
} from '../../src/aws/pca-connector-ad/index.ts';
import type { ConnectorSummary } from '../../src/aws/pca-connector-ad/index.ts';
import type { ConnectorPollState, ConnectorRequest, CreateConnectorInput } from '../../src/contract.ts';
import { EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY } from '../../src/contract.ts';
import { clientTokenFor } from '../../src/domain/client-token.ts';
import { createConnectorCore } from '../../src/handlers/create-connector.ts';
import { getConnectorStatusCore } from '../../src/handlers/get-connector-status.ts';
import { logger } from '../../src/lib/logger.ts';
import { sampleRequest } from '../fixtures.ts';

const EXEC = 'arn:aws:states:us-east-1:111122223333:execution:provision:req-1';
const CA = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555';
const DIRECTORY = 'd-aaaaaaaaaa';
const ARN = 'arn:aws:pca-connector-ad:us-east-1:111122223333:connector/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const OTHER_ARN = 'arn:aws:pca-connector-ad:us-east-1:111122223333:connector/99999999-bbbb-cccc-dddd-eeeeeeeeeeee';

const connector = (): ConnectorRequest => sampleRequest().Connector;
const input = (executionId = EXEC): CreateConnectorInput => ({ ExecutionId: executionId, DirectoryId: DIRECTORY, Connector: connector(), TimeoutSeconds: 1800 });

const pca = mockClient(PcaConnectorAdClient);
const NOW = new Date('2026-11-23T12:00:00.000Z');
let now = NOW;
const deps = () => ({ pcaConnectorAd: new PcaConnectorAdClient({ region: 'us-east-1' }), now: () => now });
const SG = 'sg-0a1b2c3d4e5f6a101';
const summary = (over: Partial<ConnectorSummary> = {}): ConnectorSummary => ({
  Arn: OTHER_ARN, DirectoryId: DIRECTORY, CertificateAuthorityArn: CA, Status: 'ACTIVE', VpcInformation: { SecurityGroupIds: [SG] }, ...over,
});
const meta = { $metadata: {} };

beforeEach(() => {
  now = NOW;
  pca.reset();
  logger.setLogLevel('SILENT');
  pca.on(ListConnectorsCommand).resolves({ Connectors: [] });
  pca.on(CreateConnectorCommand).resolves({ ConnectorArn: ARN });
  pca.on(GetConnectorCommand).resolves({ Connector: { Arn: ARN, Status: 'CREATING' } });
  // An adopted connector carries the request's tags already (the day-two test below takes one away).
  pca.on(ListTagsForResourceCommand).resolves({ Tags: { ...connector().Tags } });
});

describe('CreateConnector handler', () => {
  it('adopting, it adds the request\'s Connector.Tags the connector lacks (TagResource); with all of them, no write', async () => {
    pca.on(ListConnectorsCommand).resolves({ Connectors: [summary()] });
    pca.on(ListTagsForResourceCommand).resolves({ Tags: { team: 'old', owner: 'someone' } });
    await createConnectorCore(input(), deps());
    assert.deepEqual(pca.commandCalls(TagResourceCommand).map((c) => c.args[0].input), [{ ResourceArn: OTHER_ARN, Tags: { team: 'pki' } }]);
    pca.on(ListTagsForResourceCommand).resolves({ Tags: { team: 'pki' } });
    await createConnectorCore(input(), deps());
    assert.equal(pca.commandCalls(TagResourceCommand).length, 1, 'a rerun adds nothing');
  });

  it('creates with ClientToken = sha256(execution ARN), user tags + managed-by, the VPC information', async () => {
    // Act
    const state = await createConnectorCore(input(), deps());
    // Assess
    assert.deepEqual(pca.commandCalls(CreateConnectorCommand)[0]?.args[0].input, {
      CertificateAuthorityArn: CA,
      DirectoryId: DIRECTORY,
      VpcInformation: { IpAddressType: 'IPV4', SecurityGroupIds: ['sg-0a1b2c3d4e5f6a101'] },
      ClientToken: clientTokenFor(EXEC),
      Tags: { team: 'pki', [MANAGED_BY_TAG_KEY]: 'ad-cert-orchestrator', [EXECUTION_TAG_KEY]: EXEC },
    });
    assert.deepEqual(pca.commandCalls(GetConnectorCommand)[0]?.args[0].input, { ConnectorArn: ARN });
    assert.deepEqual(state, {
      ConnectorArn: ARN, Adopted: false, Status: 'CREATING', StatusReason: null,
      WaitStartedAt: '2026-11-23T12:00:00.000Z', Deadline: '2026-11-23T12:30:00.000Z', ElapsedSeconds: 0,
    });
  });

  it('client token: same execution → same token (64 chars), another execution → another token', async () => {
    // Act
    await createConnectorCore(input(), deps());
    await createConnectorCore(input(), deps());
    await createConnectorCore(input(`${EXEC}-rerun`), deps());
    // Assess
    const tokens = pca.commandCalls(CreateConnectorCommand).map((c) => c.args[0].input.ClientToken ?? '');
    assert.equal(tokens[0], tokens[1]);
    assert.notEqual(tokens[0], tokens[2]);
    for (const t of tokens) assert.match(t, /^[!-~]{64}$/);
  });

  it('adopts an existing ACTIVE connector for the same directory + CA (second page): no CreateConnector', async () => {
    // Prepare
    pca.on(ListConnectorsCommand, { NextToken: undefined }).resolves({ Connectors: [summary({ DirectoryId: 'd-bbbbbbbbbb' })], NextToken: 'AAAA' });
    pca.on(ListConnectorsCommand, { NextToken: 'AAAA' }).resolves({ Connectors: [summary()] });
    pca.on(GetConnectorCommand).resolves({ Connector: { Arn: OTHER_ARN, Status: 'ACTIVE' } });
    // Act
    const state = await createConnectorCore(input(), deps());
    // Assess
    assert.equal(pca.commandCalls(CreateConnectorCommand).length, 0);
    assert.deepEqual([state.ConnectorArn, state.Adopted, state.Status, state.Deadline], [OTHER_ARN, true, 'ACTIVE', '2026-11-23T12:30:00.000Z']);
  });

  it('does not adopt FAILED/DELETING connectors, nor other directories\' ones', async () => {
    pca.on(ListConnectorsCommand).resolves({
      Connectors: [summary({ Status: 'FAILED' }), summary({ Status: 'DELETING', CertificateAuthorityArn: `${CA}0` }), summary({ DirectoryId: 'd-bbbbbbbbbb' })],
    });
    const state = await createConnectorCore(input(), deps());
    assert.equal(pca.commandCalls(CreateConnectorCommand).length, 1);
    assert.equal(state.Adopted, false);
  });

  it('the directory\'s live connector with another CA or other security groups → ConnectorConflictError, nothing created', async () => {
    for (const other of [summary({ CertificateAuthorityArn: `${CA}0` }), summary({ Status: 'CREATING', VpcInformation: { SecurityGroupIds: [SG, 'sg-0a1b2c3d4e5f6a102'] } })]) {
      pca.on(ListConnectorsCommand).resolves({ Connectors: [other] });
      await assert.rejects(createConnectorCore(input(), deps()), (e: Error) =>
        e.name === 'ConnectorConflictError' && e.message.includes(OTHER_ARN) && /requested .*, existing /.test(e.message));
    }
    assert.equal(pca.commandCalls(CreateConnectorCommand).length, 0);
  });

  it('a summary without VpcInformation: GetConnector supplies the security groups before comparing', async () => {
    pca.on(ListConnectorsCommand).resolves({ Connectors: [summary({ VpcInformation: undefined }), summary({ Arn: ARN, DirectoryId: 'd-bbbbbbbbbb', VpcInformation: undefined })] });
    pca.on(GetConnectorCommand, { ConnectorArn: OTHER_ARN }).resolves({ Connector: { Arn: OTHER_ARN, Status: 'ACTIVE', VpcInformation: { SecurityGroupIds: [SG] } } });
    const state = await createConnectorCore(input(), deps());
    assert.deepEqual([state.ConnectorArn, state.Adopted], [OTHER_ARN, true]);
    assert.deepEqual(pca.commandCalls(GetConnectorCommand).map((c) => c.args[0].input.ConnectorArn), [OTHER_ARN, OTHER_ARN], 'only the directory\'s connector is completed');
    pca.on(GetConnectorCommand, { ConnectorArn: OTHER_ARN }).resolves({ Connector: { Arn: OTHER_ARN, Status: 'ACTIVE', VpcInformation: { SecurityGroupIds: ['sg-0a1b2c3d4e5f6a102'] } } });
    await assert.rejects(createConnectorCore(input(), deps()), { name: 'ConnectorConflictError' });
  });

  it('ConflictException → lists again and adopts the connector another execution just created', async () => {
    // Prepare
    pca.on(ListConnectorsCommand).resolvesOnce({ Connectors: [] }).resolves({ Connectors: [summary({ Status: 'CREATING' })] });
    pca.on(CreateConnectorCommand).rejects(new ConflictException({ message: 'exists', Message: 'exists', ResourceId: OTHER_ARN, ResourceType: 'CONNECTOR', ...meta }));
    pca.on(GetConnectorCommand).resolves({ Connector: { Arn: OTHER_ARN, Status: 'CREATING' } });
    // Act
    const state = await createConnectorCore(input(), deps());
    // Assess
    assert.equal(pca.commandCalls(ListConnectorsCommand).length, 2);
    assert.deepEqual([state.ConnectorArn, state.Adopted, state.Status], [OTHER_ARN, true, 'CREATING']);
  });

  it('ConflictException, then the listing shows a differing connector another execution created → ConnectorConflictError', async () => {
    pca.on(ListConnectorsCommand).resolvesOnce({ Connectors: [] }).resolves({ Connectors: [summary({ Status: 'CREATING', CertificateAuthorityArn: `${CA}0` })] });
    pca.on(CreateConnectorCommand).rejects(new ConflictException({ message: 'exists', Message: 'exists', ResourceId: OTHER_ARN, ResourceType: 'CONNECTOR', ...meta }));
    await assert.rejects(createConnectorCore(input(), deps()), (e: Error) => e.name === 'ConnectorConflictError' && e.message.includes('Connector.CertificateAuthorityArn'));
  });

  it('ConflictException with nothing adoptable → the ConflictException itself', async () => {
    pca.on(ListConnectorsCommand).resolves({ Connectors: [summary({ Status: 'FAILED' })] });
    pca.on(CreateConnectorCommand).rejects(new ConflictException({ message: 'exists', Message: 'exists', ResourceId: OTHER_ARN, ResourceType: 'CONNECTOR', ...meta }));
    await assert.rejects(createConnectorCore(input(), deps()), { name: 'ConflictException' });
  });

  it('other errors keep their names', async () => {
    const errors: [Error, string][] = [
      [new ValidationException({ message: 'DIRECTORY_TYPE_NOT_SUPPORTED', Message: 'x', Reason: 'INVALID_STATE', ...meta }), 'ValidationException'],
      [new ThrottlingException({ message: 'slow down', Message: 'x', ...meta }), 'ThrottlingException'],
      [new ServiceQuotaExceededException({ message: 'quota', Message: 'x', QuotaCode: 'q', ResourceId: 'r', ResourceType: 't', ServiceCode: 's', ...meta }), 'ServiceQuotaExceededException'],
      [new ResourceNotFoundException({ message: 'no CA yet', Message: 'x', ResourceId: CA, ResourceType: 'CA', ...meta }), 'ResourceNotFoundException'],
    ];
    for (const [error, name] of errors) {
      pca.on(CreateConnectorCommand).rejects(error);
      await assert.rejects(createConnectorCore(input(), deps()), { name });
    }
  });
});

describe('GetConnectorStatus handler', () => {
  const polled = (over: Partial<ConnectorPollState> = {}): ConnectorPollState => ({
    ConnectorArn: ARN, Adopted: false, Status: 'CREATING', StatusReason: null,
    WaitStartedAt: '2026-11-23T12:00:00.000Z', Deadline: '2026-11-23T12:30:00.000Z', ElapsedSeconds: 0, ...over,
  });

  it('CREATING → ConnectorNotReadyError (polled again by the Retry); ACTIVE → the state document with the seconds waited', async () => {
    now = new Date('2026-11-23T12:01:15.000Z');
    await assert.rejects(getConnectorStatusCore({ ExecutionId: EXEC, Connector: polled() }, deps()), {
      name: 'ConnectorNotReadyError',
      message: `Connector ${ARN} is CREATING after 75 s of waiting (deadline 2026-11-23T12:30:00.000Z)`,
    });
    pca.on(GetConnectorCommand).resolves({ Connector: { Arn: ARN, Status: 'ACTIVE' } });
    now = new Date('2026-11-23T12:02:30.000Z');
    const done = await getConnectorStatusCore({ ExecutionId: EXEC, Connector: polled() }, deps());
    assert.deepEqual(done, { ...polled(), Status: 'ACTIVE', ElapsedSeconds: 150 });
    assert.deepEqual(pca.commandCalls(GetConnectorCommand).map((c) => c.args[0].input), [{ ConnectorArn: ARN }, { ConnectorArn: ARN }]);
  });

  it('FAILED → ConnectorFailed carrying StatusReason', async () => {
    pca.on(GetConnectorCommand).resolves({ Connector: { Arn: ARN, Status: 'FAILED', StatusReason: 'VPC_ACCESS_DENIED' } });
    await assert.rejects(getConnectorStatusCore({ ExecutionId: EXEC, Connector: polled() }, deps()), {
      name: 'ConnectorFailed',
      message: `Connector ${ARN} is FAILED: VPC_ACCESS_DENIED`,
    });
  });

  it('still CREATING at the deadline → ConnectorActivationTimeoutError; errors keep their names', async () => {
    now = new Date('2026-11-23T12:30:00.000Z');
    await assert.rejects(getConnectorStatusCore({ ExecutionId: EXEC, Connector: polled() }, deps()), { name: 'ConnectorActivationTimeoutError' });
    pca.on(GetConnectorCommand).rejects(new ResourceNotFoundException({ message: 'not yet', Message: 'x', ResourceId: ARN, ResourceType: 'CONNECTOR', ...meta }));
    await assert.rejects(getConnectorStatusCore({ ExecutionId: EXEC, Connector: polled() }, deps()), { name: 'ResourceNotFoundException' });
  });
});
