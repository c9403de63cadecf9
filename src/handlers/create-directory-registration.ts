/**
 * CreateDirectoryRegistration: adopt the directory's registration with Connector for AD (ListDirectoryRegistrations;
 * src/domain/connector-setup.ts decides; the request's Connector.Tags it lacks are added), else create it with a ClientToken derived from the execution ARN (a retry
 * or redrive gets the same registration). On ConflictException, list again and adopt, or rethrow. Then
 * GetDirectoryRegistration for the status, and the wait window GetDirectoryRegistrationStatus polls against.
 */
import type { PcaConnectorAdClient } from '../aws/pca-connector-ad-sdk.ts';
import {
  CreateDirectoryRegistrationCommand,
  GetDirectoryRegistrationCommand,
} from '../aws/pca-connector-ad-sdk.ts';
import type { CreateDirectoryRegistrationInput, DirectoryRegistrationPollState } from '../contract.ts';
import { pcaConnectorAd } from '../aws/clients.ts';
import { applyConnectorTags } from '../aws/connector-tags.ts';
import { listAllRegistrations } from '../aws/pca-connector-ad-lists.ts';
import { stepClientToken } from '../domain/client-token.ts';
import { chooseRegistration } from '../domain/connector-setup.ts';
import { startWait } from '../domain/polling.ts';
import { connectorTags } from '../domain/tags.ts';
import { now as clockNow } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface CreateDirectoryRegistrationDeps {
  pcaConnectorAd: PcaConnectorAdClient;
  now: () => Date;
}

const defaultDeps = (): CreateDirectoryRegistrationDeps => ({ pcaConnectorAd: pcaConnectorAd(), now: clockNow });

const isConflict = (error: unknown): boolean => error instanceof Error && error.name === 'ConflictException';

export const createDirectoryRegistrationCore = async (
  input: CreateDirectoryRegistrationInput,
  deps: CreateDirectoryRegistrationDeps = defaultDeps(),
): Promise<DirectoryRegistrationPollState> => {
  const client = deps.pcaConnectorAd;
  let adopted = chooseRegistration(await listAllRegistrations(client), input.DirectoryId);
  let arn = adopted?.Arn;
  if (!arn) {
    try {
      const created = await client.send(
        new CreateDirectoryRegistrationCommand({
          DirectoryId: input.DirectoryId,
          ClientToken: stepClientToken(input.ExecutionId, 'CreateDirectoryRegistration'),
          Tags: connectorTags(input.Connector.Tags, input.ExecutionId),
        }),
      );
      arn = created.DirectoryRegistrationArn;
      if (!arn) throw new Error('PCA Connector for AD returned no DirectoryRegistrationArn');
      logger.info('Directory registration started', { directoryRegistrationArn: arn });
    } catch (error) {
      if (!isConflict(error)) throw error;
      adopted = chooseRegistration(await listAllRegistrations(client), input.DirectoryId);
      if (!adopted?.Arn) throw error;
      arn = adopted.Arn;
    }
  }
  if (adopted) {
    logger.info('Adopting existing directory registration', { directoryRegistrationArn: arn, status: adopted.Status });
    await applyConnectorTags(client, arn, input.Connector.Tags);
  }

  const out = await client.send(new GetDirectoryRegistrationCommand({ DirectoryRegistrationArn: arn }));
  return {
    DirectoryRegistrationArn: arn,
    Adopted: adopted !== undefined,
    Status: out.DirectoryRegistration?.Status ?? adopted?.Status ?? 'CREATING',
    StatusReason: out.DirectoryRegistration?.StatusReason ?? null,
    ...startWait(deps.now(), input.TimeoutSeconds),
  };
};

export const handler = wrapHandler(createDirectoryRegistrationCore, 'CreateDirectoryRegistration');
