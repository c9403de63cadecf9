/**
 * Stores the admin password a `POST /provisionings` carried, once, under a name derived from the execution name.
 *
 * CreateSecret has no "create if absent, else compare" mode, so: CreateSecret; on ResourceExistsException read the
 * stored value (GetSecretValue) and compare it in memory. The value never leaves this module except to AWS: it is
 * not logged, not returned, not put into an error message.
 */
import {
  CreateSecretCommand,
  GetSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { timingSafeEqual } from 'node:crypto';
import { EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY, MANAGED_BY_TAG_VALUE } from '../contract.ts';
import { secretsManager } from '../aws/clients.ts';
import { extractPassword } from '../domain/password.ts';

export type StoreOutcome = 'created' | 'same' | 'different' | 'scheduled-for-deletion';

const equalSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Compares the stored value (raw or {"password": …}) with `password`. */
const matchesStored = async (secretId: string, password: string): Promise<boolean> => {
  const stored = await secretsManager().send(new GetSecretValueCommand({ SecretId: secretId }));
  const extracted = extractPassword(stored.SecretString);
  return extracted.ok && equalSecret(extracted.password, password);
};

export const storePasswordOnce = async (secretName: string, executionName: string, password: string): Promise<StoreOutcome> => {
  try {
    await secretsManager().send(
      new CreateSecretCommand({
        Name: secretName,
        Description: `Directory admin password for provisioning ${executionName} (stored by POST /provisionings)`,
        SecretString: password,
        Tags: [
          { Key: MANAGED_BY_TAG_KEY, Value: MANAGED_BY_TAG_VALUE },
          { Key: EXECUTION_TAG_KEY, Value: executionName },
        ],
      }),
    );
    return 'created';
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'ResourceExistsException') {
      return (await matchesStored(secretName, password)) ? 'same' : 'different';
    }
    // "You can't create this secret because a secret with this name is already scheduled for deletion."
    if (name === 'InvalidRequestException' && err instanceof Error && /scheduled for deletion/i.test(err.message)) {
      return 'scheduled-for-deletion';
    }
    throw err;
  }
};

/** For a repeat of a request whose execution exists: is the password the one stored the first time? */
export const storedPasswordMatches = async (secretName: string, password: string): Promise<boolean> => {
  try {
    return await matchesStored(secretName, password);
  } catch (err) {
    if (err instanceof Error && err.name === 'ResourceNotFoundException') return false;
    throw err;
  }
};
