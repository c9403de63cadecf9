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
  paginateListSecrets,
} from '@aws-sdk/client-secrets-manager';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DIRECTORY_TAG_KEY, EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY, MANAGED_BY_TAG_VALUE } from '../contract.ts';
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

/**
 * The tag value that names a directory's identity as adoption matches it (Name in any case, VPC): a SHA-256, so any
 * Name fits a tag value.
 */
export const directoryTagValue = (directory: { Name: string; VpcSettings: { VpcId: string } }): string =>
  createHash('sha256').update(`${directory.VpcSettings.VpcId}#${directory.Name.toLowerCase()}`).digest('hex');

/**
 * The execution name of a provisioning whose stored password for the same directory (`directoryTag`) is not
 * `password` — its directory would be adopted with a password never applied to it — or undefined. Secrets scheduled
 * for deletion (a torn down provisioning) and `except` (this request's own) do not count; a secret whose value cannot
 * be read any more counts as nothing to compare. Neither password leaves this function.
 */
export const otherPasswordFor = async (directoryTag: string, password: string, except: string): Promise<string | undefined> => {
  const pages = paginateListSecrets(
    { client: secretsManager() },
    { Filters: [{ Key: 'tag-key', Values: [DIRECTORY_TAG_KEY] }, { Key: 'tag-value', Values: [directoryTag] }] },
  );
  for await (const page of pages) {
    for (const entry of page.SecretList ?? []) {
      const tags = Object.fromEntries((entry.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
      // The filters match prefixes of any tag key and any tag value: the tag itself must be the directory's.
      if (tags[DIRECTORY_TAG_KEY] !== directoryTag || !entry.ARN || entry.Name === except) continue;
      let same: boolean;
      try {
        same = await matchesStored(entry.ARN, password);
      } catch (err) {
        const name = err instanceof Error ? err.name : '';
        if (name === 'ResourceNotFoundException' || name === 'InvalidRequestException' || name === 'AccessDeniedException') continue;
        throw err;
      }
      if (!same) return tags[EXECUTION_TAG_KEY] ?? entry.Name ?? entry.ARN;
    }
  }
  return undefined;
};

export const storePasswordOnce = async (secretName: string, executionName: string, password: string, directoryTag: string): Promise<StoreOutcome> => {
  try {
    await secretsManager().send(
      new CreateSecretCommand({
        Name: secretName,
        Description: `Directory admin password for provisioning ${executionName} (stored by POST /provisionings)`,
        SecretString: password,
        Tags: [
          { Key: MANAGED_BY_TAG_KEY, Value: MANAGED_BY_TAG_VALUE },
          { Key: EXECUTION_TAG_KEY, Value: executionName },
          { Key: DIRECTORY_TAG_KEY, Value: directoryTag },
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
