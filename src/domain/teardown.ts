/**
 * The teardown's decisions (pure): what the request designates, which of it this tool owns, and what one poll of a
 * deletion does. The handlers (src/handlers/discover-resources.ts, delete-*.ts) gather the facts and make the calls.
 *
 * Ownership: a resource is this tool's when it carries `ad-cert-orchestrator:managed-by = ad-cert-orchestrator`,
 * the tag every create of this tool sets (src/domain/tags.ts). The link to THIS request is the discovery itself
 * (directory by Name + VPC, every connector of that directory, the request's password secret); the
 * execution tag is kept for the audit trail only, so a teardown needs no provisioning execution ARN and also cleans
 * up after a failed or rerun provisioning.
 */
import type { KeptResource, ProvisioningRequest, ResourceRef, TeardownPlan } from '../contract.ts';
import { EXECUTION_TAG_KEY, MANAGED_BY_TAG_KEY, MANAGED_BY_TAG_VALUE, isExistingDirectory } from '../contract.ts';
import { isOwned } from './tags.ts';
import { CONNECTOR_PENDING, DIRECTORY_PENDING } from '../workflow/stages.ts';
import {
  ConnectorDeletionPendingError,
  ConnectorDeletionTimeoutError,
  DirectoryDeletionPendingError,
  DirectoryDeletionTimeoutError,
  DirectoryHasAuthorizedApplicationsError,
} from './teardown-errors.ts';
import { InvalidRequestError } from './errors.ts';
import { isPlainObject, kindOf } from './spec.ts';
import { validateRequest } from './validate.ts';
import type { ValidationScope } from './validate.ts';

/* ---------------- the request ---------------- */

/**
 * The teardown request: the provisioning request (checked by the same rules, so a request that could not have
 * provisioned anything is refused) plus an optional boolean `Force`.
 */
export const parseTeardownRequest = (input: unknown, scope?: ValidationScope): { request: ProvisioningRequest; force: boolean } => {
  if (!isPlainObject(input)) throw new InvalidRequestError([{ path: '(request)', message: `must be an object (got ${kindOf(input)})` }], 'teardown');
  const { Force, ...rest } = input;
  const violations = [];
  if (Force !== undefined && typeof Force !== 'boolean') violations.push({ path: 'Force', message: `must be true or false (got ${kindOf(Force)})` });
  const outcome = validateRequest(rest, scope);
  violations.push(...outcome.violations);
  if (violations.length > 0 || !outcome.request) throw new InvalidRequestError(violations, 'teardown');
  return { request: outcome.request, force: Force === true };
};

/* ---------------- ownership and the plan ---------------- */


/** Why a directory the request names by DirectoryId stays, Force or not. */
export const GIVEN_DIRECTORY = 'named by DirectoryId in the request: an existing directory is never deleted by the teardown, even with Force';

const NOT_OWNED = `not tagged ${MANAGED_BY_TAG_KEY}=${MANAGED_BY_TAG_VALUE} (created by someone else); start the teardown with "Force": true to delete it anyway`;

export interface FoundDirectory {
  DirectoryId: string;
  Tags: Record<string, string>;
}
export interface FoundConnector {
  Arn: string;
  DirectoryId: string;
  Tags: Record<string, string>;
}
export interface FoundRegistration {
  Arn: string;
  DirectoryId: string;
  Tags: Record<string, string>;
}
/** What hangs on a connector and goes before it: its templates and its service principal names. */
export interface FoundConnectorParts {
  ConnectorArn: string;
  Templates: string[];
  /** The registrations it has a service principal name in. */
  SpnRegistrations: string[];
}
export interface FoundSecret {
  Arn: string;
  Tags: Record<string, string>;
  /** Already scheduled for deletion. */
  Deleted: boolean;
}
export interface TeardownFacts {
  request: ProvisioningRequest;
  force: boolean;
  /** Directories with the request's Name (any case) in its VPC, or the one of its DirectoryId; not Deleted. */
  directories: FoundDirectory[];
  /** Every connector of those directories (whichever CA), not gone. */
  connectors: FoundConnector[];
  /** Directory registrations of those directories, not gone. */
  registrations: FoundRegistration[];
  /** Templates and SPNs of those connectors. */
  connectorParts: FoundConnectorParts[];
  /** The request's password secret; undefined when it does not exist. */
  secret: FoundSecret | undefined;
  now: Date;
  connectorTimeoutSeconds: number;
  directoryTimeoutSeconds: number;
}

const later = (now: Date, seconds: number): string => new Date(now.getTime() + seconds * 1000).toISOString();

