/**
 * CreateConnector: adopt an existing CREATING/ACTIVE connector of the directory (ListConnectors) if its CA, security
 * groups and IP address type match the request (ConnectorConflictError otherwise: src/domain/find-or-create.ts),
 * adding the request's Connector.Tags it lacks, else
 * CreateConnector with ClientToken = sha256(execution ARN) (same execution, retry or redrive → same connector). On
 * ConflictException, list again and adopt (ConnectorConflictError if what is listed differs), or rethrow the
 * ConflictException. Then GetConnector for the status, and
 * the wait window (Deadline) GetConnectorStatus polls against.
 */
import type { PcaConnectorAdClient } from '../aws/pca-connector-ad-sdk.ts';
import { CreateConnectorCommand, GetConnectorCommand } from '../aws/pca-connector-ad-sdk.ts';
import type { ConnectorPollState, CreateConnectorInput } from '../contract.ts';
import { pcaConnectorAd } from '../aws/clients.ts';
import { applyConnectorTags } from '../aws/connector-tags.ts';
import { listAllConnectors } from '../aws/pca-connector-ad-lists.ts';
import { clientTokenFor } from '../domain/client-token.ts';
import type { ConnectorCandidate } from '../domain/find-or-create.ts';
import { chooseConnector, connectorWanted, liveConnectorsOf } from '../domain/find-or-create.ts';
import { startWait } from '../domain/polling.ts';
import { connectorTags } from '../domain/tags.ts';
import { now as clockNow } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface CreateConnectorDeps {
  pcaConnectorAd: PcaConnectorAdClient;
  now: () => Date;
}

const defaultDeps = (): CreateConnectorDeps => ({ pcaConnectorAd: pcaConnectorAd(), now: clockNow });

/**
 * Every connector, the directory's live ones with their security groups: a summary without VpcInformation is
 * completed by GetConnector, so the comparison never rests on a field a listing left out.
 */
const listForDirectory = async (client: PcaConnectorAdClient, directoryId: string): Promise<ConnectorCandidate[]> => {
  const all = await listAllConnectors(client);
  const live = new Set(liveConnectorsOf(all, directoryId));
  return Promise.all(
    all.map(async (c) => {
      if (!live.has(c) || c.VpcInformation?.SecurityGroupIds !== undefined || c.Arn === undefined) return c;
      const full = (await client.send(new GetConnectorCommand({ ConnectorArn: c.Arn }))).Connector;
      return { ...c, ...(full?.VpcInformation ? { VpcInformation: full.VpcInformation } : {}) };
    }),
  );
};

const isConflict = (error: unknown): boolean => error instanceof Error && error.name === 'ConflictException';

export const createConnectorCore = async (
  input: CreateConnectorInput,
  deps: CreateConnectorDeps = defaultDeps(),
): Promise<ConnectorPollState> => {
  const client = deps.pcaConnectorAd;
  const want = connectorWanted(input.DirectoryId, input.Connector);

  let adopted = chooseConnector(await listForDirectory(client, input.DirectoryId), want);
  let connectorArn = adopted?.Arn;
  if (!connectorArn) {
    try {
      const created = await client.send(
        new CreateConnectorCommand({
          CertificateAuthorityArn: input.Connector.CertificateAuthorityArn,
          DirectoryId: input.DirectoryId,
          VpcInformation: {
            ...(input.Connector.VpcInformation.IpAddressType ? { IpAddressType: input.Connector.VpcInformation.IpAddressType } : {}),
            SecurityGroupIds: [...input.Connector.VpcInformation.SecurityGroupIds],
          },
          ClientToken: clientTokenFor(input.ExecutionId),
          Tags: connectorTags(input.Connector.Tags, input.ExecutionId),
        }),
      );
      connectorArn = created.ConnectorArn;
      if (!connectorArn) throw new Error('PCA Connector for AD returned no ConnectorArn');
      logger.info('Connector creation started', { connectorArn });
    } catch (error) {
      if (!isConflict(error)) throw error;
      adopted = chooseConnector(await listForDirectory(client, input.DirectoryId), want);
      if (!adopted?.Arn) throw error;
      connectorArn = adopted.Arn;
    }
  }
  if (adopted) {
    logger.info('Adopting existing connector', { connectorArn, status: adopted.Status });
    await applyConnectorTags(client, connectorArn, input.Connector.Tags);
  }

  const out = await client.send(new GetConnectorCommand({ ConnectorArn: connectorArn }));
  const status = out.Connector?.Status ?? adopted?.Status ?? 'CREATING';
  return {
    ConnectorArn: connectorArn,
    Adopted: adopted !== undefined,
    Status: status,
    StatusReason: out.Connector?.StatusReason ?? null,
    ...startWait(deps.now(), input.TimeoutSeconds),
  };
};

export const handler = wrapHandler(createConnectorCore, 'CreateConnector');
