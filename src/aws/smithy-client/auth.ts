import {
  resolveAwsSdkSigV4Config,
  type AwsSdkSigV4AuthInputConfig,
  type AwsSdkSigV4AuthResolvedConfig,
  type AwsSdkSigV4PreviouslyResolved,
} from '@aws-sdk/core/httpAuthSchemes';
import { getSmithyContext, normalizeProvider } from '@smithy/core/client';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  HandlerExecutionContext,
  HttpAuthOption,
  HttpAuthScheme,
  HttpAuthSchemeParameters,
  HttpAuthSchemeProvider,
  Provider,
} from '@smithy/types';

/** Parameters of the SigV4 (`aws.auth#sigv4`) auth scheme every operation of these services uses. */
export interface SigV4AuthSchemeParameters extends HttpAuthSchemeParameters {
  region?: string;
}

export type SigV4AuthSchemeProvider = HttpAuthSchemeProvider<SigV4AuthSchemeParameters>;

export const sigV4AuthSchemeParametersProvider = async (
  config: { region: string | Provider<string> },
  context: HandlerExecutionContext,
  _input: object,
): Promise<SigV4AuthSchemeParameters> => ({
  operation: getSmithyContext(context).operation as string,
  region:
    (await normalizeProvider(config.region)()) ||
    (() => {
      throw new Error('expected `region` to be configured for `aws.auth#sigv4`');
    })(),
});

/** The auth scheme provider of a service whose model signs every operation with SigV4 as `signingName`. */
export const sigV4AuthSchemeProvider =
  (signingName: string): SigV4AuthSchemeProvider =>
  (authParameters): HttpAuthOption[] => [
    {
      schemeId: 'aws.auth#sigv4',
      signingProperties: { name: signingName, region: authParameters.region },
      propertiesExtractor: (config: object, context: HandlerExecutionContext) => ({
        signingProperties: { config, context },
      }),
    },
  ];

export interface HttpAuthSchemeInputConfig extends AwsSdkSigV4AuthInputConfig {
  authSchemePreference?: string[] | Provider<string[]>;
  httpAuthSchemes?: HttpAuthScheme[];
  httpAuthSchemeProvider?: SigV4AuthSchemeProvider;
}

export interface HttpAuthSchemeResolvedConfig extends AwsSdkSigV4AuthResolvedConfig {
  readonly authSchemePreference: Provider<string[]>;
  readonly httpAuthSchemes: HttpAuthScheme[];
  readonly httpAuthSchemeProvider: SigV4AuthSchemeProvider;
}

export const resolveHttpAuthSchemeConfig = <T>(
  config: T & HttpAuthSchemeInputConfig & AwsSdkSigV4PreviouslyResolved,
): T & HttpAuthSchemeResolvedConfig => {
  const config0 = resolveAwsSdkSigV4Config(config);
  return Object.assign(config0, {
    authSchemePreference: normalizeProvider(config.authSchemePreference ?? []),
  }) as T & HttpAuthSchemeResolvedConfig;
};

// Runtime-extension hooks for auth (`extensions: [{ configure(c) { c.setCredentials(…) } }]`), as generated clients.
export interface HttpAuthExtensionConfiguration {
  setHttpAuthScheme(httpAuthScheme: HttpAuthScheme): void;
  httpAuthSchemes(): HttpAuthScheme[];
  setHttpAuthSchemeProvider(httpAuthSchemeProvider: SigV4AuthSchemeProvider): void;
  httpAuthSchemeProvider(): SigV4AuthSchemeProvider;
  setCredentials(credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider): void;
  credentials(): AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
}

export interface HttpAuthRuntimeConfig {
  httpAuthSchemes?: HttpAuthScheme[];
  httpAuthSchemeProvider: SigV4AuthSchemeProvider;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export const getHttpAuthExtensionConfiguration = (
  runtimeConfig: HttpAuthRuntimeConfig,
): HttpAuthExtensionConfiguration => {
  const schemes = runtimeConfig.httpAuthSchemes ?? [];
  let provider = runtimeConfig.httpAuthSchemeProvider;
  let credentials = runtimeConfig.credentials;
  return {
    setHttpAuthScheme(scheme) {
      const index = schemes.findIndex((s) => s.schemeId === scheme.schemeId);
      if (index === -1) schemes.push(scheme);
      else schemes.splice(index, 1, scheme);
    },
    httpAuthSchemes: () => schemes,
    setHttpAuthSchemeProvider(p) {
      provider = p;
    },
    httpAuthSchemeProvider: () => provider,
    setCredentials(c) {
      credentials = c;
    },
    credentials: () => credentials,
  };
};

export const resolveHttpAuthRuntimeConfig = (config: HttpAuthExtensionConfiguration): Partial<HttpAuthRuntimeConfig> => ({
  httpAuthSchemes: config.httpAuthSchemes(),
  httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
  credentials: config.credentials(),
});
