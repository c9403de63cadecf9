/**
 * PCA Connector for AD state: connectors and their ClientTokens (saved in snapshots as `connectors` and
 * `clientTokens`), directory registrations, service principal names, templates, access control entries and the
 * other creates' tokens (saved under `connectorAd`), their lifecycles on the simulated clock and the lifecycle
 * settings (memory only).
 *
 * Lifecycle durations are not documented by AWS: the defaults (connector 120 s, registration 60 s, SPN 30 s) and the
 * DELETING durations are assumptions.
 */
import type { ServiceContext } from '../core/service.ts';
import { anything, arrayOf, object, oneOf, optional, recordOf, seconds, string, time } from '../core/shape.ts';
import type { Check } from '../core/shape.ts';
import type { Json, StateSlot } from '../core/state.ts';

/** The ConnectorStatusReason enum of the PCA Connector AD model. */
export const CONNECTOR_STATUS_REASONS = [
  'CA_CERTIFICATE_REGISTRATION_FAILED', 'DIRECTORY_ACCESS_DENIED', 'INTERNAL_FAILURE', 'INSUFFICIENT_FREE_ADDRESSES',
  'INVALID_SUBNET_IP_PROTOCOL', 'PRIVATECA_ACCESS_DENIED', 'PRIVATECA_RESOURCE_NOT_FOUND', 'SECURITY_GROUP_NOT_IN_VPC',
  'VPC_ACCESS_DENIED', 'VPC_ENDPOINT_LIMIT_EXCEEDED', 'VPC_RESOURCE_NOT_FOUND',
];
/** The DirectoryRegistrationStatusReason enum of the PCA Connector AD model. */
export const REGISTRATION_STATUS_REASONS = [
  'DIRECTORY_ACCESS_DENIED', 'DIRECTORY_RESOURCE_NOT_FOUND', 'DIRECTORY_NOT_ACTIVE', 'DIRECTORY_NOT_REACHABLE',
  'DIRECTORY_TYPE_NOT_SUPPORTED', 'INTERNAL_FAILURE',
];
/** The ServicePrincipalNameStatusReason enum of the PCA Connector AD model. */
export const SPN_STATUS_REASONS = [
  'DIRECTORY_ACCESS_DENIED', 'DIRECTORY_NOT_REACHABLE', 'DIRECTORY_RESOURCE_NOT_FOUND', 'SPN_EXISTS_ON_DIFFERENT_AD_OBJECT',
  'SPN_LIMIT_EXCEEDED', 'INTERNAL_FAILURE',
];

export type ConnectorStatusReason =
  | 'CA_CERTIFICATE_REGISTRATION_FAILED' | 'DIRECTORY_ACCESS_DENIED' | 'INTERNAL_FAILURE' | 'INSUFFICIENT_FREE_ADDRESSES'
  | 'INVALID_SUBNET_IP_PROTOCOL' | 'PRIVATECA_ACCESS_DENIED' | 'PRIVATECA_RESOURCE_NOT_FOUND' | 'SECURITY_GROUP_NOT_IN_VPC'
  | 'VPC_ACCESS_DENIED' | 'VPC_ENDPOINT_LIMIT_EXCEEDED' | 'VPC_RESOURCE_NOT_FOUND';
export type RegistrationStatusReason =
  | 'DIRECTORY_ACCESS_DENIED' | 'DIRECTORY_RESOURCE_NOT_FOUND' | 'DIRECTORY_NOT_ACTIVE' | 'DIRECTORY_NOT_REACHABLE'
  | 'DIRECTORY_TYPE_NOT_SUPPORTED' | 'INTERNAL_FAILURE';
export type SpnStatusReason =
  | 'DIRECTORY_ACCESS_DENIED' | 'DIRECTORY_NOT_REACHABLE' | 'DIRECTORY_RESOURCE_NOT_FOUND' | 'SPN_EXISTS_ON_DIFFERENT_AD_OBJECT'
  | 'SPN_LIMIT_EXCEEDED' | 'INTERNAL_FAILURE';

