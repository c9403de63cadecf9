import type { SigV4AuthSchemeParameters, SigV4AuthSchemeProvider } from '../smithy-client/auth.ts';
import { runtimeConfigFactory, type ExtensionConfiguration } from '../smithy-client/runtimeConfig.ts';
import { defaultEndpointResolver, SIGNING_NAME } from './endpoint.ts';
import { errorTypeRegistries, NAMESPACE } from './schemas.ts';

export type { RuntimeExtension, RuntimeExtensionsConfig } from '../smithy-client/runtimeConfig.ts';

export const API_VERSION = '2023-05-31';
/**
 * `serviceId` of the model. The SDK derives the endpoint variable from it (words upper-cased, joined by `_`):
 * `AWS_ENDPOINT_URL_DIRECTORY_SERVICE_DATA`, and the shared-config `services` key `directory_service_data`.
 */
export const SERVICE_ID = 'Directory Service Data';

/** Node.js runtime defaults of {@link DirectoryServiceDataClient}, from the service model (ds-data 2023-05-31). */
export const getRuntimeConfig = runtimeConfigFactory({
  serviceId: SERVICE_ID,
  apiVersion: API_VERSION,
  serviceTarget: 'DirectoryServiceData',
  signingName: SIGNING_NAME,
  namespace: NAMESPACE,
  errorTypeRegistries,
  endpointResolver: defaultEndpointResolver,
});

export type DirectoryServiceDataExtensionConfiguration = ExtensionConfiguration;
/** SigV4 (`aws.auth#sigv4`) with signing name `ds-data` for every operation, as the service model says. */
export type DirectoryServiceDataHttpAuthSchemeParameters = SigV4AuthSchemeParameters;
export type DirectoryServiceDataHttpAuthSchemeProvider = SigV4AuthSchemeProvider;
