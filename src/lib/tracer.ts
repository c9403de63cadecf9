import { Tracer } from '@aws-lambda-powertools/tracer';
import { SERVICE_NAME } from './logger.ts';

/**
 * The one X-Ray tracer of every function (Powertools Tracer): a subsegment per invocation, one per AWS SDK call of
 * the clients src/aws/clients.ts creates, and the execution ARN as the `executionArn` annotation.
 *
 * Tracing is on only inside Lambda (`AWS_EXECUTION_ENV` set, the X-Ray daemon address given by Lambda) and off when
 * `POWERTOOLS_TRACE_ENABLED=false`; everywhere else (the local world, the tests, the CLIs) every call is a no-op and
 * a client is returned as it was. Responses are never recorded (`captureResponse: false` where a handler is
 * captured): a result may carry request fields, and the trace keeps ids and timings only.
 */
export const tracer = new Tracer({ serviceName: SERVICE_NAME });

/** The X-Ray annotation (searchable: `annotation.executionArn = "…"`) naming the execution an invocation serves. */
export const EXECUTION_ANNOTATION = 'executionArn';

/** Annotates the current subsegment with the execution ARN (no-op when tracing is off). */
export const annotateExecution = (executionArn: string | undefined): void => {
  if (executionArn && tracer.isTracingEnabled()) tracer.putAnnotation(EXECUTION_ANNOTATION, executionArn);
};
