'use strict';
/* global module -- CommonJS: osls loads local plugins with require() */
/**
 * This project deploys with its own osls (the open-source Serverless Framework v3 line, `devDependencies`), whose
 * version 4.x also satisfies `frameworkVersion: '>=4.0.0 <5.0.0'`, as does Serverless Inc.'s v4 (a different product,
 * with a login and other plugins' behaviour). Listed first in `plugins`, this stops any other framework with one line
 * saying what to run instead.
 */
const isOsls = (serverless) => {
  const where = serverless && serverless.config && serverless.config.serverlessPath;
  return typeof where === 'string' && where.split(/[\\/]/).includes('osls');
};

function RequireOsls(serverless) {
  if (!isOsls(serverless)) {
    const version = (serverless && serverless.version) || 'unknown';
    throw new Error(
      `This project deploys with its own osls, not this Serverless Framework (${version}): run \`npx serverless …\` or ` +
        '`npm run deploy` / `npm run remove` from the project directory after `npm ci`.',
    );
  }
  this.hooks = {};
}

module.exports = RequireOsls;
