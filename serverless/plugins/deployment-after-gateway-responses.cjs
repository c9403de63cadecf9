'use strict';
/* global module -- CommonJS: osls loads local plugins with require() */
/**
 * The framework makes the API Gateway deployment depend on the methods only, so on a first deploy CloudFormation may
 * create it before the template's gateway responses and the stage would serve API Gateway's default 400 body. This
 * adds every AWS::ApiGateway::GatewayResponse of the merged template to each deployment's DependsOn.
 */
function DeploymentAfterGatewayResponses(serverless) {
  this.hooks = {
    'after:aws:package:finalize:mergeCustomProviderResources': () => {
      const resources = serverless.service.provider.compiledCloudFormationTemplate.Resources;
      const responses = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::ApiGateway::GatewayResponse');
      for (const resource of Object.values(resources)) {
        if (resource.Type !== 'AWS::ApiGateway::Deployment') continue;
        const dependsOn = [resource.DependsOn ?? []].flat();
        resource.DependsOn = [...new Set([...dependsOn, ...responses])];
      }
    },
  };
}

module.exports = DeploymentAfterGatewayResponses;
