/**
 * The one place the product imports the PCA Connector for AD SDK from. Today it is the in-repo client
 * (src/aws/pca-connector-ad/, because our registry does not serve the official package); switching to the official
 * `@aws-sdk/client-pca-connector-ad` is this one line:
 *
 *   export * from '@aws-sdk/client-pca-connector-ad';
 */
export * from './pca-connector-ad/index.ts';
