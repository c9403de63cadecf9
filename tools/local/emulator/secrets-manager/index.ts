/**
 * Secrets Manager (awsJson1_1, `secretsmanager.`): GetSecretValue, DescribeSecret, CreateSecret, DeleteSecret. The
 * seed's secrets are the user's own; secrets created through the API are kept (saved in snapshots as `secrets`) with
 * their values in memory only, never in a snapshot.
 */
import { createHash } from 'node:crypto';
import { sdkErrorNames } from '../core/fault-errors.ts';
import { ApiError } from '../core/api-error.ts';
import { epochSeconds, obj, str } from '../core/service.ts';
import type { Json, ServiceContext, ServiceDef } from '../core/service.ts';
import { arrayOf, object, optional, string, tagList, time } from '../core/shape.ts';
import type { StateSlot } from '../core/state.ts';

/** A secret created through the API. Its value is kept in memory only, never in a snapshot. */
export interface CreatedSecret {
  Name: string;
  ARN: string;
  VersionId: string;
  Description?: string;
  CreatedDateMs: number;
  Tags?: { Key: string; Value: string }[];
  /** DeleteSecret with a recovery window: marked for deletion at this time. */
  DeletedDateMs?: number;
}

export const SECRETS: StateSlot<CreatedSecret[]> = {
  name: 'secrets',
  fresh: () => [],
  load: (snapshot) => (snapshot['secrets'] as CreatedSecret[] | undefined) ?? [],
  save: (secrets) => ({ secrets }),
  check: object({
    secrets: arrayOf(object({
      Name: string, ARN: string, VersionId: string, Description: optional(string), CreatedDateMs: time, Tags: optional(tagList), DeletedDateMs: optional(time),
    })),
  }),
};

/** Values of the secrets created through the API, by ARN (memory only). */
export const SECRET_VALUES: StateSlot<Map<string, string>> = { name: 'secret values', fresh: () => new Map() };

interface SecretView {
  Name: string;
  ARN: string;
  VersionId: string;
  CreatedDateMs: number;
  Description?: string;
  Tags?: { Key: string; Value: string }[];
  /** undefined: a secret restored from a snapshot, whose value was (deliberately) not saved. */
  value: string | undefined;
  DeletedDateMs?: number;
}

