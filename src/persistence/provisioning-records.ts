/**
 * Where the provisioning records are kept: their own DynamoDB table (ProvisioningRecordsTable in serverless.yml, key
 * `pk`, point-in-time recovery on, retained when the stack goes), not the coordination table, whose items are
 * short-lived. Two kinds of item (src/domain/provisioning-record.ts): the record (`provisioning#<id>`) and the index
 * from the directory's identity to it (`directory#<vpc>#<name>`).
 *
 * Every write is safe to repeat: the executions are a map keyed by execution name, so a retried write sets the same
 * entry again and never drops another execution's (each UpdateItem is atomic on its item); a registration keeps what
 * a first attempt wrote (`if_not_exists`); record-level fields are written only by the execution that last took the
 * directory's change lease (`currentExecution`), so a late write of an older execution cannot overwrite a newer one.
 * One function per use, so a function's bundle (and so its IAM) holds only the calls it makes.
 */
import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DirectoryIdentity } from '../domain/directory-lease.ts';
import { executionNameOf } from '../domain/execution-names.ts';
import {
  endedEntry,
  endedRecordFields,
  identityKey,
  joins,
  kindOf,
  recordKey,
  recordStatusAfter,
  recordedRequest,
  statusEventApplies,
} from '../domain/provisioning-record.ts';
import type { ExecutionKind, ExecutionOutcome, ProvisioningRecord, RecordedExecution } from '../domain/provisioning-record.ts';
import type { MachineName } from '../workflow/catalog.ts';
import { logger } from '../lib/logger.ts';

export interface Registration {
  identity: DirectoryIdentity;
  executionArn: string;
  machine: MachineName;
  /** The execution input (a provisioning's becomes the record's request). */
  request: unknown;
  startDate: string;
  now: Date;
}

export interface Registered {
  provisioningId: string;
  kind: ExecutionKind;
}

export interface Finished {
  /** false: the execution is not in the record (it ended before taking the change lease), or it was already written. */
  recorded: boolean;
  provisioningId?: string;
  kind?: ExecutionKind;
}

const isConditionFailure = (err: unknown): boolean => (err as Error).name === 'ConditionalCheckFailedException';

const toWire = (value: unknown): AttributeValue => marshall({ v: value }, { removeUndefinedValues: true })['v'] as AttributeValue;

/** One UpdateItem built from named assignments: `#a.#b = :vN` with generated placeholders. */
class Update {
  private readonly names: Record<string, string> = {};
  private readonly values: Record<string, AttributeValue> = {};
  private readonly sets: string[] = [];
  private readonly removes: string[] = [];
  private n = 0;

  /** A document path of attribute names, each through a placeholder (one per distinct name). */
  path(...segments: string[]): string {
    return segments
      .map((segment) => {
        const existing = Object.entries(this.names).find(([, v]) => v === segment)?.[0];
        if (existing) return existing;
        const key = `#n${Object.keys(this.names).length}`;
        this.names[key] = segment;
        return key;
      })
      .join('.');
  }

  value(v: unknown): string {
    const key = `:v${(this.n += 1)}`;
    this.values[key] = toWire(v);
    return key;
  }

  set(path: string, expression: string): this {
    this.sets.push(`${path} = ${expression}`);
    return this;
  }

  setValue(path: string, v: unknown): this {
    return this.set(path, this.value(v));
  }

  remove(path: string): this {
    this.removes.push(path);
    return this;
  }

  command(tableName: string, pk: string, condition?: string): UpdateItemCommand {
    const expression = [
      this.sets.length > 0 ? `SET ${this.sets.join(', ')}` : '',
      this.removes.length > 0 ? `REMOVE ${this.removes.join(', ')}` : '',
    ].filter(Boolean).join(' ');
    return new UpdateItemCommand({
      TableName: tableName,
      Key: { pk: { S: pk } },
      UpdateExpression: expression,
      ...(condition ? { ConditionExpression: condition } : {}),
      ExpressionAttributeNames: this.names,
      ...(Object.keys(this.values).length > 0 ? { ExpressionAttributeValues: this.values } : {}),
    });
  }
}

/** The records table, as the functions below reach it. */
export interface RecordsTable {
  client: DynamoDBClient;
  tableName: string;
}

const getItem = async (t: RecordsTable, pk: string): Promise<Record<string, unknown> | undefined> => {
  const res = await t.client.send(new GetItemCommand({ TableName: t.tableName, Key: { pk: { S: pk } }, ConsistentRead: true }));
  return res.Item ? unmarshall(res.Item) : undefined;
};

/** The record of a provisioning id. */
export const getRecord = async (t: RecordsTable, provisioningId: string): Promise<ProvisioningRecord | undefined> => {
  const item = await getItem(t, recordKey(provisioningId));
  if (!item || typeof item['provisioningId'] !== 'string') return undefined;
  const { pk: _pk, ...record } = item;
  return { executions: {}, ...record } as unknown as ProvisioningRecord;
};

/** The current record of a directory (what its index item points at). */
export const recordByIdentity = async (t: RecordsTable, identity: DirectoryIdentity): Promise<ProvisioningRecord | undefined> => {
  const index = await getItem(t, identityKey(identity));
  const id = index?.['provisioningId'];
  return typeof id === 'string' ? getRecord(t, id) : undefined;
};

/**
 * Lists a starting execution in its directory's record, as RUNNING: the record it joins (creating it, and pointing the
 * directory's index at it, for a new provisioning). Called under the directory's change lease, so no other execution
 * registers at the same time. undefined: a teardown of a directory without a record (nothing to record).
 */
