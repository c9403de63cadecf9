import type { ExternalLookups } from './external.ts';
import type { Rng, SimClock } from './clock.ts';
import type { ConnectorAdLifecycles, ConnectorAdState } from './connector-ad-resources.ts';
import type { ResourceShareRecord } from './ram.ts';
import type { FaultBook } from './faults.ts';
import type { Seed } from './seed.ts';

export type Json = Record<string, unknown>;
import type { QueuedMessage } from './sqs.ts';

export interface DirectoryOutcome {
  /** Stage the directory lands in instead of Active (default Failed). */
  stage?: 'Failed' | 'Impaired' | 'Inoperable';
  /** The StageReason DescribeDirectories reports. */
  reason: string;
  /** Seconds after creation when it lands there (default: the type's active-after time). */
  afterSeconds?: number;
}

export type ConnectorStatusReason =
  | 'CA_CERTIFICATE_REGISTRATION_FAILED' | 'DIRECTORY_ACCESS_DENIED' | 'INTERNAL_FAILURE' | 'INSUFFICIENT_FREE_ADDRESSES'
  | 'INVALID_SUBNET_IP_PROTOCOL' | 'PRIVATECA_ACCESS_DENIED' | 'PRIVATECA_RESOURCE_NOT_FOUND' | 'SECURITY_GROUP_NOT_IN_VPC'
  | 'VPC_ACCESS_DENIED' | 'VPC_ENDPOINT_LIMIT_EXCEEDED' | 'VPC_RESOURCE_NOT_FOUND';

export interface ConnectorOutcome {
  statusReason: ConnectorStatusReason;
  /** Seconds after creation when it turns FAILED (default: connectorActiveAfterSeconds). */
  afterSeconds?: number;
}

/** A directory as stored. There is deliberately no password field: it is validated and dropped. */
export interface DirectoryRecord {
  DirectoryId: string;
  Type: 'SimpleAD' | 'MicrosoftAD';
  Name: string;
  ShortName: string;
  Description?: string;
  Size?: string;
  Edition?: string;
  VpcSettings: { VpcId: string; SubnetIds: string[]; SecurityGroupId: string; AvailabilityZones: string[] };
  DnsIpAddrs: string[];
  Tags: { Key: string; Value: string }[];
  createdAtMs: number;
  activeAfterSeconds: number;
  outcome?: Required<DirectoryOutcome>;
  deletedAtMs?: number;
}

export interface ConnectorRecord {
  Arn: string;
  DirectoryId: string;
  CertificateAuthorityArn: string;
  VpcInformation: { IpAddressType?: string; SecurityGroupIds: string[] };
  Tags: Record<string, string>;
  CertificateEnrollmentPolicyServerEndpoint: string;
  createdAtMs: number;
  activeAfterSeconds: number;
  outcome?: Required<ConnectorOutcome>;
  deletedAtMs?: number;
}

export interface ClientTokenRecord {
  token: string;
  connectorArn: string;
  /** Canonical JSON of the request minus the token: same token + different fingerprint = ConflictException. */
  fingerprint: string;
}

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

export interface EmittedEvent {
  Source?: string;
  DetailType?: string;
  EventBusName?: string;
  Detail: unknown;
}

/** A DynamoDB item in wire form (`{ pk: { S: '...' }, expiresAt: { N: '...' } }`). */
export type DynamoItem = Record<string, unknown>;

/** JSON-serialisable emulator state. Never contains a directory password or a secret value. */
export interface EmulatorSnapshot {
  version: 1;
  clock: { startMs: number; nowMs: number };
  rngState: number;
  directories: DirectoryRecord[];
  connectors: ConnectorRecord[];
  clientTokens: ClientTokenRecord[];
  secrets: CreatedSecret[];
  events: EmittedEvent[];
  /** DynamoDB items by table, then by partition key value (absent in snapshots from before the coordination table). */
  dynamoDb?: Record<string, Record<string, DynamoItem>>;
  /** Registrations, SPNs, templates, access entries and RAM shares (absent in older snapshots). */
  connectorAd?: ConnectorAdState & { resourceShares: ResourceShareRecord[] };
}

export interface EmulatorState {
  directories: DirectoryRecord[];
  connectors: ConnectorRecord[];
  clientTokens: ClientTokenRecord[];
  secrets: CreatedSecret[];
  /** Values of secrets created through the API (memory only). */
  secretValues: Map<string, string>;
  events: EmittedEvent[];
  /** DynamoDB items by table (created on first use), then by partition key value. */
  dynamoDb: Record<string, Record<string, DynamoItem>>;
  /** SQS messages by queue name (memory only: the triggers' dead-letter queue of one run). */
  queues: Map<string, QueuedMessage[]>;
}

export interface ServiceContext {
  seed: Seed;
  state: EmulatorState;
  clock: SimClock;
  ids: Rng;
  faults: FaultBook;
  directoryActiveAfterSeconds: { SimpleAD: number; MicrosoftAD: number };
  connectorActiveAfterSeconds: number;
  directoryOutcome?: DirectoryOutcome;
  connectorOutcome?: ConnectorOutcome;
  /** Services on another endpoint (e.g. moto_server): CreateConnector checks the directory, groups and CA there. */
  external?: ExternalLookups;
  /** PCA Connector AD resources beyond connectors, and RAM shares: their state and lifecycle settings. */
  connectorAd: {
    state: ConnectorAdState & { resourceShares: ResourceShareRecord[] };
    lifecycles: ConnectorAdLifecycles;
    /** Seconds a RAM principal association stays ASSOCIATING. */
    shareAssociatedAfterSeconds: number;
  };
}

/**
 * Seconds a deleted resource stays `Deleting`/`DELETING` before it is gone. AWS documents no figures: the
 * registration, SPN and template values are assumptions (templates have a DELETING status in the model and
 * DeleteTemplate answers 202, so their deletion is asynchronous too).
 */
export const DELETE_SECONDS = { directory: 60, connector: 30, directoryRegistration: 30, servicePrincipalName: 15, template: 10 };

export const epochSeconds = (ms: number): number => ms / 1000;
