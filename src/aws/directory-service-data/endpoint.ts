import type { RuleSetObject } from '@smithy/core/endpoints';
import { ruleSetEndpointResolver } from '../smithy-client/endpoint.ts';
import ruleSetJson from './endpoint-rule-set.json' with { type: 'json' };

export { commonParams } from '../smithy-client/endpoint.ts';
export type { ClientInputEndpointParameters, EndpointParameters } from '../smithy-client/endpoint.ts';

/** The SigV4 signing name, also the host's prefix (`ds-data[-fips].{Region}.…`), as the model says. */
export const SIGNING_NAME = 'ds-data';

/** The service's endpoint rule set (ds-data 2023-05-31), a copy of the published one. */
export const ruleSet = ruleSetJson as RuleSetObject;

export const defaultEndpointResolver = ruleSetEndpointResolver(ruleSet);
