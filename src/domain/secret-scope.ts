/**
 * The password secrets a deployment may read: their names start with one prefix (deploy parameter
 * `passwordSecretPrefix`, default below), the only secrets the functions' IAM policies allow. A request naming a secret
 * outside it is refused at validation, before any read could fail with AccessDenied.
 */
export const DEFAULT_PASSWORD_SECRET_PREFIX = 'ad-cert-orchestrator/';

/** The secret's name from a name, or a full or partial Secrets Manager ARN. */
export const secretNameOf = (secretId: string): string => {
  const parts = secretId.split(':');
  return secretId.startsWith('arn:') && parts[2] === 'secretsmanager' && parts[5] === 'secret' ? parts.slice(6).join(':') : secretId;
};

/** Why `secretId` is outside the deployment's scope, or undefined when it is inside. */
export const secretScopeProblem = (secretId: string, prefix: string): string | undefined => {
  const name = secretNameOf(secretId);
  if (name.startsWith(prefix) && name.length > prefix.length) return undefined;
  return (
    `names a secret outside this deployment's password secrets: the secret name must start with ${JSON.stringify(prefix)} ` +
    '(deploy parameter passwordSecretPrefix; the functions may read no other secret). Create the secret under that prefix'
  );
};
