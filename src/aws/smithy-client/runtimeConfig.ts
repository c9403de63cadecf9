/**
 * Node.js runtime defaults, the same ones a generated v3 client (e.g. `@aws-sdk/client-sfn`) uses: region/maxAttempts/
 * retryMode/FIPS/dual-stack from env + shared config files, the default credential provider chain, NodeHttpHandler,
 * SigV4, the schema-based restJson1 protocol.
 */
import {
  createDefaultUserAgentProvider,
  emitWarningIfUnsupportedVersion as awsCheckVersion,
  getAwsRegionExtensionConfiguration,
  NODE_APP_ID_CONFIG_OPTIONS,
  resolveAwsRegionExtensionConfiguration,
} from '@aws-sdk/core/client';
import { AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } from '@aws-sdk/core/httpAuthSchemes';
import { AwsRestJsonProtocol } from '@aws-sdk/core/protocols';
import { defaultProvider as credentialDefaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import {
  emitWarningIfUnsupportedVersion,
  getDefaultExtensionConfiguration,
  loadConfigsForDefaultMode,
  NoOpLogger,
  resolveDefaultRuntimeConfig,
} from '@smithy/core/client';
import {
  loadConfig as loadNodeConfig,
  NODE_REGION_CONFIG_FILE_OPTIONS,
  NODE_REGION_CONFIG_OPTIONS,
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
  resolveDefaultsModeConfig,
} from '@smithy/core/config';
import {
  getHttpHandlerExtensionConfiguration,
  parseUrl,
  resolveHttpHandlerRuntimeConfig,
} from '@smithy/core/protocols';
import { DEFAULT_RETRY_MODE, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, NODE_RETRY_MODE_CONFIG_OPTIONS } from '@smithy/core/retry';
import type { TypeRegistry } from '@smithy/core/schema';
import { calculateBodyLength, fromBase64, fromUtf8, toBase64, toUtf8 } from '@smithy/core/serde';
import { NodeHttpHandler, streamCollector } from '@smithy/node-http-handler';
import type { HttpAuthScheme, IdentityProviderConfig } from '@smithy/types';
import {
  getHttpAuthExtensionConfiguration,
  resolveHttpAuthRuntimeConfig,
  sigV4AuthSchemeProvider,
  type HttpAuthExtensionConfiguration,
} from './auth.ts';
import type { ClientConfig } from './client.ts';
import type { EndpointResolver } from './endpoint.ts';

/** What a service's model says that its client's runtime defaults depend on. */
export interface ServiceModel {
  /** `serviceId`: the SDK derives the endpoint variable (`AWS_ENDPOINT_URL_…`) and the user agent's `api/…` from it. */
  serviceId: string;
  apiVersion: string;
  /** The service shape's name, the restJson1 protocol's `serviceTarget`. */
  serviceTarget: string;
  /** The SigV4 signing name every operation is signed with. */
  signingName: string;
  /** The schemas' namespace and the error type registries that map error codes to classes. */
  namespace: string;
  errorTypeRegistries: TypeRegistry[];
  /** Resolves the endpoint by the service's published rule set (see `ruleSetEndpointResolver`). */
  endpointResolver: EndpointResolver;
}

/** Version reported in the user agent (`api/{service}#…`): these in-repo clients, not an npm release. */
export const CLIENT_VERSION = '0.1.0';

/** The `getRuntimeConfig` of a service's client: its model's defaults, overridden by the constructor's options. */
export const runtimeConfigFactory = (service: ServiceModel) => {
  const httpAuthSchemeProvider = sigV4AuthSchemeProvider(service.signingName);
  const getSharedRuntimeConfig = (config: ClientConfig) => ({
    apiVersion: service.apiVersion,
    base64Decoder: config.base64Decoder ?? fromBase64,
    base64Encoder: config.base64Encoder ?? toBase64,
    disableHostPrefix: config.disableHostPrefix ?? false,
    endpointProvider: config.endpointProvider ?? service.endpointResolver,
    extensions: config.extensions ?? [],
    httpAuthSchemeProvider: config.httpAuthSchemeProvider ?? httpAuthSchemeProvider,
    httpAuthSchemes: config.httpAuthSchemes ?? [
      {
        schemeId: 'aws.auth#sigv4',
        identityProvider: (ipc: IdentityProviderConfig) => ipc.getIdentityProvider('aws.auth#sigv4'),
        signer: new AwsSdkSigV4Signer(),
      } satisfies HttpAuthScheme,
    ],
    logger: config.logger ?? new NoOpLogger(),
    protocol: config.protocol ?? AwsRestJsonProtocol,
    protocolSettings: config.protocolSettings ?? {
      defaultNamespace: service.namespace,
      errorTypeRegistries: service.errorTypeRegistries,
      version: service.apiVersion,
      serviceTarget: service.serviceTarget,
    },
    serviceId: config.serviceId ?? service.serviceId,
    sha256: config.sha256 ?? Sha256,
    urlParser: config.urlParser ?? parseUrl,
    utf8Decoder: config.utf8Decoder ?? fromUtf8,
    utf8Encoder: config.utf8Encoder ?? toUtf8,
  });

  return (config: ClientConfig) => {
    emitWarningIfUnsupportedVersion(process.version);
    const defaultsMode = resolveDefaultsModeConfig(config);
    const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
    const clientSharedValues = getSharedRuntimeConfig(config);
    awsCheckVersion(process.version);
    const loaderConfig = { profile: config.profile, logger: clientSharedValues.logger };
    return {
      ...clientSharedValues,
      ...config,
      runtime: 'node',
      defaultsMode,
      authSchemePreference:
        config.authSchemePreference ?? loadNodeConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
      bodyLengthChecker: config.bodyLengthChecker ?? calculateBodyLength,
      credentialDefaultProvider: config.credentialDefaultProvider ?? credentialDefaultProvider,
      defaultUserAgentProvider:
        config.defaultUserAgentProvider ??
        createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: CLIENT_VERSION }),
      maxAttempts: config.maxAttempts ?? loadNodeConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
      region:
        config.region ?? loadNodeConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
      requestHandler: NodeHttpHandler.create(config.requestHandler ?? defaultConfigProvider),
      retryMode:
        config.retryMode ??
        loadNodeConfig(
          {
            ...NODE_RETRY_MODE_CONFIG_OPTIONS,
            default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE,
          },
          config,
        ),
      streamCollector: config.streamCollector ?? streamCollector,
      useDualstackEndpoint:
        config.useDualstackEndpoint ?? loadNodeConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
      useFipsEndpoint: config.useFipsEndpoint ?? loadNodeConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
      userAgentAppId: config.userAgentAppId ?? loadNodeConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
  };
};

