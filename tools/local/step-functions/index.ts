/** The local Step Functions service (executions, redrive, history) and its HTTP endpoint. */
export { HISTORY_RETENTION_DAYS, LocalStepFunctions, SfnError } from './service.ts';
export type { ExecutionStatus, LocalSfnOptions, StatusChangeEvent } from './service.ts';
export { startSfnServer, toWire } from './server.ts';
export type { SfnServer } from './server.ts';
