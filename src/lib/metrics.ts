import { Metrics } from '@aws-lambda-powertools/metrics';
import type { MetricPoint } from '../domain/metrics.ts';
import { SERVICE_NAME, logger } from './logger.ts';

/**
 * The business metrics, as CloudWatch embedded metric format (EMF) lines on stdout: Lambda's log pipeline turns them
 * into metrics, no API call and no IAM. Namespace `POWERTOOLS_METRICS_NAMESPACE`; default dimensions `service`
 * (`POWERTOOLS_SERVICE_NAME`) and `stage` (`STAGE`), all set by serverless.yml, so two stages in one account keep
 * their own series. Off outside Lambda (no `AWS_LAMBDA_FUNCTION_NAME`: the local world, the tests) unless
 * `POWERTOOLS_METRICS_DISABLED=false`.
 */
export const METRICS_NAMESPACE = 'AdCertOrchestrator';

if (!process.env['AWS_LAMBDA_FUNCTION_NAME']) process.env['POWERTOOLS_METRICS_DISABLED'] ??= 'true';

/** The dimension every metric carries besides `service`: the deployment stage (`--stage`). */
export const STAGE_DIMENSION = 'stage';

const stage = process.env['STAGE'];

export const metrics = new Metrics({
  namespace: process.env['POWERTOOLS_METRICS_NAMESPACE'] || METRICS_NAMESPACE,
  serviceName: SERVICE_NAME,
  ...(stage ? { defaultDimensions: { [STAGE_DIMENSION]: stage } } : {}),
});

/** Publishes each point now, with its own dimensions (one EMF line each; a handler emits at most three). */
export const publish = (points: readonly MetricPoint[]): void => {
  for (const point of points) {
    const single = metrics.singleMetric();
    if (Object.keys(point.dimensions).length > 0) single.addDimensions(point.dimensions);
    single.addMetric(point.name, point.unit, point.value);
  }
};

/** {@link publish}, except that a failure to publish is logged (error name only) and never fails the caller. */
export const publishSafely = (points: readonly MetricPoint[]): void => {
  try {
    publish(points);
  } catch (error) {
    logger.warn('Metrics not published', { errorName: error instanceof Error ? error.name : 'Error' });
  }
};
