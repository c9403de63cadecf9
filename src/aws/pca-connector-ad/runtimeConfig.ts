import type { SigV4AuthSchemeParameters, SigV4AuthSchemeProvider } from '../smithy-client/auth.ts';
import { runtimeConfigFactory, type ExtensionConfiguration } from '../smithy-client/runtimeConfig.ts';
import { defaultEndpointResolver, SIGNING_NAME } from './endpoint.ts';
import { errorTypeRegistries, NAMESPACE } from './schemas.ts';

export type { RuntimeExtension, RuntimeExtensionsConfig } from '../smithy-client/runtimeConfig.ts';

export const API_VERSION = '2018-05-10';
/** `serviceId` of the model: also what makes `AWS_ENDPOINT_URL_PCA_CONNECTOR_AD` apply. */
export const SERVICE_ID = 'Pca Connector Ad';

/** Node.js runtime defaults of {@link PcaConnectorAdClient}, from the service model (pca-connector-ad 2018-05-10). */
export const getRuntimeConfig = runtimeConfigFactory({
  serviceId: SERVICE_ID,
  apiVersion: API_VERSION,
  serviceTarget: 'PcaConnectorAd',
  signingName: SIGNING_NAME,
  namespace: NAMESPACE,
  errorTypeRegistries,
  endpointResolver: defaultEndpointResolver,
});

export type PcaConnectorAdExtensionConfiguration = ExtensionConfiguration;
/** SigV4 (`aws.auth#sigv4`) with signing name `pca-connector-ad` for every operation, as the service model says. */
export type PcaConnectorAdHttpAuthSchemeParameters = SigV4AuthSchemeParameters;
export type PcaConnectorAdHttpAuthSchemeProvider = SigV4AuthSchemeProvider;
