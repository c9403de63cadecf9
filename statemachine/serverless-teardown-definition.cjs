/*
 * Loads statemachine/teardown.asl.json for serverless.yml, as serverless-definition.cjs does for the
 * provisioning ASL (see there why the ${...} placeholders become CloudFormation intrinsics here).
 */
'use strict';
/* global require, module -- CommonJS: osls loads `${file(...cjs)}` resolvers with require() */
/* eslint-disable @typescript-eslint/no-require-imports */

const { loadDefinition } = require('./serverless-definition.cjs');

/** Placeholder -> CloudFormation intrinsic (function keys as in serverless/teardown.yml). */
const SUBSTITUTIONS = {
  DiscoverResourcesFunctionArn: { 'Fn::GetAtt': ['discoverResources', 'Arn'] },
  DeleteConnectorsFunctionArn: { 'Fn::GetAtt': ['deleteConnectors', 'Arn'] },
  DeleteDirectoriesFunctionArn: { 'Fn::GetAtt': ['deleteDirectories', 'Arn'] },
  DeletePasswordSecretFunctionArn: { 'Fn::GetAtt': ['deletePasswordSecret', 'Arn'] },
  EventBusName: { Ref: 'EventBus' },
};

module.exports = () => loadDefinition('teardown.asl.json', SUBSTITUTIONS);
module.exports.SUBSTITUTIONS = SUBSTITUTIONS;
