/**
 * In-repo client for AWS Directory Service Data with the public surface of `@aws-sdk/client-directory-service-data`
 * (which our registry does not serve), for the operations the project uses. See README.md beside this file.
 */
export * from './DirectoryServiceDataClient.ts';
export * from './DirectoryServiceData.ts';
export * from './commands.ts';
export { Command as $Command } from '@smithy/core/client';
export * from './models.ts';
export * from './errors.ts';
export * from './schemas.ts';
export type { EndpointParameters, ClientInputEndpointParameters } from './endpoint.ts';
export type { DirectoryServiceDataExtensionConfiguration, RuntimeExtension } from './runtimeConfig.ts';
export type { DirectoryServiceDataHttpAuthSchemeProvider, DirectoryServiceDataHttpAuthSchemeParameters } from './runtimeConfig.ts';
