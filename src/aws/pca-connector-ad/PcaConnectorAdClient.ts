import { Client as __Client } from '@smithy/core/client';
import type { CheckOptionalClientConfig as __CheckOptionalClientConfig } from '@smithy/types';
import { ServiceClient, type ClientConfig, type ClientResolvedConfig } from '../smithy-client/client.ts';
import type {
  CreateConnectorCommandInput,
  CreateConnectorCommandOutput,
  CreateDirectoryRegistrationCommandInput,
  CreateDirectoryRegistrationCommandOutput,
  CreateServicePrincipalNameCommandInput,
  CreateServicePrincipalNameCommandOutput,
  CreateTemplateCommandInput,
  CreateTemplateCommandOutput,
  CreateTemplateGroupAccessControlEntryCommandInput,
  CreateTemplateGroupAccessControlEntryCommandOutput,
  DeleteConnectorCommandInput,
  DeleteConnectorCommandOutput,
  DeleteDirectoryRegistrationCommandInput,
  DeleteDirectoryRegistrationCommandOutput,
  DeleteServicePrincipalNameCommandInput,
  DeleteServicePrincipalNameCommandOutput,
  DeleteTemplateCommandInput,
  DeleteTemplateCommandOutput,
  DeleteTemplateGroupAccessControlEntryCommandInput,
  DeleteTemplateGroupAccessControlEntryCommandOutput,
  GetConnectorCommandInput,
  GetConnectorCommandOutput,
  GetDirectoryRegistrationCommandInput,
  GetDirectoryRegistrationCommandOutput,
  GetServicePrincipalNameCommandInput,
  GetServicePrincipalNameCommandOutput,
  GetTemplateCommandInput,
  GetTemplateCommandOutput,
  GetTemplateGroupAccessControlEntryCommandInput,
  GetTemplateGroupAccessControlEntryCommandOutput,
  ListConnectorsCommandInput,
  ListConnectorsCommandOutput,
  ListDirectoryRegistrationsCommandInput,
  ListDirectoryRegistrationsCommandOutput,
  ListServicePrincipalNamesCommandInput,
  ListServicePrincipalNamesCommandOutput,
  ListTemplateGroupAccessControlEntriesCommandInput,
  ListTemplateGroupAccessControlEntriesCommandOutput,
  ListTemplatesCommandInput,
  ListTemplatesCommandOutput,
  UpdateTemplateCommandInput,
  UpdateTemplateCommandOutput,
  UpdateTemplateGroupAccessControlEntryCommandInput,
  UpdateTemplateGroupAccessControlEntryCommandOutput,
} from './commands.ts';
import { SIGNING_NAME } from './endpoint.ts';
import { getRuntimeConfig } from './runtimeConfig.ts';

import type {
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput,
  TagResourceCommandInput,
  TagResourceCommandOutput,
} from './tagging.ts';

export { __Client };

export type ServiceInputTypes =
  | CreateConnectorCommandInput
  | CreateDirectoryRegistrationCommandInput
  | CreateServicePrincipalNameCommandInput
  | CreateTemplateCommandInput
  | CreateTemplateGroupAccessControlEntryCommandInput
  | DeleteConnectorCommandInput
  | DeleteDirectoryRegistrationCommandInput
  | DeleteServicePrincipalNameCommandInput
  | DeleteTemplateCommandInput
  | DeleteTemplateGroupAccessControlEntryCommandInput
  | GetConnectorCommandInput
  | GetDirectoryRegistrationCommandInput
  | GetServicePrincipalNameCommandInput
  | GetTemplateCommandInput
  | GetTemplateGroupAccessControlEntryCommandInput
  | ListConnectorsCommandInput
  | ListDirectoryRegistrationsCommandInput
  | ListServicePrincipalNamesCommandInput
  | ListTagsForResourceCommandInput
  | ListTemplateGroupAccessControlEntriesCommandInput
  | ListTemplatesCommandInput
  | TagResourceCommandInput
  | UpdateTemplateCommandInput
  | UpdateTemplateGroupAccessControlEntryCommandInput;

export type ServiceOutputTypes =
  | CreateConnectorCommandOutput
  | CreateDirectoryRegistrationCommandOutput
  | CreateServicePrincipalNameCommandOutput
  | CreateTemplateCommandOutput
  | CreateTemplateGroupAccessControlEntryCommandOutput
  | DeleteConnectorCommandOutput
  | DeleteDirectoryRegistrationCommandOutput
  | DeleteServicePrincipalNameCommandOutput
  | DeleteTemplateCommandOutput
  | DeleteTemplateGroupAccessControlEntryCommandOutput
  | GetConnectorCommandOutput
  | GetDirectoryRegistrationCommandOutput
  | GetServicePrincipalNameCommandOutput
  | GetTemplateCommandOutput
  | GetTemplateGroupAccessControlEntryCommandOutput
  | ListConnectorsCommandOutput
  | ListDirectoryRegistrationsCommandOutput
  | ListServicePrincipalNamesCommandOutput
  | ListTagsForResourceCommandOutput
  | ListTemplateGroupAccessControlEntriesCommandOutput
  | ListTemplatesCommandOutput
  | TagResourceCommandOutput
  | UpdateTemplateCommandOutput
  | UpdateTemplateGroupAccessControlEntryCommandOutput;

export type { ClientDefaults } from '../smithy-client/client.ts';

export type PcaConnectorAdClientConfigType = ClientConfig;

/** Constructor options of {@link PcaConnectorAdClient}: `region`, `credentials`, `endpoint`, `maxAttempts`, … */
export type PcaConnectorAdClientConfig = PcaConnectorAdClientConfigType;

export type PcaConnectorAdClientResolvedConfigType = ClientResolvedConfig;

export type PcaConnectorAdClientResolvedConfig = PcaConnectorAdClientResolvedConfigType;

/**
 * PCA Connector for AD client, composed like a generated v3 client (see `ServiceClient`): endpoint resolution by
 * `endpoint`, `AWS_ENDPOINT_URL_PCA_CONNECTOR_AD` or the rule set (`pca-connector-ad.{region}.amazonaws.com`), SigV4
 * signing as `pca-connector-ad` with the default credential provider chain.
 */
export class PcaConnectorAdClient extends ServiceClient<ServiceInputTypes, ServiceOutputTypes> {
  constructor(...[configuration]: __CheckOptionalClientConfig<PcaConnectorAdClientConfig>) {
    super(getRuntimeConfig, SIGNING_NAME, configuration);
  }
}
