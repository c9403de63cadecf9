'use strict';
/* global module -- CommonJS: osls loads local plugins with require() */
/**
 * The REST API's stage as a CloudFormation resource (`ApiGatewayStage` in serverless/triggers-resources.yml: X-Ray
 * tracing, JSON access logs to its own log group, tags), so the template states what the stage is. The framework
 * creates the stage through its deployment (`StageName`) and applies tracing and logs with SDK calls after the
 * deploy, outside the template; here the deployment creates no stage and the stage resource points at it.
 */
function ApiStage(serverless) {
  this.hooks = {
    'after:aws:package:finalize:mergeCustomProviderResources': () => {
      const resources = serverless.service.provider.compiledCloudFormationTemplate.Resources;
      const stage = resources.ApiGatewayStage;
      const deployments = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::ApiGateway::Deployment');
      if (!stage || deployments.length !== 1) {
        throw new Error(`api-stage: expected ApiGatewayStage and one API deployment, found ${deployments.length} deployment(s)`);
      }
      const [deployment] = deployments;
      delete resources[deployment].Properties.StageName;
      stage.Properties.DeploymentId = { Ref: deployment };
    },
  };
}

module.exports = ApiStage;
