/*
 * Loads statemachine/teardown.asl.json for serverless.yml, as serverless-definition.cjs does for the
 * provisioning ASL (see there why the ${...} placeholders become CloudFormation intrinsics here, and how).
 */
'use strict';
/* global require, module -- CommonJS: osls loads `${file(...cjs)}` resolvers with require() */
/* eslint-disable @typescript-eslint/no-require-imports */

const { loadDefinition } = require('./serverless-definition.cjs');

module.exports = () => loadDefinition('teardown.asl.json');
