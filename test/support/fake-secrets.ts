/** A behavioural fake of Secrets Manager CreateSecret / GetSecretValue on aws-sdk-client-mock. */
import {
  CreateSecretCommand,
  GetSecretValueCommand,
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
  mock.on(CreateSecretCommand).callsFake((req: { Name?: string; SecretString?: string }) => {
    const name = req.Name ?? '';
    if (secrets.has(name)) {
      throw new ResourceExistsException({ message: `The operation failed because the secret ${name} already exists.`, $metadata: {} });
    }
    secrets.set(name, req.SecretString ?? '');
    return { ARN: `arn:aws:secretsmanager:us-east-1:111122223333:secret:${name}-AbCdEf`, Name: name };
  });
  mock.on(GetSecretValueCommand).callsFake((req: { SecretId?: string }) => {
    const value = secrets.get(req.SecretId ?? '');
    if (value === undefined) {
      throw new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} });
    }
    return { Name: req.SecretId, SecretString: value };
  });
  return { mock, secrets, restore: () => mock.restore() };
};
