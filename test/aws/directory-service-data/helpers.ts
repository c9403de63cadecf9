import { DirectoryServiceDataClient } from '../../../src/aws/directory-service-data/index.ts';
import { clientMaker } from '../smithy-client/helpers.ts';

export {
  clientOnLocalServer,
  credentialScope,
  CREDENTIALS,
  DIRECTORY_ID,
  REGION,
  startServer,
} from '../smithy-client/helpers.ts';
export type { LocalServer, RecordedRequest, Reply } from '../smithy-client/helpers.ts';

export const MODEL_PATH = new URL('../../../../shared/reference/ds-data-2023-05-31.json', import.meta.url).pathname;
export const RULE_SET_PATH = new URL('../../../../shared/reference/ds-data-2023-05-31.endpoint-rule-set.json', import.meta.url)
  .pathname;

export const makeClient = clientMaker(DirectoryServiceDataClient);
