/**
 * GetConnectorStatus: one GetConnector, then src/domain/polling.ts decides: ACTIVE → the state document; CREATING →
 * ConnectorNotReadyError (the Task's Retry polls again); FAILED/DELETING → ConnectorFailed; past the Deadline →
 * ConnectorActivationTimeoutError.
 */
import type { PcaConnectorAdClient } from '../aws/pca-connector-ad-sdk.ts';
import { GetConnectorCommand } from '../aws/pca-connector-ad-sdk.ts';
import type { ConnectorPollState, GetConnectorStatusInput } from '../contract.ts';
import { pcaConnectorAd } from '../aws/clients.ts';
import { afterConnectorPoll } from '../domain/polling.ts';
import { now as clockNow } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface GetConnectorStatusDeps {
  pcaConnectorAd: PcaConnectorAdClient;
  now: () => Date;
}

const defaultDeps = (): GetConnectorStatusDeps => ({ pcaConnectorAd: pcaConnectorAd(), now: clockNow });

export const getConnectorStatusCore = async (
  input: GetConnectorStatusInput,
  deps: GetConnectorStatusDeps = defaultDeps(),
): Promise<ConnectorPollState> => {
  const state = input.Connector;
  const out = await deps.pcaConnectorAd.send(new GetConnectorCommand({ ConnectorArn: state.ConnectorArn }));
  const status = out.Connector?.Status;
  if (!status) throw new Error(`GetConnector returned no Status for ${state.ConnectorArn}`);
  logger.info('Connector status', { connectorArn: state.ConnectorArn, status, deadline: state.Deadline });
  return afterConnectorPoll(state, status, out.Connector?.StatusReason ?? null, deps.now());
};

export const handler = wrapHandler(getConnectorStatusCore, 'GetConnectorStatus');
