/**
 * The dry-run function: the plan of a request, answered synchronously, for `POST /provisionings?dryRun=true` (the API
 * function invokes it) and `npm start -- --plan`. The same discovery and diff as the workflow's PlanChanges
 * (src/aws/discovery.ts, src/domain/diff.ts), but a conflict is a line of the plan, not an error: the caller sees
 * everything that would happen, and that the run would stop before any write. Its role reads only: nothing it can
 * call creates, changes or deletes anything (test/packaging/ evaluates it).
 */
import type { Context } from 'aws-lambda';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { ChangePlan, PlanProvisioningInput } from '../contract.ts';
import { directoryService, directoryServiceData, pcaConnectorAd, ram } from '../aws/clients.ts';
import { planRequest } from '../aws/discovery.ts';
import { planWarnings } from '../domain/diff.ts';
import { timeoutsOf } from '../domain/validate.ts';
import { requestWarnings } from '../domain/warnings.ts';
import { logger } from '../lib/logger.ts';
import { tracer } from '../lib/tracer.ts';
import { transportErrorNames } from '../lib/transport-errors.ts';
import { parsedRequest } from './plan-changes.ts';
import type { PlanChangesDeps } from './plan-changes.ts';

const defaultDeps = (): PlanChangesDeps => ({ directoryService: directoryService(), directoryServiceData: directoryServiceData(), pcaConnectorAd: pcaConnectorAd(), ram: ram() });

/** The plan of `input.Request` and its warnings (the request's, as ValidateRequest gives them, and the plan's). */
export const planProvisioningCore = async (input: PlanProvisioningInput, deps: PlanChangesDeps = defaultDeps()): Promise<ChangePlan> => {
  const request = parsedRequest(input.Request);
  const plan = await planRequest(request, deps);
  logger.info('Dry run planned', { entries: plan.length, conflicts: plan.filter((e) => e.action === 'conflict').length });
  return { plan, warnings: [...requestWarnings(request, timeoutsOf(request).directory), ...planWarnings(plan)] };
};

export const handler = middy<PlanProvisioningInput, ChangePlan, Error, Context>()
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(transportErrorNames())
  .handler((event) => planProvisioningCore(event)) as unknown as (event: unknown, context: Context) => Promise<ChangePlan>;
