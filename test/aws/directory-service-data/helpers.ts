import {
  DirectoryServiceDataClient,
  type DirectoryServiceDataClientConfig,
} from '../../../src/aws/directory-service-data/index.ts';
import { CREDENTIALS, REGION } from '../pca-connector-ad/helpers.ts';

// The local HTTP server, SigV4 scope parser and fixed credentials are the PCA client tests' own.
export { credentialScope, CREDENTIALS, DIRECTORY_ID, REGION, startServer } from '../pca-connector-ad/helpers.ts';
export type { LocalServer, RecordedRequest, Reply } from '../pca-connector-ad/helpers.ts';

export const MODEL_PATH = new URL('../../../../shared/reference/ds-data-2023-05-31.json', import.meta.url).pathname;
export const RULE_SET_PATH = new URL('../../../../shared/reference/ds-data-2023-05-31.endpoint-rule-set.json', import.meta.url)
  .pathname;

export const makeClient = (endpoint: string | undefined, config: DirectoryServiceDataClientConfig = {}) =>
  new DirectoryServiceDataClient({
    region: REGION,
    credentials: CREDENTIALS,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...config,
  });
