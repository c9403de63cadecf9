/**
 * PlanChanges: under the directory's change lease (after AcquireChangeLease) and before anything is written, the plan
 * of the request against what exists (src/aws/discovery.ts reads, src/domain/diff.ts decides): per resource create, keep, update, delete,
 * orphaned, conflict or warning. A conflict (a field only a replacement changes) fails here with PlanConflictError
 * naming every field and its remedy, so nothing is written. Otherwise the plan is the state document `$.plan`: its
 * warnings (ValidateRequest's and the plan's) reach the output and the completion event. Reads only.
 */
import type { RAMClient } from '@aws-sdk/client-ram';
import type { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import type { ChangePlan, PlanChangesInput, ProvisioningRequest } from '../contract.ts';
import { directoryService, directoryServiceData, pcaConnectorAd, ram } from '../aws/clients.ts';
import { planRequest } from '../aws/discovery.ts';
import type { DirectoryServiceDataClient } from '../aws/directory-service-data-sdk.ts';
import type { PcaConnectorAdClient } from '../aws/pca-connector-ad-sdk.ts';
import { conflictsOf, describeEntry, planWarnings } from '../domain/diff.ts';
import { InvalidRequestError, PlanConflictError } from '../domain/errors.ts';
import { validateRequest } from '../domain/validate.ts';
import { validationScope } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export interface PlanChangesDeps {
  directoryService: DirectoryServiceClient;
  directoryServiceData: DirectoryServiceDataClient;
  pcaConnectorAd: PcaConnectorAdClient;
  ram: RAMClient;
}

const defaultDeps = (): PlanChangesDeps => ({ directoryService: directoryService(), directoryServiceData: directoryServiceData(), pcaConnectorAd: pcaConnectorAd(), ram: ram() });

/** The request, as the validator normalises it (InvalidRequestError naming every violation otherwise). */
export const parsedRequest = (input: unknown): ProvisioningRequest => {
  const outcome = validateRequest(input, validationScope());
  if (!outcome.request) throw new InvalidRequestError(outcome.violations);
  return outcome.request;
};

export const planChangesCore = async (input: PlanChangesInput, deps: PlanChangesDeps = defaultDeps()): Promise<ChangePlan> => {
  const plan = await planRequest(parsedRequest(input.Request), deps);
  const counts = Object.fromEntries(['create', 'keep', 'update', 'delete', 'orphaned', 'conflict', 'warning'].map((a) => [a, plan.filter((e) => e.action === a).length]));
  const conflicts = conflictsOf(plan);
  if (conflicts.length > 0) {
    logger.warn('Plan refused: conflicts', counts);
    throw new PlanConflictError(
      `Nothing was written: ${conflicts.length} resource(s) differ from the request in fields only a replacement changes: ` +
        conflicts.map(describeEntry).join(' | '),
      conflicts.flatMap((e) => e.fields),
    );
  }
  logger.info('Plan made', counts);
  return { plan, warnings: [...(input.Warnings ?? []), ...planWarnings(plan)] };
};

export const handler = wrapHandler(planChangesCore, 'PlanChanges');