const suffix = (name: string): string => {
  const h = createHash('sha256').update(name).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(h.subarray(0, 6), (b) => alphabet[b % alphabet.length]).join('');
};
const seedVersion = (name: string): string => {
  const h = createHash('sha256').update(`version:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

function all(ctx: ServiceContext): SecretView[] {
  const fromSeed = ctx.seed.secrets.map((s) => ({
    Name: s.Name,
    ARN: s.Arn ?? `arn:aws:secretsmanager:${ctx.seed.region}:${ctx.seed.accountId}:secret:${s.Name}-${suffix(s.Name)}`,
    VersionId: seedVersion(s.Name),
    CreatedDateMs: 0,
    value: s.SecretString,
  }));
  const values = ctx.state.get(SECRET_VALUES);
  const created = ctx.state.get(SECRETS).map((s) => ({ ...s, value: values.get(s.ARN) }));
  return [...fromSeed, ...created];
}

function find(ctx: ServiceContext, id: string | undefined): SecretView {
  const s = id === undefined ? undefined : all(ctx).find((x) => x.Name === id || x.ARN === id);
  if (!s) throw new ApiError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  return s;
}

/**
 * DeleteSecret, as AWS: RecoveryWindowInDays 7-30 (default 30) or ForceDeleteWithoutRecovery, not both; a secret
 * already marked for deletion is an InvalidRequestException. Only secrets created through the API can be deleted
 * here (the seed's are the user's own). With a recovery window the secret stays, marked deleted.
 */
function deleteSecret(input: Json, ctx: ServiceContext): Json {
  const id = str(input, 'SecretId');
  const secrets = ctx.state.get(SECRETS);
  const secret = secrets.find((s) => s.Name === id || s.ARN === id);
  if (!secret) throw new ApiError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  const window = input.RecoveryWindowInDays;
  const force = input.ForceDeleteWithoutRecovery === true;
  if (force && window !== undefined) {
    throw new ApiError('InvalidParameterException', 'You can\'t use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.');
  }
  if (window !== undefined && !(Number.isInteger(window) && (window as number) >= 7 && (window as number) <= 30)) {
    throw new ApiError('InvalidParameterException', 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  }
  if (secret.DeletedDateMs !== undefined) {
    throw new ApiError('InvalidRequestException', 'You can\'t perform this operation on the secret because it was already scheduled for deletion.');
  }
  const now = ctx.clock.now();
  if (force) {
    secrets.splice(secrets.indexOf(secret), 1);
    ctx.state.get(SECRET_VALUES).delete(secret.ARN);
  } else {
    secret.DeletedDateMs = now;
  }
  return { ARN: secret.ARN, Name: secret.Name, DeletionDate: (now + (force ? 0 : ((window as number | undefined) ?? 30) * 86_400_000)) / 1000 };
}

export const secretsManager: ServiceDef = {
  name: 'SecretsManager',
  signingName: 'secretsmanager',
  // No model of this service beside the project: the errors its SDK client models (service-wide).
  errorNames: async () => {
    const sdk = await import('@aws-sdk/client-secrets-manager');
    return sdkErrorNames(sdk, sdk.SecretsManagerServiceException);
  },
  endpointVariable: 'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  protocol: 'awsJson',
  targetPrefix: 'secretsmanager',
  state: [SECRETS],
  ops: {
    GetSecretValue(input: Json, ctx) {
      const s = find(ctx, str(input, 'SecretId'));
      if (s.DeletedDateMs !== undefined) {
        throw new ApiError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");
      }
      if (s.value === undefined) {
        throw new ApiError('ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
      }
      return { ARN: s.ARN, Name: s.Name, VersionId: s.VersionId, SecretString: s.value, VersionStages: ['AWSCURRENT'], CreatedDate: epochSeconds(s.CreatedDateMs) };
    },
    DescribeSecret(input: Json, ctx) {
      const s = find(ctx, str(input, 'SecretId'));
      return {
        ARN: s.ARN,
        Name: s.Name,
        ...(s.Description ? { Description: s.Description } : {}),
        ...(s.Tags?.length ? { Tags: s.Tags } : {}),
        ...(s.DeletedDateMs !== undefined ? { DeletedDate: epochSeconds(s.DeletedDateMs) } : {}),
        CreatedDate: epochSeconds(s.CreatedDateMs),
        LastChangedDate: epochSeconds(s.CreatedDateMs),
        VersionIdsToStages: { [s.VersionId]: ['AWSCURRENT'] },
      };
    },
    CreateSecret(input: Json, ctx) {
      const name = str(input, 'Name');
      if (!name || !/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(name)) throw new ApiError('InvalidParameterException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
      if (all(ctx).some((s) => s.Name === name)) throw new ApiError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
      const value = str(input, 'SecretString');
      const ARN = `arn:aws:secretsmanager:${ctx.seed.region}:${ctx.seed.accountId}:secret:${name}-${suffix(`${name}:${ctx.ids.hex(8)}`)}`;
      const VersionId = str(input, 'ClientRequestToken') ?? ctx.ids.uuid();
      const description = str(input, 'Description');
      const tags = Array.isArray(input.Tags) ? input.Tags.map((t: unknown) => ({ Key: String(obj(t)?.Key), Value: String(obj(t)?.Value) })) : [];
      ctx.state.get(SECRETS).push({
        Name: name, ARN, VersionId, CreatedDateMs: ctx.clock.now(), ...(description ? { Description: description } : {}), ...(tags.length ? { Tags: tags } : {}),
      });
      if (value !== undefined) ctx.state.get(SECRET_VALUES).set(ARN, value);
      return { ARN, Name: name, VersionId };
    },
    DeleteSecret: deleteSecret,
  },
};