export type RuntimeConfig = ReturnType<ReturnType<typeof runtimeConfigFactory>>;

// ------------------------------------------------------------------------------------------- runtime extensions

type AwsRegionExtensionConfiguration = ReturnType<typeof getAwsRegionExtensionConfiguration>;
type HttpHandlerExtensionConfiguration = ReturnType<typeof getHttpHandlerExtensionConfiguration>;
type DefaultExtensionConfiguration = ReturnType<typeof getDefaultExtensionConfiguration>;

/** What an `extensions` entry may read and change: region, HTTP handler, retry, checksums, auth. */
export interface ExtensionConfiguration
  extends HttpHandlerExtensionConfiguration,
    DefaultExtensionConfiguration,
    AwsRegionExtensionConfiguration,
    HttpAuthExtensionConfiguration {}

export interface RuntimeExtension {
  configure(extensionConfiguration: ExtensionConfiguration): void;
}

export interface RuntimeExtensionsConfig {
  extensions: RuntimeExtension[];
}

/** Lets each `extensions` entry reconfigure region, HTTP handler, retry, auth…, then writes the result back. */
export const resolveRuntimeExtensions = <T extends object>(runtimeConfig: T, extensions: RuntimeExtension[]): T => {
  const config = runtimeConfig as Parameters<typeof getDefaultExtensionConfiguration>[0] &
    Parameters<typeof getAwsRegionExtensionConfiguration>[0] &
    Parameters<typeof getHttpHandlerExtensionConfiguration>[0] &
    Parameters<typeof getHttpAuthExtensionConfiguration>[0];
  const extensionConfiguration: ExtensionConfiguration = Object.assign(
    getAwsRegionExtensionConfiguration(config),
    getDefaultExtensionConfiguration(config),
    getHttpHandlerExtensionConfiguration(config),
    getHttpAuthExtensionConfiguration(config),
  );
  extensions.forEach((extension) => extension.configure(extensionConfiguration));
  return Object.assign(
    runtimeConfig,
    resolveAwsRegionExtensionConfiguration(extensionConfiguration),
    resolveDefaultRuntimeConfig(extensionConfiguration),
    resolveHttpHandlerRuntimeConfig(extensionConfiguration),
    resolveHttpAuthRuntimeConfig(extensionConfiguration),
  );
};
