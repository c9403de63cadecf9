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
  ChecksumConstructor as __ChecksumConstructor,
  Decoder as __Decoder,
  Encoder as __Encoder,
  HashConstructor as __HashConstructor,
  HttpHandlerOptions as __HttpHandlerOptions,
  Logger as __Logger,
  MetadataBearer as __MetadataBearer,
  Provider as __Provider,
  StreamCollector as __StreamCollector,
  UrlParser as __UrlParser,
  UserAgent as __UserAgent,
} from '@smithy/types';
import {
  resolveHttpAuthSchemeConfig,
  sigV4AuthSchemeParametersProvider,
  type HttpAuthSchemeInputConfig,
  type HttpAuthSchemeResolvedConfig,
} from './auth.ts';
import {
  resolveClientEndpointParameters,
  type ClientInputEndpointParameters,
  type ClientResolvedEndpointParameters,
  type EndpointParameters,
} from './endpoint.ts';
import {
  resolveRuntimeExtensions,
  type RuntimeConfig,
  type RuntimeExtension,
  type RuntimeExtensionsConfig,
} from './runtimeConfig.ts';

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
  /** The model's `serviceId`; selects `AWS_ENDPOINT_URL_{SERVICE_ID}` and the shared-config `services` key. */
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

/** Constructor options of a client: `region`, `credentials`, `endpoint`, `maxAttempts`, … */
export type ClientConfig = Partial<__SmithyConfiguration<__HttpHandlerOptions>> &
  ClientDefaults &
  UserAgentInputConfig &
  RetryInputConfig &
  RegionInputConfig &
  HostHeaderInputConfig &
  EndpointInputConfig<EndpointParameters> &
  HttpAuthSchemeInputConfig &
  ClientInputEndpointParameters;

export type ClientResolvedConfig = __SmithyResolvedConfiguration<__HttpHandlerOptions> &
  Required<ClientDefaults> &
  RuntimeExtensionsConfig &
  UserAgentResolvedConfig &
  RetryResolvedConfig &
  RegionResolvedConfig &
  HostHeaderResolvedConfig &
  EndpointResolvedConfig<EndpointParameters> &
  HttpAuthSchemeResolvedConfig &
  ClientResolvedEndpointParameters;

/**
 * A service's client, composed as a generated v3 client is: the runtime defaults from `getRuntimeConfig`, then schema
 * serde (restJson1), user agent, retry (standard by default, `maxAttempts`), content length, host header, logger,
 * recursion detection, endpoint resolution (`endpoint`, `AWS_ENDPOINT_URL_{SERVICE_ID}`, the rule set), SigV4 signing
 * as `signingName` with the default credential provider chain.
 */
export class ServiceClient<Input extends object, Output extends __MetadataBearer> extends __Client<
  __HttpHandlerOptions,
  Input,
  Output,
  ClientResolvedConfig
> {
  override readonly config: ClientResolvedConfig;

  constructor(getRuntimeConfig: (config: ClientConfig) => RuntimeConfig, signingName: string, configuration: ClientConfig = {}) {
    const config0 = getRuntimeConfig(configuration);
    super(config0 as never);
    this.initConfig = config0;
    const config1 = resolveClientEndpointParameters(config0, signingName);
    const config2 = resolveUserAgentConfig(config1);
    const config3 = resolveRetryConfig(config2);
    const config4 = resolveRegionConfig(config3);
    const config5 = resolveHostHeaderConfig(config4);
    const config6 = resolveEndpointConfig(config5);
    const config7 = resolveHttpAuthSchemeConfig(config6);
    this.config = resolveRuntimeExtensions(config7, configuration.extensions ?? []) as ClientResolvedConfig;
    this.middlewareStack.use(getSchemaSerdePlugin(this.config));
    this.middlewareStack.use(getUserAgentPlugin(this.config));
    this.middlewareStack.use(getRetryPlugin(this.config));
    this.middlewareStack.use(getContentLengthPlugin(this.config));
    this.middlewareStack.use(getHostHeaderPlugin(this.config));
    this.middlewareStack.use(getLoggerPlugin(this.config));
    this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
    this.middlewareStack.use(
      getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
        httpAuthSchemeParametersProvider: sigV4AuthSchemeParametersProvider,
        identityProviderConfigProvider: async (config: ClientResolvedConfig) =>
          new DefaultIdentityProviderConfig({ 'aws.auth#sigv4': config.credentials }),
      }),
    );
    this.middlewareStack.use(getHttpSigningPlugin(this.config));
  }
}
