/**
 * The business metrics of a provisioning, decided from what a Task handler returned or threw (pure: the wrapper in
 * src/lib/wrap-handler.ts publishes them as CloudWatch EMF). Dimensions are names from a fixed vocabulary (state,
 * directory type, error name): never an id, a value of the request or a secret.
 */
import type { ConnectorPollState, DirectoryPollState } from '../contract.ts';
import { ERROR_CATALOG, RECORD_STATES, machineOf } from '../workflow/catalog.ts';
import type { CatalogStateName } from '../workflow/catalog.ts';
import { CONNECTOR_ACTIVE, DIRECTORY_ACTIVE } from '../workflow/stages.ts';
import { DELETION_PENDING_ERRORS } from '../workflow/teardown-waits.ts';
import { NOT_READY_ERRORS, SHORT_WAIT_ERRORS } from '../workflow/waits.ts';

export const METRIC_NAMES = [
  'ProvisioningSucceeded',
  'ProvisioningFailed',
  'DirectoryCreated',
  'DirectoryAdopted',
  'ConnectorCreated',
  'ConnectorAdopted',
  'DirectoryActiveSeconds',
  'ConnectorActiveSeconds',
  'RetriedErrors',
  'EventsRejected',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export interface MetricPoint {
  name: MetricName;
  unit: 'Count' | 'Seconds';
  value: number;
  dimensions: Record<string, string>;
}

const count = (name: MetricName, dimensions: Record<string, string> = {}): MetricPoint => ({ name, unit: 'Count', value: 1, dimensions });

/** An error name as a dimension value: names are short identifiers; anything else is `Other`. */
export const errorDimension = (name: string): string => (/^[A-Za-z][A-Za-z0-9_.]{0,63}$/.test(name) ? name : 'Other');

const isDirectoryState = (v: unknown): v is DirectoryPollState =>
  typeof v === 'object' && v !== null && typeof (v as DirectoryPollState).Stage === 'string' && typeof (v as DirectoryPollState).DirectoryType === 'string';
const isConnectorState = (v: unknown): v is ConnectorPollState =>
  typeof v === 'object' && v !== null && typeof (v as ConnectorPollState).Status === 'string';

/** What a Task's result says about the provisioning. */
export const metricsForResult = (state: CatalogStateName, result: unknown): MetricPoint[] => {
  const out: MetricPoint[] = [];
  if ((state === 'CreateDirectory' || state === 'GetDirectoryStage') && isDirectoryState(result)) {
    const type = { DirectoryType: result.DirectoryType };
    if (state === 'CreateDirectory') out.push(count(result.Adopted ? 'DirectoryAdopted' : 'DirectoryCreated', type));
    if (state === 'GetDirectoryStage' && result.Stage === DIRECTORY_ACTIVE) {
      // The poll's measure: the waits of this execution until it saw the directory Active.
      out.push({ name: 'DirectoryActiveSeconds', unit: 'Seconds', value: result.ElapsedSeconds, dimensions: type });
    }
  }
  if ((state === 'CreateConnector' || state === 'GetConnectorStatus') && isConnectorState(result)) {
    if (state === 'CreateConnector') out.push(count(result.Adopted ? 'ConnectorAdopted' : 'ConnectorCreated'));
    if (state === 'GetConnectorStatus' && result.Status === CONNECTOR_ACTIVE) {
      out.push({ name: 'ConnectorActiveSeconds', unit: 'Seconds', value: result.ElapsedSeconds, dimensions: {} });
    }
  }
  // CreateTemplates is the last step that can fail a provisioning with a connector (the completion event's failure
  // is caught). A directory-only provisioning has no such step: the state machine's ExecutionsSucceeded counts it.
  if (state === 'CreateTemplates') out.push(count('ProvisioningSucceeded'));
  return out;
};

/**
 * What a Task's error means, by the error catalog: a poll's not-ready error is no event (it is how a poll says
 * "again"); a name a Retry of that state catches is one retry (or the last attempt); any other name ends the
 * execution (caught into its Fail state, or uncaught), a terminal stage's DirectoryFailed/ConnectorFailed included.
 */
export const metricsForError = (state: CatalogStateName, errorName: string): MetricPoint[] => {
  if (NOT_READY_ERRORS.includes(errorName) || SHORT_WAIT_ERRORS.includes(errorName) || DELETION_PENDING_ERRORS.includes(errorName)) return [];
  const row = ERROR_CATALOG.find((r) => r.state === state && r.name === errorName);
  if (row && row.handling !== 'catch') return [count('RetriedErrors', { State: state, ErrorName: errorDimension(errorName) })];
  // A failed teardown is no failed provisioning: its Deprovisioning Failed event and the state machine's alarms say it.
  if (machineOf(state) === 'teardown') return [];
  // A record step's caught error leaves the execution's outcome as it was.
  if ((RECORD_STATES as readonly string[]).includes(state)) return [];
  return [count('ProvisioningFailed', { ErrorName: errorDimension(errorName) })];
};
