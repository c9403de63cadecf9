import { ACMPCAClient } from '@aws-sdk/client-acm-pca';
import { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { RAMClient } from '@aws-sdk/client-ram';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PcaConnectorAdClient } from '../../../../src/aws/pca-connector-ad/index.ts';
import { createSimClock, startEmulator } from '../../../../tools/local/emulator/index.ts';
import type { Emulator, EmulatorOptions } from '../../../../tools/local/emulator/index.ts';
import { ADMIN_PASSWORD, defaultSeed, sampleCreateDirectoryParams } from '../../../fixtures.ts';

export { CA_ACTIVE, CA_DISABLED, SG_1, SG_2, SG_OTHER_VPC, SUBNET_A, SUBNET_B, SUBNET_OTHER_VPC, VPC } from '../../../fixtures.ts';
export const SEED = defaultSeed();
export const PASSWORD = ADMIN_PASSWORD;
export const START_MS = Date.parse('2026-01-01T00:00:00Z');

/** The sample's CreateDirectory request (Simple AD, the admin password), with overrides. */
export const simpleAd = (over: Record<string, unknown> = {}) => ({ ...sampleCreateDirectoryParams(), ...over });

/** A CreateMicrosoftAD request (Standard edition) on the sample's VPC, with overrides. */
export const microsoftAd = (over: Record<string, unknown> = {}) => {
  const { Size: _size, ...rest } = sampleCreateDirectoryParams();
  return { ...rest, Edition: 'Standard' as const, ...over };
};

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
    ram: new RAMClient(base(emu)),
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

/** A model-valid computer auto-enrollment template (TemplateV2). */
export const TEMPLATE_V2 = {
  TemplateV2: {
    CertificateValidity: { ValidityPeriod: { Period: 1, PeriodType: 'YEARS' }, RenewalPeriod: { Period: 6, PeriodType: 'WEEKS' } },
    EnrollmentFlags: {},
    Extensions: {
      KeyUsage: { Critical: true, UsageFlags: { DigitalSignature: true, KeyEncipherment: true } },
      ApplicationPolicies: { Critical: false, Policies: [{ PolicyType: 'CLIENT_AUTHENTICATION' }, { PolicyType: 'SERVER_AUTHENTICATION' }] },
    },
    GeneralFlags: { AutoEnrollment: true, MachineType: true },
    PrivateKeyAttributes: { KeySpec: 'KEY_EXCHANGE', MinimalKeyLength: 2048 },
    PrivateKeyFlags: { ClientVersion: 'WINDOWS_SERVER_2008' },
    SubjectNameFlags: { RequireDnsAsCn: true, SanRequireDns: true },
  },
};
