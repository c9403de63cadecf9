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

/** Endpoint parameters of an AWS rule set whose parameters are all built-ins (region, FIPS, dual-stack, endpoint). */
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

export const resolveClientEndpointParameters = <T>(
  options: T & ClientInputEndpointParameters,
  signingName: string,
): T & ClientResolvedEndpointParameters =>
  Object.assign(options, {
    useDualstackEndpoint: options.useDualstackEndpoint ?? false,
    useFipsEndpoint: options.useFipsEndpoint ?? false,
    defaultSigningName: signingName,
  });

/** How each rule-set parameter is filled from the client config (read by the endpoint middleware). */
export const commonParams = {
  UseFIPS: { type: 'builtInParams', name: 'useFipsEndpoint' },
  Endpoint: { type: 'builtInParams', name: 'endpoint' },
  Region: { type: 'builtInParams', name: 'region' },
  UseDualStack: { type: 'builtInParams', name: 'useDualstackEndpoint' },
} as const;

export type EndpointResolver = (params: EndpointParameters, context?: { logger?: Logger }) => EndpointV2;

/**
 * A resolver that evaluates `ruleSet` with the SDK's rule engine, caching per parameter set as generated clients do.
 * In AWS's rule sets a custom `Endpoint` (from `endpoint` or `AWS_ENDPOINT_URL[_{SERVICE_ID}]`) wins and excludes
 * FIPS/dual-stack; otherwise the host is `{prefix}[-fips].{Region}.{dnsSuffix | dualStackDnsSuffix}` of the region's
 * partition.
 */
export const ruleSetEndpointResolver = (ruleSet: RuleSetObject): EndpointResolver => {
  // The rule sets call `aws.partition` & co.: the SDK's AWS functions, registered as every generated client does.
  customEndpointFunctions.aws = awsEndpointFunctions;
  const cache = new EndpointCache({ size: 50, params: ['Endpoint', 'Region', 'UseDualStack', 'UseFIPS'] });
  return (params, context = {}) => {
    // Unset parameters are `undefined` here; the engine treats them as absent (the generated clients cast alike).
    const endpointParams = params as EndpointParams;
    return cache.get(endpointParams, () => resolveEndpoint(ruleSet, { endpointParams, logger: context.logger }));
  };
};
