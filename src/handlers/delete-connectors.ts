/**
 * DeleteConnectors (teardown): one poll per attempt. For each planned connector, GetConnector; then
 * src/domain/teardown.ts decides: gone -> done; CREATING/DELETING -> wait; otherwise DeleteConnector, then wait.
 * Anything still there -> ConnectorDeletionPendingError (the Task's Retry polls again), or past the deadline
 * ConnectorDeletionTimeoutError; all gone -> the plan with the connectors recorded as deleted.
 */
import type { PcaConnectorAdClient } from '../aws/pca-connector-ad-sdk.ts';
import { DeleteConnectorCommand, GetConnectorCommand } from '../aws/pca-connector-ad-sdk.ts';
import { pcaConnectorAd } from '../aws/clients.ts';
import { afterDeletionPoll, connectorDeletionStep } from '../domain/teardown.ts';
import type { DeleteStepInput, TeardownPlan } from '../domain/teardown.ts';
import { now as clockNow } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface DeleteConnectorsDeps {
  pcaConnectorAd: PcaConnectorAdClient;
  now: () => Date;
}

const defaultDeps = (): DeleteConnectorsDeps => ({ pcaConnectorAd: pcaConnectorAd(), now: clockNow });

const notFound = (error: unknown): boolean => error instanceof Error && error.name === 'ResourceNotFoundException';

/** The connector's status, or undefined when it is gone. */
const statusOf = async (client: PcaConnectorAdClient, ConnectorArn: string): Promise<string | undefined> => {
  try {
    return (await client.send(new GetConnectorCommand({ ConnectorArn }))).Connector?.Status ?? 'UNKNOWN';
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
};

export const deleteConnectorsCore = async (input: DeleteStepInput, deps: DeleteConnectorsDeps = defaultDeps()): Promise<TeardownPlan> => {
  const pending: string[] = [];
  for (const arn of input.Plan.Connectors) {
    const status = await statusOf(deps.pcaConnectorAd, arn);
    const step = connectorDeletionStep(status);
    if (step === 'gone') continue;
    if (step === 'delete') {
      try {
        await deps.pcaConnectorAd.send(new DeleteConnectorCommand({ ConnectorArn: arn }));
        logger.info('Connector deletion started', { connectorArn: arn, status });
      } catch (error) {
        if (notFound(error)) continue;
        throw error;
      }
    }
    pending.push(`connector ${arn} is ${step === 'delete' ? 'DELETING' : status ?? ''}`);
  }
  return afterDeletionPoll(input.Plan, 'connector', pending, deps.now());
};

export const handler = wrapHandler(deleteConnectorsCore, 'DeleteConnectors');
