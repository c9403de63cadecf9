/**
 * What the change lease Tasks (AcquireChangeLease, AcquireTeardownLease) and the record Tasks (RecordProvisioning,
 * RecordTeardown) of both machines do; each Task's handler file binds its machine and its dependencies.
 *
 * Take: the directory's change lease (src/domain/change-lease.ts), then this execution in the provisioning record as
 * RUNNING (src/persistence/provisioning-records.ts). Record: how the execution ended into its record entry (and the
 * record, when it is the current execution), then the lease released. An execution that ended before taking the
 * lease (rejected, or refused as a concurrent change) writes nothing: it is in no record and holds no lease.
 *
 * The dependencies are built per Task (acquireDeps, recordDeps), so each function's bundle, and so its IAM, holds only
 * the calls it makes.
 */
import type { AcquireChangeLeaseInput, ChangeLeaseState, RecordChangeInput, RecordChangeResult } from '../contract.ts';
import { dynamoDb } from '../aws/clients.ts';
import { executionStatusOf } from '../aws/execution-status.ts';
import type { DirectoryIdentity } from '../domain/directory-lease.ts';
import { identityOf, outcomeOfState } from '../domain/provisioning-record.ts';
import type { ExecutionOutcome } from '../domain/provisioning-record.ts';
import { now } from '../lib/clock.ts';
import { coordinationTableName, recordsTableName } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { acquireChangeLease, releaseChangeLease } from '../persistence/change-lease-store.ts';
import type { Acquired, LeaseTable } from '../persistence/change-lease-store.ts';
import { finishExecution, registerExecution } from '../persistence/provisioning-records.ts';
import type { Finished, Registered, Registration, RecordsTable } from '../persistence/provisioning-records.ts';
import type { MachineName } from '../workflow/catalog.ts';

export const coordinationTable = (): LeaseTable => ({ client: dynamoDb(), tableName: coordinationTableName() });
export const recordsTable = (): RecordsTable => ({ client: dynamoDb(), tableName: recordsTableName() });

export interface AcquireDeps {
  acquire: (identity: DirectoryIdentity, owner: string, now: Date) => Promise<Acquired>;
  register: (r: Registration) => Promise<Registered | undefined>;
  now: () => Date;
}

export interface RecordDeps {
  finish: (identity: DirectoryIdentity, executionArn: string, outcome: ExecutionOutcome, now: Date, fromStatusEvent?: boolean) => Promise<Finished>;
  release: (identity: DirectoryIdentity, owner: string) => Promise<boolean>;
  now: () => Date;
}

export const acquireDeps = (): AcquireDeps => ({
  acquire: (identity, owner, at) => acquireChangeLease(coordinationTable(), executionStatusOf, identity, owner, at),
  register: (r) => registerExecution(recordsTable(), r),
  now,
});

export const recordDeps = (): RecordDeps => ({
  finish: (identity, executionArn, outcome, at, fromStatusEvent) => finishExecution(recordsTable(), identity, executionArn, outcome, at, fromStatusEvent),
  release: (identity, owner) => releaseChangeLease(coordinationTable(), identity, owner),
  now,
});

/** The identity of a request the step before checked (so it names one). */
const checkedIdentity = (request: unknown): DirectoryIdentity => {
  const identity = identityOf(request);
  // Unreachable after ValidateRequest / DiscoverResources: an error without a catalog row, so the execution fails here.
  if (!identity) throw new Error('the execution input names no directory (Directory.Name, Directory.VpcSettings.VpcId)');
  return identity;
};

/** AcquireChangeLease / AcquireTeardownLease. */
export const changeLeaseCoreFor =
  (machine: MachineName) =>
  async (input: AcquireChangeLeaseInput, deps: AcquireDeps): Promise<ChangeLeaseState> => {
    const identity = checkedIdentity(input.Request);
    const taken = await deps.acquire(identity, input.ExecutionId, deps.now());
    const at = deps.now();
    const registered = await deps.register({
      identity,
      executionArn: input.ExecutionId,
      machine,
      request: input.Request,
      startDate: at.toISOString(),
      now: at,
    });
    return {
      ProvisioningId: registered?.provisioningId ?? null,
      Kind: registered?.kind ?? null,
      TakenOverFrom: taken.takenOver?.executionArn ?? null,
    };
  };

/** RecordProvisioning / RecordTeardown: the record first (while the lease still keeps others out), then the lease. */
export const recordChangeCore = async (input: RecordChangeInput, deps: RecordDeps): Promise<RecordChangeResult> => {
  const identity = identityOf(input.Request);
  if (!identity) return { Recorded: false, ProvisioningId: null, LeaseReleased: false };
  const at = deps.now();
  const finished = await deps.finish(identity, input.ExecutionId, outcomeOfState(input.State, at.toISOString()), at);
  const released = await deps.release(identity, input.ExecutionId);
  if (!finished.recorded) logger.info('Execution not in a provisioning record (it ended before taking the change lease)');
  return { Recorded: finished.recorded, ProvisioningId: finished.provisioningId ?? null, LeaseReleased: released };
};
