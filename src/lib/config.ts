/** Deployment settings the handlers read from their environment (set in serverless.yml). */
import { DEFAULT_PASSWORD_SECRET_PREFIX } from '../domain/secret-scope.ts';
import type { ValidationScope } from '../domain/validate.ts';

/** `PASSWORD_SECRET_PREFIX`: the names of the password secrets this deployment may read. */
export const passwordSecretPrefix = (): string => process.env['PASSWORD_SECRET_PREFIX'] || DEFAULT_PASSWORD_SECRET_PREFIX;

export const validationScope = (): ValidationScope => ({ passwordSecretPrefix: passwordSecretPrefix() });
