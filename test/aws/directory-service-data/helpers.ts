import { DirectoryServiceDataClient } from '../../../src/aws/directory-service-data/index.ts';
import { clientMaker } from '../smithy-client/helpers.ts';

// The local server, SigV4 scope parser and fixed credentials both clients' tests use.
export * from '../smithy-client/helpers.ts';

export const MODEL_PATH = new URL('../../../../shared/reference/ds-data-2023-05-31.json', import.meta.url).pathname;

export const makeClient = clientMaker(DirectoryServiceDataClient);