export interface ConnectorOutcome {
  statusReason: ConnectorStatusReason;
  /** Seconds after creation when it turns FAILED (default: the connector's active-after time). */
  afterSeconds?: number;
}

/** A lifecycle that ends FAILED: the reason and when (seconds after creation). */
export interface FailedOutcome<R extends string> {
  statusReason: R;
  afterSeconds: number;
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

export interface RegistrationRecord {
  Arn: string;
  DirectoryId: string;
  Tags: Record<string, string>;
  createdAtMs: number;
  activeAfterSeconds: number;
  outcome?: FailedOutcome<RegistrationStatusReason>;
  /** When DeleteDirectoryRegistration was accepted. */
  deletedAtMs?: number;
}
export interface SpnRecord {
  DirectoryRegistrationArn: string;
  ConnectorArn: string;
  createdAtMs: number;
  activeAfterSeconds: number;
  outcome?: FailedOutcome<SpnStatusReason>;
  /** When DeleteServicePrincipalName was accepted. */
  deletedAtMs?: number;
}
export interface TemplateRecord {
  Arn: string;
  ConnectorArn: string;
  Name: string;
  Definition: Json;
  Tags: Record<string, string>;
  ObjectIdentifier: string;
  createdAtMs: number;
  /** UpdateTemplate raises the minor revision, or with ReenrollAllCertificateHolders the major one. */
  revision?: { MajorRevision: number; MinorRevision: number };
  updatedAtMs?: number;
  /** When DeleteTemplate was accepted. */
  deletedAtMs?: number;
}
export interface AceRecord {
  TemplateArn: string;
  GroupSecurityIdentifier: string;
  GroupDisplayName: string;
  AccessRights: Json;
  createdAtMs: number;
  updatedAtMs?: number;
}
/** Idempotency tokens of the creates other than CreateConnector: same token + other request = ConflictException. */
export interface TokenRecord {
  op: string;
  token: string;
  fingerprint: string;
  result: Json;
}
export interface ConnectorAdState {
  registrations: RegistrationRecord[];
  servicePrincipalNames: SpnRecord[];
  templates: TemplateRecord[];
  accessControlEntries: AceRecord[];
  tokens: TokenRecord[];
}

/**
 * Seconds a deleted resource stays `DELETING` before it is gone. AWS documents no figures (templates have a DELETING
 * status in the model and DeleteTemplate answers 202, so their deletion is asynchronous too).
 */
export const DELETE_SECONDS = { connector: 30, directoryRegistration: 30, servicePrincipalName: 15, template: 10 };

export const CONNECTORS: StateSlot<ConnectorRecord[]> = {
  name: 'connectors',
  fresh: () => [],
  load: (snapshot) => (snapshot['connectors'] as ConnectorRecord[] | undefined) ?? [],
  save: (connectors) => ({ connectors }),
  check: object({
    connectors: arrayOf(object({
      Arn: string,
      DirectoryId: string,
      CertificateAuthorityArn: string,
      VpcInformation: object({ IpAddressType: optional(string), SecurityGroupIds: arrayOf(string) }),
      Tags: recordOf(string),
      CertificateEnrollmentPolicyServerEndpoint: string,
      createdAtMs: time,
      activeAfterSeconds: seconds,
      outcome: optional(object({ statusReason: oneOf(CONNECTOR_STATUS_REASONS), afterSeconds: seconds })),
      deletedAtMs: optional(time),
    })),
  }),
};

export const CLIENT_TOKENS: StateSlot<ClientTokenRecord[]> = {
  name: 'connector client tokens',
  fresh: () => [],
  load: (snapshot) => (snapshot['clientTokens'] as ClientTokenRecord[] | undefined) ?? [],
  save: (clientTokens) => ({ clientTokens }),
  check: object({ clientTokens: arrayOf(object({ token: string, connectorArn: string, fingerprint: string })) }),
};

const failedOutcome = (reasons: readonly string[]): Check => optional(object({ statusReason: oneOf(reasons), afterSeconds: seconds }));

export const CONNECTOR_AD_RESOURCES: StateSlot<ConnectorAdState> = {
  name: 'connector for AD resources',
  fresh: () => ({ registrations: [], servicePrincipalNames: [], templates: [], accessControlEntries: [], tokens: [] }),
  load: (snapshot) => {
    const saved = (snapshot['connectorAd'] ?? {}) as Partial<ConnectorAdState>;
    return {
      registrations: saved.registrations ?? [],
      servicePrincipalNames: saved.servicePrincipalNames ?? [],
      templates: saved.templates ?? [],
      accessControlEntries: saved.accessControlEntries ?? [],
      tokens: saved.tokens ?? [],
    };
  },
  save: (state) => ({ connectorAd: { ...state } }),
  // Older snapshots lack `connectorAd` or some of its lists.
  check: object({
    connectorAd: optional(object({
      registrations: optional(arrayOf(object({
        Arn: string, DirectoryId: string, Tags: recordOf(string), createdAtMs: time, activeAfterSeconds: seconds,
        outcome: failedOutcome(REGISTRATION_STATUS_REASONS), deletedAtMs: optional(time),
      }))),
      servicePrincipalNames: optional(arrayOf(object({
        DirectoryRegistrationArn: string, ConnectorArn: string, createdAtMs: time, activeAfterSeconds: seconds,
        outcome: failedOutcome(SPN_STATUS_REASONS), deletedAtMs: optional(time),
      }))),
      templates: optional(arrayOf(object({
        Arn: string, ConnectorArn: string, Name: string, Definition: recordOf(anything), Tags: recordOf(string),
        ObjectIdentifier: string, createdAtMs: time, deletedAtMs: optional(time),
      }))),
      accessControlEntries: optional(arrayOf(object({
        TemplateArn: string, GroupSecurityIdentifier: string, GroupDisplayName: string, AccessRights: recordOf(anything), createdAtMs: time,
      }))),
      tokens: optional(arrayOf(object({ op: string, token: string, fingerprint: string, result: recordOf(anything) }))),
    })),
  }),
};

/** Lifecycle settings (CLI flags --connector-active-after, --registration-active-after etc.). */
export interface ConnectorAdSettings {
  connectorActiveAfterSeconds: number;
  registrationActiveAfterSeconds: number;
  spnActiveAfterSeconds: number;
  /**
   * Seconds Directory Service still counts a directory registration as an authorized application once it is gone
   * (default 0). AWS: DeleteDirectory refused for authorized applications, "wait 30 to 60 minutes before trying again".
   */
  deauthorizationSeconds: number;
  /** Every connector created while set lands in FAILED with this StatusReason instead of ACTIVE. */
  connectorOutcome?: ConnectorOutcome;
  /** Every registration / SPN created while set ends FAILED with this reason. */
  registrationOutcome?: FailedOutcome<RegistrationStatusReason>;
  spnOutcome?: FailedOutcome<SpnStatusReason>;
}

export const CONNECTOR_AD_SETTINGS: StateSlot<ConnectorAdSettings> = {
  name: 'connector for AD settings',
  fresh: () => ({ connectorActiveAfterSeconds: 120, registrationActiveAfterSeconds: 60, spnActiveAfterSeconds: 30, deauthorizationSeconds: 0 }),
};

interface Status {
  status: string;
  reason?: string;
  sinceMs: number;
}

/** Status of a connector at `nowMs`; undefined once a deleted connector is gone. */
export function connectorStatus(c: ConnectorRecord, nowMs: number): Status | undefined {
  if (c.deletedAtMs !== undefined) {
    return nowMs < c.deletedAtMs + DELETE_SECONDS.connector * 1000 ? { status: 'DELETING', sinceMs: c.deletedAtMs } : undefined;
  }
  if (c.outcome) {
    const at = c.createdAtMs + c.outcome.afterSeconds * 1000;
    return nowMs >= at ? { status: 'FAILED', reason: c.outcome.statusReason, sinceMs: at } : { status: 'CREATING', sinceMs: c.createdAtMs };
  }
  const at = c.createdAtMs + c.activeAfterSeconds * 1000;
  return nowMs >= at ? { status: 'ACTIVE', sinceMs: at } : { status: 'CREATING', sinceMs: c.createdAtMs };
}

/** When the creation lifecycle ends (epoch ms): ACTIVE, or FAILED with the outcome's reason. */
export function connectorSettledAtMs(c: ConnectorRecord): number {
  return c.createdAtMs + (c.outcome ? c.outcome.afterSeconds : c.activeAfterSeconds) * 1000;
}

/** Connectors not yet gone (DELETING included). */
export function existingConnectors(ctx: ServiceContext): ConnectorRecord[] {
  return ctx.state.get(CONNECTORS).filter((c) => connectorStatus(c, ctx.clock.now()) !== undefined);
}

interface Lifecycle {
  createdAtMs: number;
  activeAfterSeconds: number;
  outcome?: FailedOutcome<string>;
}
/** CREATING until the lifecycle ends, then ACTIVE or FAILED with the outcome's reason. */
export function lifecycleStatus(r: Lifecycle, nowMs: number): Status {
  const at = settledAtMs(r);
  if (nowMs < at) return { status: 'CREATING', sinceMs: r.createdAtMs };
  return r.outcome ? { status: 'FAILED', reason: r.outcome.statusReason, sinceMs: at } : { status: 'ACTIVE', sinceMs: at };
}
export const settledAtMs = (r: Lifecycle): number => r.createdAtMs + (r.outcome ? r.outcome.afterSeconds : r.activeAfterSeconds) * 1000;

/** DELETING from the delete until `deleteSeconds` later, then undefined (gone); before the delete, `before()`. */
function withDeletion(r: { deletedAtMs?: number }, nowMs: number, deleteSeconds: number, before: () => Status): Status | undefined {
  if (r.deletedAtMs === undefined) return before();
  return nowMs < r.deletedAtMs + deleteSeconds * 1000 ? { status: 'DELETING', sinceMs: r.deletedAtMs } : undefined;
}
export const registrationStatus = (r: RegistrationRecord, nowMs: number): Status | undefined =>
  withDeletion(r, nowMs, DELETE_SECONDS.directoryRegistration, () => lifecycleStatus(r, nowMs));
export const spnStatus = (s: SpnRecord, nowMs: number): Status | undefined =>
  withDeletion(s, nowMs, DELETE_SECONDS.servicePrincipalName, () => lifecycleStatus(s, nowMs));
/** Templates are ACTIVE from CreateTemplate (200) on: the model's TemplateStatus has no CREATING. */
export const templateStatus = (t: TemplateRecord, nowMs: number): Status | undefined =>
  withDeletion(t, nowMs, DELETE_SECONDS.template, () => ({ status: 'ACTIVE', sinceMs: t.createdAtMs }));

/**
 * The registrations Directory Service counts as authorized applications of a directory: those not yet gone, and those
 * gone less than `deauthorizationSeconds` ago.
 */
export const authorizedRegistrations = (ctx: ServiceContext, directoryId: string): RegistrationRecord[] => {
  const lingerMs = ctx.state.get(CONNECTOR_AD_SETTINGS).deauthorizationSeconds * 1000;
  const now = ctx.clock.now();
  return ctx.state.get(CONNECTOR_AD_RESOURCES).registrations.filter(
    (r) => r.DirectoryId === directoryId && (r.deletedAtMs === undefined || now < r.deletedAtMs + DELETE_SECONDS.directoryRegistration * 1000 + lingerMs),
  );
};

/** Registrations, SPNs and templates not yet gone (DELETING included). */
export const liveRegistrations = (ctx: ServiceContext): RegistrationRecord[] =>
  ctx.state.get(CONNECTOR_AD_RESOURCES).registrations.filter((r) => registrationStatus(r, ctx.clock.now()) !== undefined);
export const liveSpns = (ctx: ServiceContext): SpnRecord[] =>
  ctx.state.get(CONNECTOR_AD_RESOURCES).servicePrincipalNames.filter((s) => spnStatus(s, ctx.clock.now()) !== undefined);
export const liveTemplates = (ctx: ServiceContext): TemplateRecord[] =>
  ctx.state.get(CONNECTOR_AD_RESOURCES).templates.filter((t) => templateStatus(t, ctx.clock.now()) !== undefined);
