import type { RuleSetObject } from '@smithy/core/endpoints';
import { ruleSetEndpointResolver } from '../smithy-client/endpoint.ts';
import ruleSetJson from './endpoint-rule-set.json' with { type: 'json' };

export { commonParams } from '../smithy-client/endpoint.ts';
export type { ClientInputEndpointParameters, EndpointParameters } from '../smithy-client/endpoint.ts';

/** The SigV4 signing name, also the host's prefix (`pca-connector-ad[-fips].{Region}.…`), as the model says. */
export const SIGNING_NAME = 'pca-connector-ad';

/** The service's endpoint rule set (pca-connector-ad 2018-05-10), a copy of the published one. */
export const ruleSet = ruleSetJson as RuleSetObject;

export const defaultEndpointResolver = ruleSetEndpointResolver(ruleSet);
