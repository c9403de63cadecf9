/**
 * The one place the product imports the Directory Service Data SDK from. Today it is the in-repo client
 * (src/aws/directory-service-data/, because our registry does not serve the official package); switching to the
 * official `@aws-sdk/client-directory-service-data` is this one line:
 *
 *   export * from '@aws-sdk/client-directory-service-data';
 */
export * from './directory-service-data/index.ts';
