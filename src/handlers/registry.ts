/**
 * The Lambda handler of every Task state, by state name. The local engine binds these by name; serverless.yml points
 * each function at the `handler` export of the same files.
 */
import type { Context } from 'aws-lambda';
import type { TaskStateName } from '../workflow/catalog.ts';
import { handler as createConnector } from './create-connector.ts';
import { handler as createDirectory } from './create-directory.ts';
import { handler as getConnectorStatus } from './get-connector-status.ts';
import { handler as getDirectoryStage } from './get-directory-stage.ts';
import { handler as shareCertificateAuthority } from './share-certificate-authority.ts';
import { handler as validateRequest } from './validate-request.ts';

export const TASK_HANDLERS: Record<TaskStateName, (event: unknown, context: Context) => Promise<unknown>> = {
  ValidateRequest: validateRequest,
  CreateDirectory: createDirectory,
  GetDirectoryStage: getDirectoryStage,
  ShareCertificateAuthority: shareCertificateAuthority,
  CreateConnector: createConnector,
  GetConnectorStatus: getConnectorStatus,
};
