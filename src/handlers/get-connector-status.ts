/** GetConnectorStatus: GetConnector, then the poll schedule (CREATING → wait; ACTIVE/FAILED/DELETING → the Choice). */
import type { PcaConnectorAdClient } from '../aws/pca-connector-ad-sdk.ts';
import { GetConnectorCommand } from '../aws/pca-connector-ad-sdk.ts';
import type { ConnectorPollState, GetConnectorStatusInput } from '../contract.ts';
import { pcaConnectorAd } from '../aws/clients.ts';
import { nextConnectorPoll } from '../domain/polling.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface GetConnectorStatusDeps {
  pcaConnectorAd: PcaConnectorAdClient;
}

const defaultDeps = (): GetConnectorStatusDeps => ({ pcaConnectorAd: pcaConnectorAd() });

export const getConnectorStatusCore = async (
  input: GetConnectorStatusInput,
  deps: GetConnectorStatusDeps = defaultDeps(),
): Promise<ConnectorPollState> => {
  const state = input.Connector;
  const out = await deps.pcaConnectorAd.send(new GetConnectorCommand({ ConnectorArn: state.ConnectorArn }));
  const status = out.Connector?.Status;
  if (!status) throw new Error(`GetConnector returned no Status for ${state.ConnectorArn}`);
  const next = nextConnectorPoll(state, status, out.Connector?.StatusReason ?? null);
  logger.info('Connector status', { connectorArn: state.ConnectorArn, status, pollRound: next.PollRound, waitSeconds: next.WaitSeconds });
  return next;
};

export const handler = wrapHandler(getConnectorStatusCore, 'GetConnectorStatus');
