/**
 * DeletePasswordSecret (teardown): schedules the deletion of the password secret POST /provisionings stored (the
 * plan names it only when it carries the ownership tag and no directory it protects was kept).
 *
 * A 7-day recovery window, the shortest Secrets Manager allows, rather than ForceDeleteWithoutRecovery: the secret
 * holds a directory admin password, and a teardown run by mistake must stay recoverable for a while; the name is
 * derived from the provisioning's execution name, which a new provisioning never reuses, so the pending deletion
 * blocks nothing.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import { secretsManager } from '../aws/clients.ts';
import type { DeleteStepInput, TeardownPlan } from '../contract.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export const RECOVERY_WINDOW_DAYS = 7;

export interface DeletePasswordSecretDeps {
  secretsManager: SecretsManagerClient;
}

const defaultDeps = (): DeletePasswordSecretDeps => ({ secretsManager: secretsManager() });

export const deletePasswordSecretCore = async (input: DeleteStepInput, deps: DeletePasswordSecretDeps = defaultDeps()): Promise<TeardownPlan> => {
  const plan = input.Plan;
  const SecretId = plan.PasswordSecret;
  if (SecretId === null) return plan;
  try {
    await deps.secretsManager.send(new DeleteSecretCommand({ SecretId, RecoveryWindowInDays: RECOVERY_WINDOW_DAYS }));
    logger.info('Password secret scheduled for deletion', { recoveryWindowDays: RECOVERY_WINDOW_DAYS });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    // Gone, or already scheduled (a lost response, a redrive): done.
    const already = name === 'ResourceNotFoundException' || (name === 'InvalidRequestException' && /scheduled for deletion/i.test((error as Error).message));
    if (!already) throw error;
  }
  return { ...plan, Deleted: [...plan.Deleted, { Resource: 'password-secret', Id: SecretId }] };
};

export const handler = wrapHandler(deletePasswordSecretCore, 'DeletePasswordSecret');
