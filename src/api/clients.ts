/**
 * The Step Functions client of the trigger/API handlers and the executions CLI, created on first use (so
 * `AWS_REGION` / `AWS_ENDPOINT_URL_SFN` set by a local runner or a test are honoured), plus the settings they read
 * from the environment. Secrets Manager comes from the task handlers' src/aws/clients.ts.
 */
import { SFNClient } from '@aws-sdk/client-sfn';

let client: SFNClient | undefined;

export const sfn = (): SFNClient => (client ??= new SFNClient({}));

/** Drops the cached client; the next call builds a new one from the current environment. */
export const resetSfnClient = (): void => {
  client?.destroy();
  client = undefined;
};

/** Thrown at invocation time when the function is deployed without its configuration. */
export class MissingConfigurationError extends Error {
  constructor(variable: string) {
    super(`environment variable ${variable} is not set`);
    this.name = 'MissingConfigurationError';
  }
}

/** The state machine this function starts/reads (env `STATE_MACHINE_ARN`). */
export const stateMachineArn = (): string => {
  const arn = process.env['STATE_MACHINE_ARN'];
  if (!arn) throw new MissingConfigurationError('STATE_MACHINE_ARN');
  return arn;
};
