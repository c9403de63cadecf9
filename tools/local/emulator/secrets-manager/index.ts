/**
 * Secrets Manager (awsJson1_1, `secretsmanager.`): GetSecretValue, DescribeSecret, CreateSecret, DeleteSecret, ListSecrets. The
 * seed's secrets are the user's own; secrets created through the API are kept (saved in snapshots as `secrets`) with
 * their values in memory only, never in a snapshot.
 */
import { createHash } from 'node:crypto';
import { sdkErrorNames } from '../core/fault-errors.ts';
import { ApiError } from '../core/api-error.ts';
import { decodeToken, encodeToken, epochSeconds, obj, str } from '../core/service.ts';
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

const FILTER_KEYS = ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'];
const FILTER_VALUE = /^!?[a-zA-Z0-9 :_@/+=.\-!]*$/;

/** Whether a secret passes one filter value (a prefix; `!` in front negates), as the ListSecrets reference says. */
const passes = (s: SecretView, key: string, raw: string): boolean => {
  const negate = raw.startsWith('!');
  const value = negate ? raw.slice(1) : raw;
  const tags = s.Tags ?? [];
  const description = (s.Description ?? '').toLowerCase();
  const hit =
    key === 'name' ? s.Name.startsWith(value)
      : key === 'description' ? description.startsWith(value.toLowerCase())
        : key === 'tag-key' ? tags.some((t) => t.Key.startsWith(value))
          : key === 'tag-value' ? tags.some((t) => t.Value.startsWith(value))
            : key === 'all' ? s.Name.startsWith(value) || description.startsWith(value.toLowerCase()) || tags.some((t) => t.Key.startsWith(value) || t.Value.startsWith(value))
              : false; // primary-region, owning-service: no replica or managed secret here
  return negate ? !hit : hit;
};

/**
 * ListSecrets, as its API reference: Filters (at most 10; each Key one of FILTER_KEYS with 1-10 Values of 1-512
 * characters, prefix matches, ANDed across filters, ORed within one), MaxResults 1-100, NextToken; secrets scheduled
 * for deletion only with IncludePlannedDeletion. Never returns a value.
 */
/** What ListSecrets and DescribeSecret both say of a secret (never its value). */
const metadataOf = (s: SecretView): Json => ({
  ARN: s.ARN,
  Name: s.Name,
  ...(s.Description ? { Description: s.Description } : {}),
  ...(s.Tags?.length ? { Tags: s.Tags } : {}),
  ...(s.DeletedDateMs !== undefined ? { DeletedDate: epochSeconds(s.DeletedDateMs) } : {}),
  CreatedDate: epochSeconds(s.CreatedDateMs),
});

function listSecrets(input: Json, ctx: ServiceContext): Json {
  const invalid = (message: string): ApiError => new ApiError('InvalidParameterException', message);
  const filters = input.Filters === undefined ? [] : input.Filters;
  if (!Array.isArray(filters) || filters.length > 10) throw invalid('Filters must be a list of at most 10 filters.');
  const checked = filters.map((f: unknown) => {
    const key = str(obj(f) ?? {}, 'Key');
    const values = obj(f)?.['Values'];
    if (key === undefined || !FILTER_KEYS.includes(key)) throw invalid(`Invalid filter key. Valid keys: ${FILTER_KEYS.join(', ')}.`);
    if (!Array.isArray(values) || values.length < 1 || values.length > 10) throw invalid('Each filter needs 1 to 10 Values.');
    for (const v of values) {
      if (typeof v !== 'string' || v.length < 1 || v.length > 512 || !FILTER_VALUE.test(v)) throw invalid(`Invalid filter value: ${String(v).slice(0, 64)}`);
    }
    return { key, values: values as string[] };
  });
  const max = input.MaxResults ?? 100;
  if (!(Number.isInteger(max) && (max as number) >= 1 && (max as number) <= 100)) throw invalid('MaxResults must be between 1 and 100.');
  const start = decodeToken(str(input, 'NextToken'), () => invalid('The NextToken value is not valid.'));
  const matching = all(ctx)
    .filter((s) => input.IncludePlannedDeletion === true || s.DeletedDateMs === undefined)
    .filter((s) => checked.every((f) => f.values.some((v) => passes(s, f.key, v))));
  const page = matching.slice(start, start + (max as number));
  return {
    SecretList: page.map((s) => ({
      ...metadataOf(s),
      SecretVersionsToStages: { [s.VersionId]: ['AWSCURRENT'] },
    })),
    ...(start + (max as number) < matching.length ? { NextToken: encodeToken(start + (max as number)) } : {}),
  };
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
        ...metadataOf(s),
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
    ListSecrets: listSecrets,
  },
};
