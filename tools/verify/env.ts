/**
 * Process settings for the reliability checks. Import this module FIRST (before anything that loads the handlers):
 * the Powertools logger reads its level when it is constructed, and the SDK clients read AWS_MAX_ATTEMPTS when
 * they are created.
 *
 * - Handler logs are silent by default (the secret-hygiene check raises the level and captures them itself).
 * - AWS_MAX_ATTEMPTS=1: the SDK's own retries are off, so EVERY injected fault reaches the Lambda handler and the
 *   state machine (with SDK retries on, up to two faults per call would be absorbed invisibly, with real sleeps).
 *   That is the strictest setting for the Retry/Catch/idempotency logic under test.
 * - STATE_MACHINE_ARN: the local engine's state machine, so the trigger handlers' execution ARNs match the engine's.
 * - AWS_XRAY_MANUAL_MODE: tracing is off outside Lambda, and the X-Ray SDK's automatic mode would still hook every
 *   promise (a tenth of an execution's CPU).
 */
import { DEFAULT_STATE_MACHINE_ARN } from '../local/engine/asl.ts';

process.env['POWERTOOLS_LOG_LEVEL'] ??= 'SILENT';
process.env['POWERTOOLS_DEV'] = 'false';
process.env['AWS_MAX_ATTEMPTS'] = '1';
process.env['STATE_MACHINE_ARN'] ??= DEFAULT_STATE_MACHINE_ARN;
process.env['AWS_XRAY_MANUAL_MODE'] ??= 'true';

export const VERIFY_ENV_READY = true;
