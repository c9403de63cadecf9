import type { RuleSetObject } from '@smithy/core/endpoints';
import { ruleSetEndpointResolver } from '../smithy-client/endpoint.ts';
import ruleSetJson from './endpoint-rule-set.json' with { type: 'json' };

export {
  commonParams,
  type ClientInputEndpointParameters,
  type ClientResolvedEndpointParameters,
  type EndpointParameters,
} from '../smithy-client/endpoint.ts';

export const SIGNING_NAME = 'pca-connector-ad';

/** The service's endpoint rule set (pca-connector-ad 2018-05-10), a copy of the published one. */
export const ruleSet = ruleSetJson as RuleSetObject;

/**
 * Evaluates the rule set with the SDK's rule engine: a custom `Endpoint` (from `endpoint` or
 * `AWS_ENDPOINT_URL[_PCA_CONNECTOR_AD]`) wins and excludes FIPS/dual-stack; otherwise
 * `https://pca-connector-ad[-fips].{Region}.{dnsSuffix | dualStackDnsSuffix}` of the region's partition.
 */
export const defaultEndpointResolver = ruleSetEndpointResolver(ruleSet);
