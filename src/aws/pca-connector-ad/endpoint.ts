import { partition } from '@aws-sdk/core/client';
import { EndpointError } from '@smithy/core/endpoints';
import type {
  Endpoint,
  EndpointParameters as __EndpointParameters,
  EndpointV2,
  Logger,
  Provider,
} from '@smithy/types';

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

export const SIGNING_NAME = 'pca-connector-ad';

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

/**
 * The service's endpoint rule set (pca-connector-ad 2018-05-10), by hand: a custom `Endpoint` (from `endpoint` or
 * `AWS_ENDPOINT_URL[_PCA_CONNECTOR_AD]`) wins and excludes FIPS/dual-stack; otherwise
 * `https://pca-connector-ad[-fips].{Region}.{dnsSuffix | dualStackDnsSuffix}` of the region's partition.
 */
export const defaultEndpointResolver = (
  params: EndpointParameters,
  _context: { logger?: Logger } = {},
): EndpointV2 => {
  const { Endpoint, Region, UseFIPS = false, UseDualStack = false } = params;
  if (Endpoint !== undefined && Endpoint !== null) {
    if (UseFIPS) throw new EndpointError('Invalid Configuration: FIPS and custom endpoint are not supported');
    if (UseDualStack) throw new EndpointError('Invalid Configuration: Dualstack and custom endpoint are not supported');
    return { url: new URL(Endpoint) };
  }
  if (Region === undefined || Region === null) throw new EndpointError('Invalid Configuration: Missing Region');
  const p = partition(Region);
  if (UseFIPS && UseDualStack) {
    if (!(p.supportsFIPS && p.supportsDualStack)) {
      throw new EndpointError('FIPS and DualStack are enabled, but this partition does not support one or both');
    }
    return { url: new URL(`https://${SIGNING_NAME}-fips.${Region}.${p.dualStackDnsSuffix}`) };
  }
  if (UseFIPS) {
    if (!p.supportsFIPS) throw new EndpointError('FIPS is enabled but this partition does not support FIPS');
    return { url: new URL(`https://${SIGNING_NAME}-fips.${Region}.${p.dnsSuffix}`) };
  }
  if (UseDualStack) {
    if (!p.supportsDualStack) {
      throw new EndpointError('DualStack is enabled but this partition does not support DualStack');
    }
    return { url: new URL(`https://${SIGNING_NAME}.${Region}.${p.dualStackDnsSuffix}`) };
  }
  return { url: new URL(`https://${SIGNING_NAME}.${Region}.${p.dnsSuffix}`) };
};
