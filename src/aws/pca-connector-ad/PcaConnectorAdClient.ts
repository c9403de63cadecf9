import {
  getHostHeaderPlugin,
  getLoggerPlugin,
  getRecursionDetectionPlugin,
  getUserAgentPlugin,
  resolveHostHeaderConfig,
  resolveUserAgentConfig,
  type HostHeaderInputConfig,
  type HostHeaderResolvedConfig,
  type UserAgentInputConfig,
  type UserAgentResolvedConfig,
} from '@aws-sdk/core/client';
import {
  DefaultIdentityProviderConfig,
  getHttpAuthSchemeEndpointRuleSetPlugin,
  getHttpSigningPlugin,
} from '@smithy/core';
import {
  Client as __Client,
  type DefaultsMode as __DefaultsMode,
  type SmithyConfiguration as __SmithyConfiguration,
  type SmithyResolvedConfiguration as __SmithyResolvedConfiguration,
} from '@smithy/core/client';
import { resolveRegionConfig, type RegionInputConfig, type RegionResolvedConfig } from '@smithy/core/config';
import { resolveEndpointConfig, type EndpointInputConfig, type EndpointResolvedConfig } from '@smithy/core/endpoints';
import { getContentLengthPlugin, type HttpHandlerUserInput as __HttpHandlerUserInput } from '@smithy/core/protocols';
import {
  getRetryPlugin,
  resolveRetryConfig,
  type RetryInputConfig,
  type RetryResolvedConfig,
} from '@smithy/core/retry';
import { getSchemaSerdePlugin } from '@smithy/core/schema';
import type {
  AwsCredentialIdentityProvider,
  BodyLengthCalculator as __BodyLengthCalculator,
  CheckOptionalClientConfig as __CheckOptionalClientConfig,
  ChecksumConstructor as __ChecksumConstructor,
  Decoder as __Decoder,
  Encoder as __Encoder,
  HashConstructor as __HashConstructor,
  HttpHandlerOptions as __HttpHandlerOptions,
  Logger as __Logger,
  Provider as __Provider,
  StreamCollector as __StreamCollector,
  UrlParser as __UrlParser,
  UserAgent as __UserAgent,
} from '@smithy/types';
import {
  defaultPcaConnectorAdHttpAuthSchemeParametersProvider,
  resolveHttpAuthSchemeConfig,
  type HttpAuthSchemeInputConfig,
  type HttpAuthSchemeResolvedConfig,
} from './auth.ts';
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
import {
  resolveClientEndpointParameters,
  type ClientInputEndpointParameters,
  type ClientResolvedEndpointParameters,
  type EndpointParameters,
} from './endpoint.ts';
import {
  getRuntimeConfig as __getRuntimeConfig,
  resolveRuntimeExtensions,
  type RuntimeExtension,
  type RuntimeExtensionsConfig,
} from './runtimeConfig.ts';

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

export interface ClientDefaults extends Partial<__SmithyConfiguration<__HttpHandlerOptions>> {
  requestHandler?: __HttpHandlerUserInput;
  sha256?: __ChecksumConstructor | __HashConstructor;
  urlParser?: __UrlParser;
  bodyLengthChecker?: __BodyLengthCalculator;
  streamCollector?: __StreamCollector;
  base64Decoder?: __Decoder;
  base64Encoder?: __Encoder;
  utf8Decoder?: __Decoder;
  utf8Encoder?: __Encoder;
  runtime?: string;
  disableHostPrefix?: boolean;
  /** `Pca Connector Ad`; selects `AWS_ENDPOINT_URL_PCA_CONNECTOR_AD` and the shared-config `services` key. */
  serviceId?: string;
  useDualstackEndpoint?: boolean | __Provider<boolean>;
  useFipsEndpoint?: boolean | __Provider<boolean>;
  region?: string | __Provider<string>;
  profile?: string;
  defaultUserAgentProvider?: __Provider<__UserAgent>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as in the generated clients
  credentialDefaultProvider?: (input: any) => AwsCredentialIdentityProvider;
  maxAttempts?: number | __Provider<number>;
  retryMode?: string | __Provider<string>;
  logger?: __Logger;
  extensions?: RuntimeExtension[];
  defaultsMode?: __DefaultsMode | __Provider<__DefaultsMode>;
}