export const registerExecution = async (t: RecordsTable, r: Registration): Promise<Registered | undefined> => {
  const name = executionNameOf(r.executionArn);
  const current = await recordByIdentity(t, r.identity);
  const joined = joins(r.machine, current, name);
  if (joined === 'none') return undefined;
  const record = joined === 'current' ? current : undefined;
  const kind = kindOf(r.machine, record, name);
  const provisioningId = record?.provisioningId ?? name;
  const pk = recordKey(provisioningId);
  const now = r.now.toISOString();

  const head = new Update();
  head
    .setValue(head.path('provisioningId'), provisioningId)
    .set(head.path('identity'), `if_not_exists(${head.path('identity')}, ${head.value(r.identity)})`)
    .set(head.path('createdAt'), `if_not_exists(${head.path('createdAt')}, ${head.value(now)})`)
    .setValue(head.path('updatedAt'), now)
    .setValue(head.path('status'), 'IN_PROGRESS')
    .setValue(head.path('currentExecution'), name)
    .set(head.path('executions'), `if_not_exists(${head.path('executions')}, ${head.value({})})`);
  if (r.machine === 'provision') head.setValue(head.path('request'), recordedRequest(r.request));
  await t.client.send(head.command(t.tableName, pk));

  const entry: RecordedExecution = { executionArn: r.executionArn, name, kind, status: 'RUNNING', startDate: r.startDate };
  const add = new Update();
  const at = add.path('executions', name);
  add.set(at, `if_not_exists(${at}, ${add.value(entry)})`);
  await t.client.send(add.command(t.tableName, pk));

  await t.client.send(new PutItemCommand({ TableName: t.tableName, Item: marshall({ pk: identityKey(r.identity), provisioningId, identity: r.identity }) }));
  logger.info('Execution registered in the provisioning record', { provisioningId, kind });
  return { provisioningId, kind };
};

/**
 * Writes how an execution ended into its entry, and, when it is the record's current execution, the record's status,
 * outputs and last plan. `fromStatusEvent`: the end as Step Functions' status change event tells it, written only when
 * the entry says something else and has not been redriven since `outcome.redriveCount` (src/domain/provisioning-record.ts
 * `statusEventApplies`): a record step that wrote its end wins, unless the execution then failed at that step. The
 * directory's index keeps pointing at a torn-down record (so a late event of its teardown still finds it); a later
 * provisioning starts a new record and points the index at it (`joins`).
 */
export const finishExecution = async (
  t: RecordsTable,
  identity: DirectoryIdentity,
  executionArn: string,
  outcome: ExecutionOutcome,
  now: Date,
  fromStatusEvent = false,
): Promise<Finished> => {
  const name = executionNameOf(executionArn);
  const record = await recordByIdentity(t, identity);
  const entry = record?.executions[name];
  if (!record || entry?.executionArn !== executionArn) return { recorded: false };
  if (fromStatusEvent && !statusEventApplies(entry, outcome)) {
    return { recorded: false, provisioningId: record.provisioningId, kind: entry.kind };
  }
  const pk = recordKey(record.provisioningId);
  const write = async (withRecordFields: boolean): Promise<boolean> => {
    const u = new Update();
    for (const [field, value] of Object.entries(endedEntry(entry.kind, outcome))) u.setValue(u.path('executions', name, field), value);
    if (withRecordFields) {
      u.setValue(u.path('status'), recordStatusAfter(entry.kind, outcome.status)).setValue(u.path('updatedAt'), now.toISOString());
      for (const [field, value] of Object.entries(endedRecordFields(entry.kind, outcome))) u.setValue(u.path(field), value);
    }
    const conditions = [`attribute_exists(${u.path('executions', name)})`];
    if (fromStatusEvent) {
      // As read above: another status, and no newer redrive since.
      const counted = u.path('executions', name, 'redriveCount');
      conditions.push(`${u.path('executions', name, 'status')} <> ${u.value(outcome.status)}`);
      conditions.push(`(attribute_not_exists(${counted}) OR ${counted} <= ${u.value(outcome.redriveCount ?? 0)})`);
    }
    if (withRecordFields) conditions.push(`${u.path('currentExecution')} = ${u.value(name)}`);
    try {
      await t.client.send(u.command(t.tableName, pk, conditions.join(' AND ')));
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  };
  const current = record.currentExecution === name;
  // A newer execution may have registered since the read: then only the entry is this execution's to write.
  const written = (current && (await write(true))) || (await write(false));
  if (written) logger.info('Execution end written to the provisioning record', { provisioningId: record.provisioningId, status: outcome.status });
  return { recorded: written, provisioningId: record.provisioningId, kind: entry.kind };
};

/** A redriven execution runs again: its entry says RUNNING again and it is the record's current execution. */
export const resumeExecution = async (t: RecordsTable, identity: DirectoryIdentity, executionArn: string, redriveCount: number, now: Date): Promise<boolean> => {
  const name = executionNameOf(executionArn);
  const record = await recordByIdentity(t, identity);
  if (record?.executions[name]?.executionArn !== executionArn) return false;
  const u = new Update();
  u.setValue(u.path('executions', name, 'status'), 'RUNNING')
    .setValue(u.path('executions', name, 'redriveCount'), redriveCount)
    .remove(u.path('executions', name, 'stopDate'))
    .remove(u.path('executions', name, 'error'))
    .remove(u.path('executions', name, 'cause'))
    .setValue(u.path('currentExecution'), name)
    .setValue(u.path('status'), 'IN_PROGRESS')
    .setValue(u.path('updatedAt'), now.toISOString());
  const counted = u.path('executions', name, 'redriveCount');
  try {
    await t.client.send(u.command(t.tableName, recordKey(record.provisioningId), `attribute_not_exists(${counted}) OR ${counted} < ${u.value(redriveCount)}`));
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
};
