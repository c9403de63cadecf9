/** A behavioural fake of Secrets Manager CreateSecret / GetSecretValue / ListSecrets on aws-sdk-client-mock. */
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';

export interface FakeSecrets {
  mock: AwsClientStub<SecretsManagerClient>;
  secrets: Map<string, string>;
  restore(): void;
}

export const fakeSecrets = (): FakeSecrets => {
  const mock = mockClient(SecretsManagerClient);
  const secrets = new Map<string, string>();
  const tags = new Map<string, { Key: string; Value: string }[]>();
  const arnOf = (name: string): string => `arn:aws:secretsmanager:us-east-1:111122223333:secret:${name}-AbCdEf`;
  mock.on(CreateSecretCommand).callsFake((req: { Name?: string; SecretString?: string; Tags?: { Key?: string; Value?: string }[] }) => {
    const name = req.Name ?? '';
    if (secrets.has(name)) {
      throw new ResourceExistsException({ message: `The operation failed because the secret ${name} already exists.`, $metadata: {} });
    }
    secrets.set(name, req.SecretString ?? '');
    tags.set(name, (req.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })));
    return { ARN: arnOf(name), Name: name };
  });
  // Prefix filters on tag keys and tag values, ANDed across filters, as ListSecrets documents them.
  mock.on(ListSecretsCommand).callsFake((req: { Filters?: { Key?: string; Values?: string[] }[] }) => ({
    SecretList: [...secrets.keys()]
      .filter((name) =>
        (req.Filters ?? []).every((f) =>
          (f.Values ?? []).some((v) => (tags.get(name) ?? []).some((t) => (f.Key === 'tag-key' ? t.Key : t.Value).startsWith(v))),
        ),
      )
      .map((name) => ({ Name: name, ARN: arnOf(name), Tags: tags.get(name) ?? [] })),
  }));
  mock.on(GetSecretValueCommand).callsFake((req: { SecretId?: string }) => {
    const id = req.SecretId ?? '';
    const value = secrets.get(id) ?? secrets.get([...secrets.keys()].find((name) => arnOf(name) === id) ?? '');
    if (value === undefined) {
      throw new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} });
    }
    return { Name: req.SecretId, SecretString: value };
  });
  return { mock, secrets, restore: () => mock.restore() };
};
