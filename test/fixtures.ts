/**
 * The one fixture module of the tests: the sample requests and events under events/, the seeds under
 * tools/local/seeds/ and the ids of the default seed the sample request refers to. Every reader returns a fresh copy.
 */
import { readFileSync } from 'node:fs';
import type { ConnectorRequest, DirectoryRequest, ProvisioningRequest } from '../src/contract.ts';
import { DEFAULT_SEED_PATH, loadSeed } from '../tools/local/emulator/index.ts';
import type { Seed } from '../tools/local/emulator/index.ts';

/** A JSON file of this repository, by its path from the root (e.g. `events/provisioning-requested.json`). */
export const readJson = <T = unknown>(path: string): T => JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')) as T;

/** A file under events/. */
export const readEvent = <T = unknown>(file: string): T => readJson<T>(`events/${file}`);

/** A request that creates its directory. */
export type RequestToCreate = ProvisioningRequest & { Directory: DirectoryRequest };
/** A request that creates its directory, with its Connector. */
export type RequestWithConnector = RequestToCreate & { Connector: ConnectorRequest };

/** events/execution-input.json: a valid AWS Managed Microsoft AD + connector request for the default seed. */
export const sampleRequest = (): RequestWithConnector => readEvent('execution-input.json');

/** events/execution-input-microsoft-ad.json: the same with two security groups and Options. */
export const sampleMicrosoftAdRequest = (): RequestWithConnector => readEvent('execution-input-microsoft-ad.json');

/** events/execution-input-simple-ad.json: a Simple AD directory alone (no Connector: AWS does not support one on it). */
export const sampleSimpleAdRequest = (): RequestToCreate => readEvent('execution-input-simple-ad.json');

/** The sample request as plain JSON, for tests that change or delete fields. */
export const sampleInput = (): Record<string, unknown> & { Directory: Record<string, unknown> } => readEvent('execution-input.json');

/** A password for requests that carry one (what a POST may send instead of a secret reference). */
export const PASSWORD = 'Sup3r-Secret-Pa55!';

/** The sample input with the password instead of the secret reference. */
export const inputWithPassword = (password = PASSWORD): Record<string, unknown> => {
  const input = sampleInput();
  const { PasswordSecretId: _ref, ...directory } = input.Directory;
  return { ...input, Directory: { ...directory, Password: password } };
};

/** tools/local/seeds/default.json. */
export const defaultSeed = (): Seed => loadSeed(DEFAULT_SEED_PATH);

/* ---- ids of the default seed (the sample request uses VPC, SUBNET_A, SUBNET_B, SG_1, CA_ACTIVE, ADMIN_SECRET) ---- */

export const VPC = 'vpc-0a1b2c3d4e5f60718';
export const OTHER_VPC = 'vpc-0f9e8d7c6b5a40321';
export const SUBNET_A = 'subnet-0a1b2c3d4e5f6a001';
export const SUBNET_B = 'subnet-0a1b2c3d4e5f6b002';
export const SUBNET_OTHER_VPC = 'subnet-0f9e8d7c6b5a4c003';
export const SG_1 = 'sg-0a1b2c3d4e5f6a101';
export const SG_2 = 'sg-0a1b2c3d4e5f6a102';
export const SG_OTHER_VPC = 'sg-0f9e8d7c6b5a4c201';
export const CA_ACTIVE = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555';
export const CA_DISABLED = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/66666666-7777-8888-9999-000000000000';
export const ADMIN_SECRET = 'ad-cert-orchestrator/ad-admin-password';
/** The value of ADMIN_SECRET in the default seed. */
export const ADMIN_PASSWORD = 'Corp-Adm1n-Passw0rd!';

/** The Simple AD sample's directory as a Directory Service CreateDirectory request (what the handler sends), with a password. */
export const sampleCreateDirectoryParams = (password = ADMIN_PASSWORD) => {
  const d = sampleSimpleAdRequest().Directory;
  return { Name: d.Name, ShortName: d.ShortName ?? '', Password: password, Size: d.Size ?? 'Small', VpcSettings: d.VpcSettings };
};
