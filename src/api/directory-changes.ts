/**
 * What the API reads before it starts a change of a directory (POST, PUT, DELETE on /provisionings): the provisioning
 * record (src/persistence/provisioning-records.ts, read first: it outlives the executions' history) and the directory's
 * change lease (src/persistence/change-lease-store.ts): while another execution holds it and runs, a new change is
 * refused with 409 naming that execution. The workflow refuses the same race by itself (ConcurrentChangeError), so
 * a start the API lets through in the moment between two changes is still safe.
 */
import { dynamoDb } from '../aws/clients.ts';
import { executionStatusOf } from '../aws/execution-status.ts';
import type { DirectoryIdentity } from '../domain/directory-lease.ts';
import { executionNameOf } from '../domain/execution-names.ts';
import type { ProvisioningRecord } from '../domain/provisioning-record.ts';
import { coordinationTableName, recordsTableName } from '../lib/config.ts';
import { runningLeaseHolder } from '../persistence/change-lease-store.ts';
import { getRecord } from '../persistence/provisioning-records.ts';
import { HttpProblem } from './http.ts';

/** The record of a provisioning id, or undefined. */
export const readRecord = (provisioningId: string): Promise<ProvisioningRecord | undefined> =>
  getRecord({ client: dynamoDb(), tableName: recordsTableName() }, provisioningId);

/**
 * 409 when another execution is changing the directory (it holds the change lease and runs), naming it; undefined
 * when nothing else runs. `self`: an execution that is this request's own (a repeat), never a conflict.
 */
export const concurrentChange = async (identity: DirectoryIdentity, self?: string): Promise<HttpProblem | undefined> => {
  const holder = await runningLeaseHolder({ client: dynamoDb(), tableName: coordinationTableName() }, executionStatusOf, identity);
  if (!holder || holder.executionArn === self) return undefined;
  return new HttpProblem(409, {
    message:
      `Another change of directory ${identity.Name} in ${identity.VpcId} is running: ${holder.executionArn} (${holder.status ?? 'RUNNING'}). ` +
      'Wait until it ends (GET it, or npm run executions -- show), then send this again.',
    runningExecution: { executionArn: holder.executionArn, name: executionNameOf(holder.executionArn), status: holder.status },
  });
};