export type PcaConnectorAdClientConfigType = Partial<__SmithyConfiguration<__HttpHandlerOptions>> &
  ClientDefaults &
  UserAgentInputConfig &
  RetryInputConfig &
  RegionInputConfig &
  HostHeaderInputConfig &
  EndpointInputConfig<EndpointParameters> &
  HttpAuthSchemeInputConfig &
  ClientInputEndpointParameters;

/** Constructor options of {@link PcaConnectorAdClient}: `region`, `credentials`, `endpoint`, `maxAttempts`, … */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- public name, as in the official package
export interface PcaConnectorAdClientConfig extends PcaConnectorAdClientConfigType {}

export type PcaConnectorAdClientResolvedConfigType = __SmithyResolvedConfiguration<__HttpHandlerOptions> &
  Required<ClientDefaults> &
  RuntimeExtensionsConfig &
  UserAgentResolvedConfig &
  RetryResolvedConfig &
  RegionResolvedConfig &
  HostHeaderResolvedConfig &
  EndpointResolvedConfig<EndpointParameters> &
  HttpAuthSchemeResolvedConfig &
  ClientResolvedEndpointParameters;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- public name, as in the official package
export interface PcaConnectorAdClientResolvedConfig extends PcaConnectorAdClientResolvedConfigType {}

/**
 * PCA Connector for AD client, composed like a generated v3 client: schema serde (restJson1), user agent, retry
 * (standard by default, `maxAttempts`), content length, host header, logger, recursion detection, endpoint
 * resolution (`endpoint`, `AWS_ENDPOINT_URL_PCA_CONNECTOR_AD`, region → `pca-connector-ad.{region}.amazonaws.com`),
 * SigV4 signing with the default credential provider chain.
 */
export class PcaConnectorAdClient extends __Client<
  __HttpHandlerOptions,
  ServiceInputTypes,
  ServiceOutputTypes,
  PcaConnectorAdClientResolvedConfig
> {
  override readonly config: PcaConnectorAdClientResolvedConfig;

  constructor(...[configuration]: __CheckOptionalClientConfig<PcaConnectorAdClientConfig>) {
    const config0 = __getRuntimeConfig(configuration || {});
    super(config0 as never);
    this.initConfig = config0;
    const config1 = resolveClientEndpointParameters(config0);
    const config2 = resolveUserAgentConfig(config1);
    const config3 = resolveRetryConfig(config2);
    const config4 = resolveRegionConfig(config3);
    const config5 = resolveHostHeaderConfig(config4);
    const config6 = resolveEndpointConfig(config5);
    const config7 = resolveHttpAuthSchemeConfig(config6);
    const config8 = resolveRuntimeExtensions(config7, configuration?.extensions || []);
    this.config = config8 as PcaConnectorAdClientResolvedConfig;
    this.middlewareStack.use(getSchemaSerdePlugin(this.config));
    this.middlewareStack.use(getUserAgentPlugin(this.config));
    this.middlewareStack.use(getRetryPlugin(this.config));
    this.middlewareStack.use(getContentLengthPlugin(this.config));
    this.middlewareStack.use(getHostHeaderPlugin(this.config));
    this.middlewareStack.use(getLoggerPlugin(this.config));
    this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
    this.middlewareStack.use(
      getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
        httpAuthSchemeParametersProvider: defaultPcaConnectorAdHttpAuthSchemeParametersProvider,
        identityProviderConfigProvider: async (config: PcaConnectorAdClientResolvedConfig) =>
          new DefaultIdentityProviderConfig({ 'aws.auth#sigv4': config.credentials }),
      }),
    );
    this.middlewareStack.use(getHttpSigningPlugin(this.config));
  }

  override destroy(): void {
    super.destroy();
  }
}
