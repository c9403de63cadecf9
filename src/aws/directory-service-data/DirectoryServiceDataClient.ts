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
  defaultDirectoryServiceDataHttpAuthSchemeParametersProvider,
  resolveHttpAuthSchemeConfig,
  type HttpAuthSchemeInputConfig,
  type HttpAuthSchemeResolvedConfig,
} from './auth.ts';
import type {
  CreateGroupCommandInput,
  CreateGroupCommandOutput,
  DescribeGroupCommandInput,
  DescribeGroupCommandOutput,
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

export { __Client };

export type ServiceInputTypes = CreateGroupCommandInput | DescribeGroupCommandInput;

export type ServiceOutputTypes = CreateGroupCommandOutput | DescribeGroupCommandOutput;

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
  /** `Directory Service Data`; selects `AWS_ENDPOINT_URL_DIRECTORY_SERVICE_DATA` and the shared-config `services` key. */
  serviceId?: string;
  useDualstackEndpoint?: boolean | __Provider<boolean>;
  useFipsEndpoint?: boolean | __Provider<boolean>;
  region?: string | __Provider<string>;
  profile?: string;
  defaultUserAgentProvider?: __Provider<__UserAgent>;
  credentialDefaultProvider?: (input: object) => AwsCredentialIdentityProvider;
  maxAttempts?: number | __Provider<number>;
  retryMode?: string | __Provider<string>;
  logger?: __Logger;
  extensions?: RuntimeExtension[];
  defaultsMode?: __DefaultsMode | __Provider<__DefaultsMode>;
}

export type DirectoryServiceDataClientConfigType = Partial<__SmithyConfiguration<__HttpHandlerOptions>> &
  ClientDefaults &
  UserAgentInputConfig &
  RetryInputConfig &
  RegionInputConfig &
  HostHeaderInputConfig &
  EndpointInputConfig<EndpointParameters> &
  HttpAuthSchemeInputConfig &
  ClientInputEndpointParameters;

/** Constructor options of {@link DirectoryServiceDataClient}: `region`, `credentials`, `endpoint`, `maxAttempts`, … */
export type DirectoryServiceDataClientConfig = DirectoryServiceDataClientConfigType;

export type DirectoryServiceDataClientResolvedConfigType = __SmithyResolvedConfiguration<__HttpHandlerOptions> &
  Required<ClientDefaults> &
  RuntimeExtensionsConfig &
  UserAgentResolvedConfig &
  RetryResolvedConfig &
  RegionResolvedConfig &
  HostHeaderResolvedConfig &
  EndpointResolvedConfig<EndpointParameters> &
  HttpAuthSchemeResolvedConfig &
  ClientResolvedEndpointParameters;

export type DirectoryServiceDataClientResolvedConfig = DirectoryServiceDataClientResolvedConfigType;

/**
 * Directory Service Data client, composed like a generated v3 client: schema serde (restJson1), user agent, retry
 * (standard by default, `maxAttempts`), content length, host header, logger, recursion detection, endpoint
 * resolution (`endpoint`, `AWS_ENDPOINT_URL_DIRECTORY_SERVICE_DATA`, the rule set: `ds-data.{region}.amazonaws.com`),
 * SigV4 signing as `ds-data` with the default credential provider chain.
 */
export class DirectoryServiceDataClient extends __Client<
  __HttpHandlerOptions,
  ServiceInputTypes,
  ServiceOutputTypes,
  DirectoryServiceDataClientResolvedConfig
> {
  override readonly config: DirectoryServiceDataClientResolvedConfig;

  constructor(...[configuration]: __CheckOptionalClientConfig<DirectoryServiceDataClientConfig>) {
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
    this.config = config8 as DirectoryServiceDataClientResolvedConfig;
    this.middlewareStack.use(getSchemaSerdePlugin(this.config));
    this.middlewareStack.use(getUserAgentPlugin(this.config));
    this.middlewareStack.use(getRetryPlugin(this.config));
    this.middlewareStack.use(getContentLengthPlugin(this.config));
    this.middlewareStack.use(getHostHeaderPlugin(this.config));
    this.middlewareStack.use(getLoggerPlugin(this.config));
    this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
    this.middlewareStack.use(
      getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
        httpAuthSchemeParametersProvider: defaultDirectoryServiceDataHttpAuthSchemeParametersProvider,
        identityProviderConfigProvider: async (config: DirectoryServiceDataClientResolvedConfig) =>
          new DefaultIdentityProviderConfig({ 'aws.auth#sigv4': config.credentials }),
      }),
    );
    this.middlewareStack.use(getHttpSigningPlugin(this.config));
  }

  override destroy(): void {
    super.destroy();
  }
}
