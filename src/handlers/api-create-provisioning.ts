/**
 * `POST /provisionings` (API Gateway REST API, AWS_IAM auth, Lambda proxy integration).
 *
 * Body: the execution input (contract v1), except that `Directory` may carry the admin `Password` instead of
 * `PasswordSecretId`. Then the password is stored ONCE in Secrets Manager under
 * `<passwordSecretPrefix><state machine name>/<execution name>/admin-password` (prefix default
 * `ad-cert-orchestrator/`) and the execution is started with that secret's name as `PasswordSecretId`: the password
 * is in no execution input, history, log line or response.
 *
 * Idempotency: the `Idempotency-Key` header (or, when absent, a SHA-256 of the canonical request) names the
 * execution (src/domain/execution-names.ts). Responses:
 *   202 Accepted  — the first call for this execution (exactly one caller gets it, also when identical requests
 *                   arrive at once: src/persistence/start-claims.ts):
 *                   `{ executionArn, name, status, startDate, location }` + `Location`;
 *   200 OK        — the same request was already started (any status): the same execution, same body shape;
 *   409 Conflict  — the key was used for a different request (different input or different password), or another
 *                   change of the same directory (a provisioning, an update, a teardown) is running (named), or another
 *                   password was stored for the same directory (Name in any case + VPC) by an earlier provisioning
 *                   not torn down (`conflict: "DirectoryPassword"`): its directory keeps that password;
 *   400           — every schema + domain violation (paths like `Directory.VpcSettings.SubnetIds[1]`), or the
 *                   Idempotency-Key header given more than once;
 *   415           — not application/json; 5xx — generic message + request id only.
 * With `?dryRun=true`: the same checks, then 200 with the plan (`{ plan, warnings }`, src/api/dry-run.ts): nothing is
 * stored or started.
 */
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type { ProvisioningRequest } from '../contract.ts';
import { isExistingDirectory } from '../contract.ts';
import type { Violation } from '../domain/errors.ts';
import {
  MAX_IDEMPOTENCY_KEY_LENGTH,
  canonicalJson,
  executionArnFor,
  executionNameForIdempotencyKey,
  executionNameForInput,
  passwordSecretNameFor,
} from '../domain/execution-names.ts';
import { checkPassword } from '../domain/password.ts';
import { validateRequest } from '../domain/validate.ts';
import { stateMachineArn } from '../lib/config.ts';
import { HttpProblem, badRequest, httpHandler, json } from '../api/http.ts';
import type { ParsedEvent } from '../api/http.ts';
import { directoryTagValue, otherPasswordFor, storePasswordOnce, storedPasswordMatches } from '../api/password-secret.ts';
import { findExistingExecution, startExecutionIdempotently } from '../api/start-execution.ts';
import { dryRunOf, planOf } from '../api/dry-run.ts';
import { executionAnswer } from '../api/execution-answer.ts';
import { concurrentChange } from '../api/directory-changes.ts';
import { identityOf } from '../domain/provisioning-record.ts';
import { passwordSecretPrefix, validationScope } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';

/** Stands in for the secret name while validating / hashing: not a valid secret id, so no real input equals it. */
const PASSWORD_PLACEHOLDER = '(password supplied to the API)';
/** Stands in for the secret the API will store, while validating: inside the deployment's secret scope. */
const validationSecretId = (): string => `${passwordSecretPrefix()}pending/admin-password`;

