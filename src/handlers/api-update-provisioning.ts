/**
 * `PUT /provisionings/{id}` (API Gateway REST API, AWS_IAM auth, Lambda proxy integration): applies a full request
 * to an existing provisioning: a provisioning execution of the new request, recorded in that provisioning's record
 * (the record finds it by the directory's identity, which must not change).
 *
 * Body: the request (contract v1). `Directory.PasswordSecretId` may be left out: the directory exists, so the
 * record's reference is used (and checked by the workflow as any request's); a `Directory.Password` is refused.
 * `Directory.Name` (any case) and `Directory.VpcSettings.VpcId` must be the record's: another directory is another
 * provisioning (POST).
 *
 * Idempotency: the execution is named from the id and the request (src/domain/execution-names.ts, updateNameBase,
 * with a generation suffix when the same request is applied again after another one: updateExecutionName), so a
 * repeated PUT is the same execution. Responses:
 *   202 Accepted — this call started the update (one caller only, as POST):
 *                  `{ executionArn, name, status, startDate, provisioning, location }` + `Location: /provisionings/{id}`
 *                  (GET shows the last apply, its plan and its status);
 *   200 OK       — the same update was already started (any status): that execution, same shape;
 *   400          — every violation of the body (the domain validator's, word for word), or a Password;
 *   404          — no such provisioning;
 *   409          — the identity differs from the record's (naming each field), the provisioning has no record or was
 *                  torn down, or another change of the directory is running (named).
 */
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type { ProvisioningRequest } from '../contract.ts';
import type { FieldDifference, Violation } from '../domain/errors.ts';
import { formatDifferences } from '../domain/errors.ts';
import { canonicalJson, executionArnFor, executionNameOf, updateNameBase } from '../domain/execution-names.ts';
import { identityOf, updateExecutionName } from '../domain/provisioning-record.ts';
import type { ProvisioningRecord } from '../domain/provisioning-record.ts';
import { validateRequest } from '../domain/validate.ts';
import { stateMachineArn, validationScope } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { concurrentChange, readRecord } from '../api/directory-changes.ts';
import { executionAnswer } from '../api/execution-answer.ts';
import { HttpProblem, badRequest, httpHandler } from '../api/http.ts';
import type { ParsedEvent } from '../api/http.ts';
import { notFound, provisioningArnFromPath } from '../api/provisioning-id.ts';
import { describeIfExists, findExistingExecution, startExecutionIdempotently } from '../api/start-execution.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The recorded request's password reference, which an update without one uses. */
const recordedSecretId = (record: ProvisioningRecord): string | undefined => {
  const directory = isRecord(record.request) ? record.request['Directory'] : undefined;
  const id = isRecord(directory) ? directory['PasswordSecretId'] : undefined;
  return typeof id === 'string' ? id : undefined;
};

/** The body with the record's PasswordSecretId where it has none; the Password violation if it carries one. */
export const updateBody = (body: unknown, record: ProvisioningRecord): { input: unknown; violations: Violation[] } => {
  if (!isRecord(body) || !isRecord(body['Directory'])) return { input: body, violations: [] };
  const directory = body['Directory'];
  const violations: Violation[] = Object.hasOwn(directory, 'Password')
    ? [{ path: 'Directory.Password', message: 'is not accepted by PUT: the directory exists; its password is the secret PasswordSecretId names (the record\'s when left out)' }]
    : [];
  const { Password: _password, ...rest } = directory;
  const secretId = recordedSecretId(record);
  const withSecret = Object.hasOwn(rest, 'PasswordSecretId') || secretId === undefined ? rest : { ...rest, PasswordSecretId: secretId };
  return { input: { ...body, Directory: withSecret }, violations };
};

/** What identifies the directory and differs from the record: Name (any case) and VpcId. */
export const identityDifferences = (request: ProvisioningRecord['identity'], recorded: ProvisioningRecord['identity']): FieldDifference[] => [
  ...(request.Name.toLowerCase() !== recorded.Name.toLowerCase() ? [{ field: 'Directory.Name', requested: request.Name, existing: recorded.Name }] : []),
  ...(request.VpcId !== recorded.VpcId ? [{ field: 'Directory.VpcSettings.VpcId', requested: request.VpcId, existing: recorded.VpcId }] : []),
];

export const updateProvisioning = async (event: ParsedEvent<unknown>, _context?: Context): Promise<APIGatewayProxyResult> => {
  const provisioningArn = provisioningArnFromPath(event, stateMachineArn());
  const provisioningId = executionNameOf(provisioningArn);
  const record = await readRecord(provisioningId);
  if (!record) {
    const known = await describeIfExists(provisioningArn).catch((err: unknown) => {
      if (err instanceof Error && err.name === 'InvalidArn') return undefined;
      throw err;
    });
    if (!known) throw notFound();
    throw new HttpProblem(409, {
      message: 'This provisioning has no record (it ended before it changed its directory): POST the request as a new provisioning instead.',
    });
  }
  if (record.status === 'TORN_DOWN') {
    throw new HttpProblem(409, { message: 'This provisioning was torn down: POST the request as a new provisioning instead.', provisioningStatus: record.status });
  }

  const body = updateBody(event.body, record);
  const validated = validateRequest(body.input, validationScope());
  const violations = [...body.violations, ...validated.violations];
  if (violations.length > 0 || !validated.request) throw badRequest(violations);
  const input: ProvisioningRequest = validated.request;
  const identity = identityOf(input);
  const differences = identity ? identityDifferences(identity, record.identity) : [];
  if (differences.length > 0) {
    throw new HttpProblem(409, {
      message: `An update cannot change the directory it applies to (POST a new provisioning for another one): ${formatDifferences(differences)}`,
      fields: differences.map((d) => ({ field: d.field, requested: d.requested, recorded: d.existing })),
    });
  }

  const machine = stateMachineArn();
  const name = updateExecutionName(record, updateNameBase(provisioningId, input));
  const request = { stateMachineArn: machine, name, input: canonicalJson(input) };
  logger.appendKeys({ executionName: name, provisioningId });

  let outcome = await findExistingExecution(request);
  if (!outcome) {
    const running = identity ? await concurrentChange(identity, executionArnFor(machine, name)) : undefined;
    if (running) throw running;
    outcome = await startExecutionIdempotently(request);
  }
  if (outcome.kind === 'conflict') {
    throw new HttpProblem(409, { message: 'An update of this name exists with another request; send the request again to apply it anew.', name });
  }

  const location = event.requestContext?.path ?? `/provisionings/${encodeURIComponent(provisioningId)}`;
  return executionAnswer(outcome, name, event, { what: 'update', location, extra: { provisioning: { id: provisioningId, executionArn: provisioningArn } } });
};

export const handler = httpHandler(updateProvisioning, { jsonBody: true });
