/**
 * DeletePasswordSecret (teardown): schedules the deletion of the password secret POST /provisionings stored (the
 * plan names it only when it carries the ownership tag and no directory it protects was kept), and of every other
 * secret POST stored for the same directory (its directory tag: requests under other Idempotency-Keys that adopted
 * it), which the directory's removal leaves without a use.
 *
 * A 7-day recovery window, the shortest Secrets Manager allows, rather than ForceDeleteWithoutRecovery: the secret
 * holds a directory admin password, and a teardown run by mistake must stay recoverable for a while; the name is
 * derived from the provisioning's execution name, which a new provisioning never reuses, so the pending deletion
 * blocks nothing.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DeleteSecretCommand, DescribeSecretCommand, paginateListSecrets } from '@aws-sdk/client-secrets-manager';
import { secretsManager } from '../aws/clients.ts';
import { DIRECTORY_TAG_KEY } from '../contract.ts';
import type { DeleteStepInput, ResourceRef, TeardownPlan } from '../contract.ts';
import { logger } from '../lib/logger.ts';
import { wrapHandler } from '../lib/wrap-handler.ts';

export const RECOVERY_WINDOW_DAYS = 7;

export interface DeletePasswordSecretDeps {
  secretsManager: SecretsManagerClient;
}

const defaultDeps = (): DeletePasswordSecretDeps => ({ secretsManager: secretsManager() });

/** Gone, or already scheduled (a lost response, a redrive): nothing left to do. */
const isAlreadyDeleted = (error: unknown): boolean => {
  const name = error instanceof Error ? error.name : '';
  return name === 'ResourceNotFoundException' || (name === 'InvalidRequestException' && /scheduled for deletion/i.test((error as Error).message));
};

const scheduleDeletion = async (client: SecretsManagerClient, SecretId: string): Promise<void> => {
  try {
    await client.send(new DeleteSecretCommand({ SecretId, RecoveryWindowInDays: RECOVERY_WINDOW_DAYS }));
    logger.info('Password secret scheduled for deletion', { recoveryWindowDays: RECOVERY_WINDOW_DAYS });
  } catch (error) {
    if (!isAlreadyDeleted(error)) throw error;
  }
};

/** The other secrets POST stored for the secret's directory, not yet scheduled for deletion (none without the tag). */
const siblingSecrets = async (client: SecretsManagerClient, secretId: string): Promise<string[]> => {
  let tag: string | undefined;
  try {
    tag = (await client.send(new DescribeSecretCommand({ SecretId: secretId }))).Tags?.find((t) => t.Key === DIRECTORY_TAG_KEY)?.Value;
  } catch (error) {
    if (isAlreadyDeleted(error)) return [];
    throw error;
  }
  if (tag === undefined) return [];
  const found: string[] = [];
  const filters = [{ Key: 'tag-key' as const, Values: [DIRECTORY_TAG_KEY] }, { Key: 'tag-value' as const, Values: [tag] }];
  for await (const page of paginateListSecrets({ client }, { Filters: filters })) {
    for (const entry of page.SecretList ?? []) {
      // The filters match prefixes: the tag itself must be the directory's.
      const own = entry.Tags?.some((t) => t.Key === DIRECTORY_TAG_KEY && t.Value === tag) ?? false;
      if (own && entry.Name && entry.Name !== secretId && entry.ARN !== secretId) found.push(entry.Name);
    }
  }
  return found.sort();
};

export const deletePasswordSecretCore = async (input: DeleteStepInput, deps: DeletePasswordSecretDeps = defaultDeps()): Promise<TeardownPlan> => {
  const plan = input.Plan;
  const SecretId = plan.PasswordSecret;
  if (SecretId === null) return plan;
  const client = deps.secretsManager;
  const siblings = await siblingSecrets(client, SecretId);
  await scheduleDeletion(client, SecretId);
  for (const sibling of siblings) await scheduleDeletion(client, sibling);
  const deleted: ResourceRef[] = [SecretId, ...siblings].map((Id) => ({ Resource: 'password-secret', Id }));
  return { ...plan, Deleted: [...plan.Deleted, ...deleted] };
};

export const handler = wrapHandler(deletePasswordSecretCore, 'DeletePasswordSecret');
