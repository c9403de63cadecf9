/**
 * CreateServicePrincipalName: the connector's service principal name in the registered directory (Kerberos needs it).
 * GetServicePrincipalName finds one to adopt (not DELETING); ResourceNotFoundException means there is none, so it is
 * created with a ClientToken derived from the execution ARN. On ConflictException, read again and adopt, or rethrow.
 */
import type { PcaConnectorAdClient } from '../aws/pca-connector-ad-sdk.ts';
import { CreateServicePrincipalNameCommand, GetServicePrincipalNameCommand } from '../aws/pca-connector-ad-sdk.ts';
import type { CreateServicePrincipalNameInput, ServicePrincipalNamePollState } from '../contract.ts';
import { pcaConnectorAd } from '../aws/clients.ts';
import { stepClientToken } from '../domain/client-token.ts';
import { spnAdoptable } from '../domain/connector-setup.ts';
import { startWait } from '../domain/polling.ts';
import { now as clockNow } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface CreateServicePrincipalNameDeps {
  pcaConnectorAd: PcaConnectorAdClient;
  now: () => Date;
}

const defaultDeps = (): CreateServicePrincipalNameDeps => ({ pcaConnectorAd: pcaConnectorAd(), now: clockNow });

const named = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

interface Seen {
  Status?: string;
  StatusReason?: string;
}

export const createServicePrincipalNameCore = async (
  input: CreateServicePrincipalNameInput,
  deps: CreateServicePrincipalNameDeps = defaultDeps(),
): Promise<ServicePrincipalNamePollState> => {
  const client = deps.pcaConnectorAd;
  const key = { DirectoryRegistrationArn: input.DirectoryRegistrationArn, ConnectorArn: input.ConnectorArn };
  const read = async (): Promise<Seen | undefined> => {
    try {
      return (await client.send(new GetServicePrincipalNameCommand(key))).ServicePrincipalName ?? undefined;
    } catch (error) {
      if (named(error, 'ResourceNotFoundException')) return undefined;
      throw error;
    }
  };

  let seen = await read();
  const adopted = seen !== undefined && spnAdoptable(seen.Status);
  if (!adopted) {
    try {
      await client.send(new CreateServicePrincipalNameCommand({ ...key, ClientToken: stepClientToken(input.ExecutionId, 'CreateServicePrincipalName') }));
      logger.info('Service principal name creation started', { connectorArn: input.ConnectorArn });
    } catch (error) {
      if (!named(error, 'ConflictException')) throw error;
      const again = await read();
      if (!again || !spnAdoptable(again.Status)) throw error;
    }
    seen = await read();
  } else {
    logger.info('Adopting existing service principal name', { connectorArn: input.ConnectorArn, status: seen?.Status });
  }
  return {
    ...key,
    Adopted: adopted,
    Status: seen?.Status ?? 'CREATING',
    StatusReason: seen?.StatusReason ?? null,
    ...startWait(deps.now(), input.TimeoutSeconds),
  };
};

export const handler = wrapHandler(createServicePrincipalNameCore, 'CreateServicePrincipalName');
