import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured JSON logger of the task handlers.
 *
 * Log level comes from the environment (`POWERTOOLS_LOG_LEVEL`, or `AWS_LAMBDA_LOG_LEVEL` set by Lambda's advanced
 * logging controls; Powertools reads both), default INFO. The local engine sets `POWERTOOLS_LOG_LEVEL=SILENT`.
 *
 * Rules for every call site: never log the Lambda event, never log a secret value (the admin password), log ids and
 * outcomes only.
 */
export const SERVICE_NAME = 'ad-cert-orchestrator';

export const logger = new Logger({ serviceName: SERVICE_NAME });
