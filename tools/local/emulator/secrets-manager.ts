/** Secrets Manager (awsJson1_1, `secretsmanager.`): GetSecretValue, DescribeSecret, CreateSecret, DeleteSecret. */
import { createHash } from 'node:crypto';
import { ApiError } from './api-error.ts';
import { obj, str } from './service.ts';
import type { ServiceDef } from './service.ts';
import { epochSeconds } from './state.ts';
import { deleteSecret } from './teardown.ts';
import type { Json, ServiceContext } from './state.ts';

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
  const created = ctx.state.secrets.map((s) => ({ ...s, value: ctx.state.secretValues.get(s.ARN) }));
  return [...fromSeed, ...created];
}

function find(ctx: ServiceContext, id: string | undefined): SecretView {
  const s = id === undefined ? undefined : all(ctx).find((x) => x.Name === id || x.ARN === id);
  if (!s) throw new ApiError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  return s;
}

export const secretsManager: ServiceDef = {
  name: 'SecretsManager',
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
      ctx.state.secrets.push({
        Name: name, ARN, VersionId, CreatedDateMs: ctx.clock.now(), ...(description ? { Description: description } : {}), ...(tags.length ? { Tags: tags } : {}),
      });
      if (value !== undefined) ctx.state.secretValues.set(ARN, value);
      return { ARN, Name: name, VersionId };
    },
    DeleteSecret: deleteSecret,
  },
};
