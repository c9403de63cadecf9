export { LocalStepFunctions, SfnError } from './service.ts';
export type { ExecutionStatus, LocalSfnOptions } from './service.ts';
export { startSfnServer, toWire } from './server.ts';
export type { SfnServer } from './server.ts';
export { startLocalWorld } from './world.ts';
export type { LocalWorld, LocalWorldOptions } from './world.ts';
