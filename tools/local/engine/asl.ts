/**
 * The two state machines as the local engine runs them: the checked-in ASL files (statemachine/provision.asl.json,
 * statemachine/teardown.asl.json), their `${…}` DefinitionSubstitutions replaced by harmless local values, their local
 * ARNs, and what the runner asks of a definition (its Task and Wait states; every Task bound to a local handler).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { TASK_STATES, TEARDOWN_TASK_STATES } from '../../../src/workflow/catalog.ts';

/** The state machines: the provisioning workflow and the teardown. */
export type Machine = 'provision' | 'teardown';

export const ASL_PATH = fileURLToPath(new URL('../../../statemachine/provision.asl.json', import.meta.url));
/** The teardown (src/workflow/teardown-definition.ts). */
export const TEARDOWN_ASL_PATH = fileURLToPath(new URL('../../../statemachine/teardown.asl.json', import.meta.url));

export const DEFAULT_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:ad-cert-orchestrator-provision';
export const DEFAULT_TEARDOWN_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:ad-cert-orchestrator-teardown';

/** Per machine: its ASL file and its local ARN. */
export const MACHINES: Readonly<Record<Machine, { aslPath: string; stateMachineArn: string }>> = {
  provision: { aslPath: ASL_PATH, stateMachineArn: DEFAULT_STATE_MACHINE_ARN },
  teardown: { aslPath: TEARDOWN_ASL_PATH, stateMachineArn: DEFAULT_TEARDOWN_STATE_MACHINE_ARN },
};

/** DefinitionSubstitutions names used in the ASL, with harmless local defaults. */
export const DEFAULT_SUBSTITUTIONS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    [...TASK_STATES, ...TEARDOWN_TASK_STATES].map((state) => [`${state}FunctionArn`, `arn:aws:lambda:us-east-1:000000000000:function:local-${state}`]),
  ),
  EventBusName: 'local-bus',
};

const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

function substitute(value: unknown, subs: Readonly<Record<string, string>>, missing: Set<string>): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (whole, name: string) => {
      const replacement = subs[name];
      if (replacement === undefined) {
        missing.add(name);
        return whole;
      }
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, subs, missing));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, subs, missing)]));
  }
  return value;
}

/** Reads the ASL file and replaces every `${Name}` (DefinitionSubstitutions) — throws when one is left unresolved. */
export function loadDefinition(substitutions: Readonly<Record<string, string>> = {}, path: string = ASL_PATH): StateMachineDefinition {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const missing = new Set<string>();
  const def = substitute(raw, { ...DEFAULT_SUBSTITUTIONS, ...substitutions }, missing);
  if (missing.size > 0) throw new Error(`No substitution for ${[...missing].map((n) => `\${${n}}`).join(', ')}`);
  return def as StateMachineDefinition;
}

type AnyDefinition = Pick<StateMachineDefinition, 'States'> | { States: Record<string, { Type: string }> };

const statesOfType = (def: AnyDefinition, type: string): string[] =>
  Object.entries(def.States as Record<string, { Type: string }>)
    .filter(([, s]) => s.Type === type)
    .map(([name]) => name);

export const taskStateNames = (def: AnyDefinition): string[] => statesOfType(def, 'Task');
export const waitStateNames = (def: AnyDefinition): string[] => statesOfType(def, 'Wait');
export const allStateNames = (def: AnyDefinition): string[] => Object.keys(def.States);

/**
 * aws-local-stepfunctions calls the real AWS Lambda (or fails on a non-Lambda ARN) for a Task state without a local
 * handler: refuse to run unless every Task state is bound.
 */
export function assertAllTasksBound(def: AnyDefinition, handlers: Readonly<Record<string, unknown>>): void {
  const unbound = taskStateNames(def).filter((name) => typeof handlers[name] !== 'function');
  if (unbound.length > 0) {
    throw new Error(
      `Task state(s) without a local handler: ${unbound.join(', ')} (aws-local-stepfunctions would call real AWS)`,
    );
  }
}

/** An execution ARN for a name, under the given (or the default local) state machine. */
export const executionArnFor = (name: string, stateMachineArn: string = DEFAULT_STATE_MACHINE_ARN): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
