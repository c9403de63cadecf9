/**
 * GetDirectoryRegistrationStatus: one GetDirectoryRegistration, then src/domain/polling.ts decides: ACTIVE → the state
 * document; CREATING → DirectoryRegistrationNotReadyError (the Task's Retry polls again); FAILED/DELETING →
 * DirectoryRegistrationFailed; past the Deadline → DirectoryRegistrationActivationTimeoutError.
 */
import type { PcaConnectorAdClient } from '../aws/pca-connector-ad-sdk.ts';
import { GetDirectoryRegistrationCommand } from '../aws/pca-connector-ad-sdk.ts';
import type { DirectoryRegistrationPollState, GetDirectoryRegistrationStatusInput } from '../contract.ts';
import { pcaConnectorAd } from '../aws/clients.ts';
import { afterRegistrationPoll } from '../domain/polling.ts';
import { now as clockNow } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface GetDirectoryRegistrationStatusDeps {
  pcaConnectorAd: PcaConnectorAdClient;
  now: () => Date;
}

const defaultDeps = (): GetDirectoryRegistrationStatusDeps => ({ pcaConnectorAd: pcaConnectorAd(), now: clockNow });

export const getDirectoryRegistrationStatusCore = async (
  input: GetDirectoryRegistrationStatusInput,
  deps: GetDirectoryRegistrationStatusDeps = defaultDeps(),
): Promise<DirectoryRegistrationPollState> => {
  const state = input.Registration;
  const out = await deps.pcaConnectorAd.send(new GetDirectoryRegistrationCommand({ DirectoryRegistrationArn: state.DirectoryRegistrationArn }));
  const status = out.DirectoryRegistration?.Status;
  if (!status) throw new Error(`GetDirectoryRegistration returned no Status for ${state.DirectoryRegistrationArn}`);
  logger.info('Directory registration status', { directoryRegistrationArn: state.DirectoryRegistrationArn, status, deadline: state.Deadline });
  return afterRegistrationPoll(state, status, out.DirectoryRegistration?.StatusReason ?? null, deps.now());
};

export const handler = wrapHandler(getDirectoryRegistrationStatusCore, 'GetDirectoryRegistrationStatus');