export interface SplitBody {
  /** The body without the password (PasswordSecretId as sent, or absent). */
  rest: Record<string, unknown>;
  password?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Takes `Directory.Password` out of the body (the only place it may be), leaving everything else as sent. */
export const splitPassword = (body: unknown): SplitBody => {
  if (!isRecord(body) || !isRecord(body['Directory']) || !Object.hasOwn(body['Directory'], 'Password')) {
    return { rest: isRecord(body) ? body : {} };
  }
  const { Password, ...directory } = body['Directory'];
  return {
    rest: { ...body, Directory: directory },
    ...(typeof Password === 'string' ? { password: Password } : {}),
  };
};

/** The body as the domain validator should see it: the password replaced by a well-formed secret reference. */
const asExecutionInput = (split: SplitBody, secretId: string): Record<string, unknown> => {
  if (split.password === undefined) return split.rest;
  const directory = isRecord(split.rest['Directory']) ? split.rest['Directory'] : {};
  return { ...split.rest, Directory: { ...directory, PasswordSecretId: secretId } };
};

/**
 * Every violation of a body: the domain validator's (the workflow's messages, word for word) and the password rules.
 * Never echoes the password.
 */
export const bodyViolations = (body: unknown): Violation[] => {
  const split = splitPassword(body);
  const input = isRecord(body) ? asExecutionInput(split, validationSecretId()) : body;
  const violations = [...validateRequest(input, validationScope()).violations];
  if (split.password !== undefined) {
    const check = checkPassword(split.password);
    if (!check.ok) violations.push({ path: 'Directory.Password', message: check.message ?? 'is not a valid password' });
    if (isRecord(split.rest['Directory']) && Object.hasOwn(split.rest['Directory'], 'PasswordSecretId')) {
      violations.push({ path: 'Directory.PasswordSecretId', message: 'give either Directory.Password or Directory.PasswordSecretId, not both' });
    }
  }
  return violations;
};

const headerValue = (event: ParsedEvent, name: string): string | undefined => {
  const value = event.headers?.[name];
  return typeof value === 'string' ? value.trim() : undefined;
};

/** How many times a header was sent (API Gateway keeps only the last in `headers`, all in `multiValueHeaders`). */
const headerCount = (event: ParsedEvent, name: string): number =>
  Object.entries(event.multiValueHeaders ?? {})
    .filter(([key]) => key.toLowerCase() === name)
    .reduce((n, [, values]) => n + (values?.length ?? 0), 0);

const locationFor = (event: ParsedEvent, name: string): string => {
  // requestContext.path includes the stage (or custom-domain base path) on API Gateway; fall back to the resource.
  const base = event.requestContext?.path && /\/provisionings\/?$/.test(event.requestContext.path)
    ? event.requestContext.path.replace(/\/$/, '')
    : '/provisionings';
  return `${base}/${encodeURIComponent(name)}`;
};

const conflict = (name: string): HttpProblem =>
  new HttpProblem(409, {
    message:
      'This Idempotency-Key (or an identical request hash) was already used for a different request. ' +
      'Use a new Idempotency-Key for a new request.',
    name,
  });

export const createProvisioning = async (event: ParsedEvent<unknown>, _context?: Context): Promise<APIGatewayProxyResult> => {
  const split = splitPassword(event.body);
  const violations = bodyViolations(event.body);
  const key = headerValue(event, 'idempotency-key');
  if (headerCount(event, 'idempotency-key') > 1) {
    violations.push({ path: 'Idempotency-Key (header)', message: 'must be given once (it names the execution)' });
  } else if (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
    violations.push({ path: 'Idempotency-Key (header)', message: `must be 1-${MAX_IDEMPOTENCY_KEY_LENGTH} characters` });
  }
  const dryRun = dryRunOf(event.queryStringParameters);
  if (typeof dryRun === 'string') violations.push({ path: 'dryRun (query string)', message: dryRun });
  if (violations.length > 0) throw badRequest(violations);

  // Normalised request (Type defaulted). With a password, the name hash uses a placeholder that no real secret id
  // can equal, and the execution input the secret name derived from the execution name.
  const normalised = validateRequest(asExecutionInput(split, validationSecretId()), validationScope()).request;
  if (!normalised) throw new Error('validated request did not normalise'); // unreachable: no violations
  const withSecretId = (secretId: string): ProvisioningRequest => ({
    ...normalised,
    Directory: { ...normalised.Directory, PasswordSecretId: secretId },
  });
  if (dryRun === true) {
    // A password is never needed for a plan: the function gets the request with the stand-in secret reference.
    const plan = await planOf(normalised);
    logger.info('dry run: planned, nothing stored or started', { entries: plan.plan.length });
    return json(200, plan);
  }
  const hashBasis = split.password === undefined ? normalised : withSecretId(PASSWORD_PLACEHOLDER);
  const name = key !== undefined ? executionNameForIdempotencyKey(key) : executionNameForInput(hashBasis);
  const machine = stateMachineArn();
  const secretName = split.password !== undefined ? passwordSecretNameFor(machine, name, passwordSecretPrefix()) : undefined;
  const input = secretName ? withSecretId(secretName) : normalised;
  const request = { stateMachineArn: machine, name, input: canonicalJson(input) };
  logger.appendKeys({ executionName: name });

  // A repeat first: if the execution exists, compare (input, then the stored password) without writing anything.
  let outcome = await findExistingExecution(request);
  if (outcome?.kind === 'existing' && secretName && split.password !== undefined) {
    if (!(await storedPasswordMatches(secretName, split.password))) throw conflict(name);
  }
  if (!outcome) {
    const identity = identityOf(input);
    const running = identity ? await concurrentChange(identity, executionArnFor(machine, name)) : undefined;
    if (running) throw running;
    const wanted = normalised.Directory;
    // A password comes with a directory to create only (validation refuses it with a DirectoryId).
    if (secretName && split.password !== undefined && !isExistingDirectory(wanted)) {
      // The directory may exist already, created with another password: it would be adopted and this one never applied.
      const directoryTag = directoryTagValue(wanted);
      const other = await otherPasswordFor(directoryTag, split.password, secretName);
      if (other !== undefined) {
        throw new HttpProblem(409, {
          message:
            `Another password was stored for directory ${wanted.Name} in ${wanted.VpcSettings.VpcId} by provisioning ${other}: ` +
            'an existing directory keeps its admin password, so this one would never be applied. Send that password, or tear that provisioning down first (DELETE /provisionings/{id}).',
          name,
          conflict: 'DirectoryPassword',
          provisioning: other,
        });
      }
      const stored = await storePasswordOnce(secretName, name, split.password, directoryTag);
      if (stored === 'different') throw conflict(name);
      if (stored === 'scheduled-for-deletion') {
        throw new HttpProblem(409, {
          message: 'The password secret of this request is scheduled for deletion; restore it or use a new Idempotency-Key.',
          name,
        });
      }
      logger.info(stored === 'created' ? 'password stored in Secrets Manager' : 'password secret already stored (same value)', {
        secretName,
      });
    }
    outcome = await startExecutionIdempotently(request);
  }
  if (outcome.kind === 'conflict') throw conflict(name);

  const location = locationFor(event, name);
  return executionAnswer(outcome, name, event, { what: 'provisioning', location });
};

export const handler = httpHandler(createProvisioning, { jsonBody: true });