/** Who created what, from the tags: the resources to delete, those kept (and why), and those already gone. */
export const planTeardown = (f: TeardownFacts): TeardownPlan => {
  const d = f.request.Directory;
  const kept: KeptResource[] = [];
  const gone: ResourceRef[] = [];
  const mayDelete = (tags: Record<string, string>): boolean => f.force || isOwned(tags);

  // An SPN is authorized on its registration: in a registration this tool may not delete, it cannot be deleted, so
  // neither can its connector.
  const foreignRegistrations = new Set(f.registrations.filter((r) => !mayDelete(r.Tags)).map((r) => r.Arn));
  const connectors: string[] = [];
  for (const c of f.connectors) {
    const spnIn = f.connectorParts.find((p) => p.ConnectorArn === c.Arn)?.SpnRegistrations.find((r) => foreignRegistrations.has(r));
    if (!mayDelete(c.Tags)) kept.push({ Resource: 'connector', Id: c.Arn, Reason: NOT_OWNED });
    else if (spnIn) kept.push({ Resource: 'connector', Id: c.Arn, Reason: `its service principal name is in registration ${spnIn}, which is not this tool's` });
    else connectors.push(c.Arn);
  }
  if (f.connectors.length === 0 && f.request.Connector) {
    gone.push({ Resource: 'connector', Id: `for ${f.request.Connector.CertificateAuthorityArn}` });
  }

  // A connector's templates and SPNs cannot outlive it: they go with every connector that is deleted.
  const parts = f.connectorParts.filter((p) => connectors.includes(p.ConnectorArn));
  const templates = parts.flatMap((p) => p.Templates);
  const spns = parts.flatMap((p) => p.SpnRegistrations.map((r) => ({ DirectoryRegistrationArn: r, ConnectorArn: p.ConnectorArn })));

  const directories: string[] = [];
  const registrations: string[] = [];
  if (isExistingDirectory(d)) {
    // The directory stays; a registration of this tool goes unless a connector that stays still uses it.
    for (const dir of f.directories) {
      kept.push({ Resource: 'directory', Id: dir.DirectoryId, Reason: GIVEN_DIRECTORY });
      const foreignConnector = kept.find((k) => k.Resource === 'connector' && f.connectors.some((c) => c.Arn === k.Id && c.DirectoryId === dir.DirectoryId));
      for (const r of f.registrations.filter((x) => x.DirectoryId === dir.DirectoryId)) {
        if (!mayDelete(r.Tags)) kept.push({ Resource: 'directory-registration', Id: r.Arn, Reason: NOT_OWNED });
        else if (foreignConnector) kept.push({ Resource: 'directory-registration', Id: r.Arn, Reason: `connector ${foreignConnector.Id}, which is kept, uses it` });
        else registrations.push(r.Arn);
      }
    }
    if (f.directories.length === 0) gone.push({ Resource: 'directory', Id: d.DirectoryId });
    return planOf(f, { templates, spns, connectors, registrations, directories, secret: null, kept, gone });
  }
  for (const dir of f.directories) {
    const foreignConnector = kept.find((k) => k.Resource === 'connector' && f.connectors.some((c) => c.Arn === k.Id && c.DirectoryId === dir.DirectoryId));
    const regs = f.registrations.filter((r) => r.DirectoryId === dir.DirectoryId);
    const foreignRegistration = regs.find((r) => !mayDelete(r.Tags));
    if (!mayDelete(dir.Tags)) kept.push({ Resource: 'directory', Id: dir.DirectoryId, Reason: NOT_OWNED });
    else if (foreignConnector) kept.push({ Resource: 'directory', Id: dir.DirectoryId, Reason: `connector ${foreignConnector.Id}, which is kept, uses it` });
    else if (foreignRegistration) {
      kept.push({ Resource: 'directory-registration', Id: foreignRegistration.Arn, Reason: NOT_OWNED });
      kept.push({ Resource: 'directory', Id: dir.DirectoryId, Reason: `it is registered with Connector for AD by ${foreignRegistration.Arn}, which is kept` });
      continue;
    } else directories.push(dir.DirectoryId);
    // The registration authorizes Connector for AD in the directory: it goes with the directory, and stays with it.
    for (const r of regs) {
      if (directories.includes(dir.DirectoryId)) registrations.push(r.Arn);
      else kept.push({ Resource: 'directory-registration', Id: r.Arn, Reason: `its directory ${dir.DirectoryId} is kept` });
    }
  }
  if (f.directories.length === 0) gone.push({ Resource: 'directory', Id: `${d.Name} in ${d.VpcSettings.VpcId}` });

  // The password secret: only one POST /provisionings stored (it carries the ownership tag); Force does not widen
  // this, a user's own secret is never deleted. Kept while a directory it is the admin password of stays.
  let secret: string | null = null;
  if (!f.secret || f.secret.Deleted) gone.push({ Resource: 'password-secret', Id: d.PasswordSecretId });
  else if (!isOwned(f.secret.Tags)) kept.push({ Resource: 'password-secret', Id: f.secret.Arn, Reason: 'not stored by POST /provisionings (a secret of your own is never deleted)' });
  else if (kept.some((k) => k.Resource === 'directory')) kept.push({ Resource: 'password-secret', Id: f.secret.Arn, Reason: 'the directory it is the admin password of is kept' });
  else secret = f.secret.Arn;

  return planOf(f, { templates, spns, connectors, registrations, directories, secret, kept, gone });
};

