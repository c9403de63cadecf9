import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  paginateListConnectors,
  paginateListDirectoryRegistrations,
  type PcaConnectorAdClient,
} from '../../../src/aws/pca-connector-ad/index.ts';
import { makeClient, startServer, type LocalServer, type Reply } from './helpers.ts';

const PAGE_TWO = 'cGFnZTI='; // base64url-ish, as the model's NextToken pattern wants

describe('paginators against a real HTTP server (2 pages)', () => {
  let server: LocalServer;
  let client: PcaConnectorAdClient;
  before(async () => {
    server = await startServer((req): Reply => {
      const second = req.query.get('NextToken') === PAGE_TWO;
      if (req.path === '/connectors') {
        return second
          ? { status: 200, body: { Connectors: [{ Arn: 'c3' }] } }
          : { status: 200, body: { Connectors: [{ Arn: 'c1' }, { Arn: 'c2' }], NextToken: PAGE_TWO } };
      }
      return second
        ? { status: 200, body: { DirectoryRegistrations: [{ Arn: 'r2' }] } }
        : { status: 200, body: { DirectoryRegistrations: [{ Arn: 'r1' }], NextToken: PAGE_TWO } };
    });
    client = makeClient(server.endpoint);
  });
  after(async () => {
    client.destroy();
    await server.close();
  });

  it('paginateListConnectors follows NextToken and sends pageSize as MaxResults', async () => {
    // Prepare
    const start = server.requests.length;
    // Act
    const pages = [];
    for await (const page of paginateListConnectors({ client, pageSize: 2 }, {})) pages.push(page);
    // Assess
    assert.deepEqual(
      pages.map((p) => (p.Connectors ?? []).map((c) => c.Arn)),
      [['c1', 'c2'], ['c3']],
    );
    const requests = server.requests.slice(start);
    assert.equal(requests.length, 2);
    assert.deepEqual(
      requests.map((r) => [r.path, r.query.get('MaxResults'), r.query.get('NextToken')]),
      [
        ['/connectors', '2', null],
        ['/connectors', '2', PAGE_TWO],
      ],
    );
  });

  it('paginateListDirectoryRegistrations follows NextToken', async () => {
    const start = server.requests.length;
    const arns: (string | undefined)[] = [];
    for await (const page of paginateListDirectoryRegistrations({ client }, {})) {
      arns.push(...(page.DirectoryRegistrations ?? []).map((r) => r.Arn));
    }
    assert.deepEqual(arns, ['r1', 'r2']);
    const requests = server.requests.slice(start);
    assert.deepEqual(
      requests.map((r) => [r.path, r.query.get('NextToken')]),
      [
        ['/directoryRegistrations', null],
        ['/directoryRegistrations', PAGE_TWO],
      ],
    );
  });
});
