/**
 * In-repo client for AWS Private CA Connector for Active Directory with the public surface of
 * `@aws-sdk/client-pca-connector-ad` (which our registry does not serve). See README.md beside this file.
 */
export * from './PcaConnectorAdClient.ts';
export * from './PcaConnectorAd.ts';
export * from './commands.ts';
export { Command as $Command } from '@smithy/core/client';
export * from './pagination.ts';
export * from './models.ts';
export * from './errors.ts';
export * from './schemas.ts';
export type { EndpointParameters, ClientInputEndpointParameters } from './endpoint.ts';
export type { PcaConnectorAdExtensionConfiguration, RuntimeExtension } from './runtimeConfig.ts';
export type { PcaConnectorAdHttpAuthSchemeProvider, PcaConnectorAdHttpAuthSchemeParameters } from './runtimeConfig.ts';
export * from './tagging.ts';
