import { PcaConnectorAdClient } from '../../../src/aws/pca-connector-ad/index.ts';
import { clientMaker } from '../smithy-client/helpers.ts';

// The local server, SigV4 scope parser and fixed credentials both clients' tests use.
export * from '../smithy-client/helpers.ts';

export const CA_ARN =
  'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555';
export const CONNECTOR_ARN =
  'arn:aws:pca-connector-ad:us-east-1:123456789012:connector/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const REGISTRATION_ARN = 'arn:aws:pca-connector-ad:us-east-1:123456789012:directory-registration/d-1234567890';

export const makeClient = clientMaker(PcaConnectorAdClient);
