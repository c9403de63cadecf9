/**
 * The Lambda handler of every Task state, by state name. The local engine binds these by name; serverless.yml points
 * each function at the `handler` export of the same files.
 */
import type { Context } from 'aws-lambda';
import type { TaskStateName } from '../workflow/catalog.ts';
import { handler as acquireChangeLease } from './acquire-change-lease.ts';
import { handler as createConnector } from './create-connector.ts';
import { handler as createDirectory } from './create-directory.ts';
import { handler as createDirectoryRegistration } from './create-directory-registration.ts';
import { handler as createServicePrincipalName } from './create-service-principal-name.ts';
import { handler as createTemplates } from './create-templates.ts';
import { handler as enableDirectoryDataAccess } from './enable-directory-data-access.ts';
import { handler as getConnectorStatus } from './get-connector-status.ts';
import { handler as getDirectoryDataAccessStatus } from './get-directory-data-access-status.ts';
import { handler as getDirectoryRegistrationStatus } from './get-directory-registration-status.ts';
import { handler as getDirectoryStage } from './get-directory-stage.ts';
import { handler as getServicePrincipalNameStatus } from './get-service-principal-name-status.ts';
import { handler as planChanges } from './plan-changes.ts';
import { handler as recordProvisioning } from './record-provisioning.ts';
import { handler as resolveGroups } from './resolve-groups.ts';
import { handler as shareCertificateAuthority } from './share-certificate-authority.ts';
import { handler as validateRequest } from './validate-request.ts';

export const TASK_HANDLERS: Record<TaskStateName, (event: unknown, context: Context) => Promise<unknown>> = {
  ValidateRequest: validateRequest,
  AcquireChangeLease: acquireChangeLease,
  PlanChanges: planChanges,
  CreateDirectory: createDirectory,
  GetDirectoryStage: getDirectoryStage,
  EnableDirectoryDataAccess: enableDirectoryDataAccess,
  GetDirectoryDataAccessStatus: getDirectoryDataAccessStatus,
  ResolveGroups: resolveGroups,
  ShareCertificateAuthority: shareCertificateAuthority,
  CreateDirectoryRegistration: createDirectoryRegistration,
  GetDirectoryRegistrationStatus: getDirectoryRegistrationStatus,
  CreateConnector: createConnector,
  GetConnectorStatus: getConnectorStatus,
  CreateServicePrincipalName: createServicePrincipalName,
  GetServicePrincipalNameStatus: getServicePrincipalNameStatus,
  CreateTemplates: createTemplates,
  RecordProvisioning: recordProvisioning,
};
