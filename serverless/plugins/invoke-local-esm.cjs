'use strict';
/* global require, module -- CommonJS: osls loads local plugins with require() */
/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * `serverless invoke local` for the .mjs bundles. osls's local invoker loads a handler file by trying no extension,
 * then `.js`/`.cjs` (serverless#11308): it never finds serverless-esbuild's `.mjs`. Listed after serverless-esbuild,
 * this points the invoked function's handler at the built `.mjs` (osls then require()s it: Node >= 22.12 loads ES
 * modules that way). The packaged handlers are unchanged.
 *
 * The `local` stage holds plain values for what a deployed stack would resolve (`!Ref` of the coordination table and the state
 * machine): it is for invoke local against the local world (`npm run world`) and cannot be packaged or deployed.
 */
const fs = require('node:fs');
const path = require('node:path');

class InvokeLocalEsm {
  constructor(serverless, options) {
    this.serverless = serverless;
    this.options = options;
    this.hooks = {
      'before:invoke:local:invoke': () => this.pointAtMjs(),
      'before:package:initialize': () => this.refuseLocalStage(),
    };
  }

  pointAtMjs() {
    const fn = this.options.functionObj ?? this.serverless.service.getFunction(this.options.function);
    const dot = fn.handler.lastIndexOf('.');
    const file = fn.handler.slice(0, dot);
    const name = fn.handler.slice(dot + 1);
    const dir = path.join(this.serverless.serviceDir, this.options.extraServicePath ?? '');
    if (!file.endsWith('.mjs') && fs.existsSync(path.join(dir, `${file}.mjs`))) fn.handler = `${file}.mjs.${name}`;
  }

  refuseLocalStage() {
    if (this.serverless.service.provider.stage === 'local') {
      throw new Error('the "local" stage is for `serverless invoke local` against the local world; package or deploy another stage');
    }
  }
}

module.exports = InvokeLocalEsm;
