import { awsEndpointFunctions } from '@aws-sdk/core/client';
import {
  customEndpointFunctions,
  EndpointCache,
  resolveEndpoint,
  type EndpointParams,
  type RuleSetObject,
} from '@smithy/core/endpoints';
import type {
  Endpoint,
  EndpointParameters as __EndpointParameters,
  EndpointV2,
  Logger,
  Provider,
} from '@smithy/types';
import ruleSetJson from './endpoint-rule-set.json' with { type: 'json' };

/** Endpoint parameters of the service's rule set (all built-ins). */
export interface EndpointParameters extends __EndpointParameters {
  Region?: string | undefined;
  UseDualStack?: boolean | undefined;
  UseFIPS?: boolean | undefined;
  Endpoint?: string | undefined;
}

export interface ClientInputEndpointParameters {
  region?: string | undefined | Provider<string | undefined>;
  useDualstackEndpoint?: boolean | undefined | Provider<boolean | undefined>;
  useFipsEndpoint?: boolean | undefined | Provider<boolean | undefined>;
  endpoint?: string | Provider<string> | Endpoint | Provider<Endpoint> | EndpointV2 | Provider<EndpointV2>;
}

export type ClientResolvedEndpointParameters = Omit<ClientInputEndpointParameters, 'endpoint'> & {
  defaultSigningName: string;
};

export const SIGNING_NAME = 'ds-data';

export const resolveClientEndpointParameters = <T>(
  options: T & ClientInputEndpointParameters,
): T & ClientResolvedEndpointParameters =>
  Object.assign(options, {
    useDualstackEndpoint: options.useDualstackEndpoint ?? false,
    useFipsEndpoint: options.useFipsEndpoint ?? false,
    defaultSigningName: SIGNING_NAME,
  });

/** How each rule-set parameter is filled from the client config (read by the endpoint middleware). */
export const commonParams = {
  UseFIPS: { type: 'builtInParams', name: 'useFipsEndpoint' },
  Endpoint: { type: 'builtInParams', name: 'endpoint' },
  Region: { type: 'builtInParams', name: 'region' },
  UseDualStack: { type: 'builtInParams', name: 'useDualstackEndpoint' },
} as const;

/** The service's endpoint rule set (ds-data 2023-05-31), a copy of the published one. */
export const ruleSet = ruleSetJson as RuleSetObject;

// The rule set calls `aws.partition` & co.: the SDK's AWS functions, registered as every generated client does.
customEndpointFunctions.aws = awsEndpointFunctions;
const cache = new EndpointCache({ size: 50, params: ['Endpoint', 'Region', 'UseDualStack', 'UseFIPS'] });

/**
 * Evaluates the rule set with the SDK's rule engine: a custom `Endpoint` (from `endpoint` or
 * `AWS_ENDPOINT_URL[_DIRECTORY_SERVICE_DATA]`) wins and excludes FIPS/dual-stack; otherwise
 * `https://ds-data[-fips].{Region}.{dnsSuffix | dualStackDnsSuffix}` of the region's partition.
 */
export const defaultEndpointResolver = (params: EndpointParameters, context: { logger?: Logger } = {}): EndpointV2 => {
  // Unset parameters are `undefined` here; the engine treats them as absent (the generated clients cast alike).
  const endpointParams = params as EndpointParams;
  return cache.get(endpointParams, () => resolveEndpoint(ruleSet, { endpointParams, logger: context.logger }));
};
