/**
 * The error names a fault may give an operation: the operation's errors in its service model (vendored in
 * ./models/operation-errors.json by `npm run gen:operation-errors` for the services whose model is in
 * ../shared/reference; the SDK's error classes of the service, or a service folder's own list, otherwise), plus the
 * errors any AWS API may answer.
 */
import { readFileSync } from 'node:fs';

/** The vendored file, relative to the project root. */
export const OPERATION_ERRORS_PATH = 'tools/local/emulator/core/models/operation-errors.json';

/** Emulated service -> its model file in ../shared/reference. */
export const OPERATION_ERROR_MODELS: Readonly<Record<string, string>> = {
  DirectoryService: 'ds-2015-04-16.json',
  PcaConnectorAd: 'pca-connector-ad-2018-05-10.json',
  ACMPCA: 'acm-pca-2017-08-22.json',
  RAM: 'ram-2018-01-04.json',
};

/** What of a service model is read here. */
export interface ServiceModel {
  metadata?: { uid?: string };
  operations: Record<string, { errors?: { shape: string }[] }>;
}

export interface OperationErrors {
  /** Service -> the model's uid. */
  source: Record<string, string>;
  /** Service -> operation -> its modelled error names, sorted. */
  operations: Record<string, Record<string, string[]>>;
}

/** The vendored document from the models. */
export const operationErrorsFrom = (models: Readonly<Record<string, ServiceModel>>): OperationErrors => ({
  source: Object.fromEntries(Object.entries(models).map(([service, m]) => [service, m.metadata?.uid ?? ''])),
  operations: Object.fromEntries(
    Object.entries(models).map(([service, m]) => [
      service,
      Object.fromEntries(Object.keys(m.operations).sort().map((op) => [op, (m.operations[op]?.errors ?? []).map((e) => e.shape).sort()])),
    ]),
  ),
});

let vendored: OperationErrors | undefined;

/** The modelled errors of `service`'s `op` (undefined: the service's model is not vendored, or it has no such op). */
export const modelledErrors = (service: string, op: string): readonly string[] | undefined => {
  vendored ??= JSON.parse(readFileSync(new URL('./models/operation-errors.json', import.meta.url), 'utf8')) as OperationErrors;
  return vendored.operations[service]?.[op];
};

/**
 * Errors any AWS API may answer beside its modelled ones (AWS's "Common Errors" reference; ValidationException and
 * ThrottlingException as JSON protocols name them).
 */
export const COMMON_ERRORS: readonly string[] = [
  'AccessDeniedException',
  'ExpiredTokenException',
  'IncompleteSignature',
  'InternalFailure',
  'InvalidAction',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'NotAuthorized',
  'OptInRequired',
  'RequestExpired',
  'ServiceUnavailable',
  'ThrottlingException',
  'UnrecognizedClientException',
  'ValidationError',
  'ValidationException',
];

/** The error classes an SDK v3 client package exports (subclasses of its service exception), by name. */
export const sdkErrorNames = (sdk: Record<string, unknown>, serviceException: abstract new (...args: never[]) => Error): string[] =>
  Object.entries(sdk).flatMap(([name, value]) =>
    typeof value === 'function' && (value as { prototype?: unknown }).prototype instanceof serviceException ? [name] : [],
  );
