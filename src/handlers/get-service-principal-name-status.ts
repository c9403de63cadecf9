/**
 * GetServicePrincipalNameStatus: one GetServicePrincipalName, then src/domain/polling.ts decides: ACTIVE → the state
 * document; CREATING → ServicePrincipalNameNotReadyError (the Task's Retry polls again); FAILED/DELETING →
 * ServicePrincipalNameFailed; past the Deadline → ServicePrincipalNameActivationTimeoutError.
 */
import type { PcaConnectorAdClient } from '../aws/pca-connector-ad-sdk.ts';
import { GetServicePrincipalNameCommand } from '../aws/pca-connector-ad-sdk.ts';
import type { GetServicePrincipalNameStatusInput, ServicePrincipalNamePollState } from '../contract.ts';
import { pcaConnectorAd } from '../aws/clients.ts';
import { afterServicePrincipalNamePoll } from '../domain/polling.ts';
import { now as clockNow } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface GetServicePrincipalNameStatusDeps {
  pcaConnectorAd: PcaConnectorAdClient;
  now: () => Date;
}

const defaultDeps = (): GetServicePrincipalNameStatusDeps => ({ pcaConnectorAd: pcaConnectorAd(), now: clockNow });

export const getServicePrincipalNameStatusCore = async (
  input: GetServicePrincipalNameStatusInput,
  deps: GetServicePrincipalNameStatusDeps = defaultDeps(),
): Promise<ServicePrincipalNamePollState> => {
  const state = input.ServicePrincipalName;
  const out = await deps.pcaConnectorAd.send(
    new GetServicePrincipalNameCommand({ DirectoryRegistrationArn: state.DirectoryRegistrationArn, ConnectorArn: state.ConnectorArn }),
  );
  const status = out.ServicePrincipalName?.Status;
  if (!status) throw new Error(`GetServicePrincipalName returned no Status for ${state.ConnectorArn}`);
  logger.info('Service principal name status', { connectorArn: state.ConnectorArn, status, deadline: state.Deadline });
  return afterServicePrincipalNamePoll(state, status, out.ServicePrincipalName?.StatusReason ?? null, deps.now());
};

export const handler = wrapHandler(getServicePrincipalNameStatusCore, 'GetServicePrincipalNameStatus');