interface Decisions {
  templates: string[];
  spns: TeardownPlan['ServicePrincipalNames'];
  connectors: string[];
  registrations: string[];
  directories: string[];
  secret: string | null;
  kept: KeptResource[];
  gone: ResourceRef[];
}

const planOf = (f: TeardownFacts, x: Decisions): TeardownPlan => ({
  Force: f.force,
  Templates: x.templates,
  ServicePrincipalNames: x.spns,
  Connectors: x.connectors,
  Registrations: x.registrations,
  Directories: x.directories,
  PasswordSecret: x.secret,
  Kept: x.kept,
  AlreadyGone: x.gone,
  Deleted: [],
  ConnectorDeadline: later(f.now, f.connectorTimeoutSeconds),
  DirectoryDeadline: later(f.now, f.connectorTimeoutSeconds + f.directoryTimeoutSeconds),
});

/** The execution that created a resource, from its tags (for the log; never a decision). */
export const creatorOf = (tags: Readonly<Record<string, string>>): string | undefined => tags[EXECUTION_TAG_KEY];

/* ---------------- one poll of a deletion ---------------- */

export type DeletionStep = 'gone' | 'wait' | 'delete';

/** A connector's status (undefined: not found) -> what to do. CREATING is waited for: it cannot be deleted yet. */
export const connectorDeletionStep = (status: string | undefined): DeletionStep =>
  status === undefined ? 'gone' : status === 'DELETING' || CONNECTOR_PENDING.includes(status) ? 'wait' : 'delete';

/**
 * A registration's, SPN's or template's status (undefined: not found) -> what to do: CREATING is waited for, DELETING
 * is waited out.
 */
export const partDeletionStep = (status: string | undefined): DeletionStep =>
  status === undefined ? 'gone' : status === 'DELETING' || status === 'CREATING' ? 'wait' : 'delete';

/**
 * A directory's stage (undefined: not found) -> what to do. A directory still being created is waited for, unless
 * Force: then it is deleted at once (one that never leaves creation can be torn down).
 */
export const directoryDeletionStep = (stage: string | undefined, force = false): DeletionStep =>
  stage === undefined || stage === 'Deleted' ? 'gone'
    : stage === 'Deleting' ? 'wait'
      : DIRECTORY_PENDING.includes(stage) ? (force ? 'delete' : 'wait')
        : 'delete';

/** After one poll: the plan with the deletions recorded when nothing is pending; throws pending or timeout otherwise. */
export const afterDeletionPoll = (
  plan: TeardownPlan,
  resource: 'connector' | 'directory',
  pending: readonly string[],
  now: Date,
): TeardownPlan => {
  const deleted: ResourceRef[] =
    resource === 'connector'
      ? [
          ...plan.Templates.map((Id) => ({ Resource: 'template' as const, Id })),
          ...plan.ServicePrincipalNames.map((s) => ({ Resource: 'service-principal-name' as const, Id: `${s.ConnectorArn} in ${s.DirectoryRegistrationArn}` })),
          ...plan.Connectors.map((Id) => ({ Resource: 'connector' as const, Id })),
        ]
      : [
          ...plan.Registrations.map((Id) => ({ Resource: 'directory-registration' as const, Id })),
          ...plan.Directories.map((Id) => ({ Resource: 'directory' as const, Id })),
        ];
  const deadline = resource === 'connector' ? plan.ConnectorDeadline : plan.DirectoryDeadline;
  if (pending.length === 0) return { ...plan, Deleted: [...plan.Deleted, ...deleted] };
  const what = pending.join('; ');
  if (now.getTime() >= Date.parse(deadline)) {
    const message = `still not gone past the deletion deadline ${deadline}: ${what}`;
    throw resource === 'connector' ? new ConnectorDeletionTimeoutError(message) : new DirectoryDeletionTimeoutError(message);
  }
  const message = `waiting for the deletion (deadline ${deadline}): ${what}`;
  throw resource === 'connector' ? new ConnectorDeletionPendingError(message) : new DirectoryDeletionPendingError(message);
};

/** DeleteDirectory's refusal while applications (Connector for AD's registration) are still authorized. */
export const AUTHORIZED_APPLICATIONS_MESSAGE = /authorized applications/i;

export const classifyDeleteDirectoryError = (error: unknown): unknown => {
  if (error instanceof Error && error.name === 'ClientException' && AUTHORIZED_APPLICATIONS_MESSAGE.test(error.message)) {
    const renamed = new DirectoryHasAuthorizedApplicationsError(error.message);
    renamed.cause = error;
    return renamed;
  }
  return error;
};
