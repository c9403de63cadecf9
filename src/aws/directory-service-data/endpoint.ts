import type { RuleSetObject } from '@smithy/core/endpoints';
import { ruleSetEndpointResolver } from '../smithy-client/endpoint.ts';
import ruleSetJson from './endpoint-rule-set.json' with { type: 'json' };

export {
  commonParams,
  type ClientInputEndpointParameters,
  type ClientResolvedEndpointParameters,
  type EndpointParameters,
} from '../smithy-client/endpoint.ts';

export const SIGNING_NAME = 'ds-data';

/** The service's endpoint rule set (ds-data 2023-05-31), a copy of the published one. */
export const ruleSet = ruleSetJson as RuleSetObject;

/**
 * Evaluates the rule set with the SDK's rule engine: a custom `Endpoint` (from `endpoint` or
 * `AWS_ENDPOINT_URL[_DIRECTORY_SERVICE_DATA]`) wins and excludes FIPS/dual-stack; otherwise
 * `https://ds-data[-fips].{Region}.{dnsSuffix | dualStackDnsSuffix}` of the region's partition.
 */
export const defaultEndpointResolver = ruleSetEndpointResolver(ruleSet);
