import { ACMPCAClient } from '@aws-sdk/client-acm-pca';
import { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PcaConnectorAdClient } from '../../../../src/aws/pca-connector-ad/index.ts';
import { DEFAULT_SEED_PATH, createSimClock, loadSeed, startEmulator } from '../../../../tools/local/emulator/index.ts';
import type { Emulator, EmulatorOptions } from '../../../../tools/local/emulator/index.ts';

export const SEED = loadSeed(DEFAULT_SEED_PATH);
export const VPC = 'vpc-0a1b2c3d4e5f60718';
export const SUBNET_A = 'subnet-0a1b2c3d4e5f6a001';
export const SUBNET_B = 'subnet-0a1b2c3d4e5f6b002';
export const SUBNET_OTHER_VPC = 'subnet-0f9e8d7c6b5a4c003';
export const SG_1 = 'sg-0a1b2c3d4e5f6a101';
export const SG_2 = 'sg-0a1b2c3d4e5f6a102';
export const SG_OTHER_VPC = 'sg-0f9e8d7c6b5a4c201';
export const CA_ACTIVE = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555';
export const CA_DISABLED = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/66666666-7777-8888-9999-000000000000';
export const PASSWORD = 'Corp-Adm1n-Passw0rd!';
export const START_MS = Date.parse('2026-01-01T00:00:00Z');

export const simpleAd = (over: Record<string, unknown> = {}) => ({
  Name: 'corp.example.com',
  ShortName: 'CORP',
  Password: PASSWORD,
  Size: 'Small' as const,
  VpcSettings: { VpcId: VPC, SubnetIds: [SUBNET_A, SUBNET_B] },
  ...over,
});

/** An emulator on the default seed with a clock at 2026-01-01T00:00:00Z. */
export function start(opts: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({ seed: SEED, clock: createSimClock(START_MS), ...opts });
}

const base = (emu: Emulator) => ({
  endpoint: emu.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
  maxAttempts: 1,
});

export function clients(emu: Emulator) {
  return {
    ds: new DirectoryServiceClient(base(emu)),
    sm: new SecretsManagerClient(base(emu)),
    ec2: new EC2Client(base(emu)),
    pca: new ACMPCAClient(base(emu)),
    events: new EventBridgeClient(base(emu)),
    connector: new PcaConnectorAdClient(base(emu)),
  };
}

/** Signed-looking request to the restJson PCA Connector AD API (the emulator reads only the credential scope). */
export async function connectorApi(emu: Emulator, method: string, path: string, body?: unknown): Promise<{ status: number; errorType: string | null; json: Record<string, unknown> }> {
  const res = await fetch(`${emu.endpoint}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/pca-connector-ad/aws4_request, SignedHeaders=host, Signature=0',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The error an SDK call rejects with. */
export type SdkError = Error & { $metadata?: { httpStatusCode?: number }; [k: string]: unknown };
export async function errorOf(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected the call to fail');
}
