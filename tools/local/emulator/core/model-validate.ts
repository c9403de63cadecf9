/**
 * Request validation driven by an AWS service model's shapes (a subset vendored in the service's folder, documentation
 * stripped): required members, unions (exactly one member set), string lengths, patterns and enums, integer ranges,
 * list and map sizes, unknown members. Returns the first violation in the service's ValidationException wording, the
 * member path in camelCase (`definition.templateV2.privateKeyFlags.clientVersion`), or undefined.
 */
import { readFileSync } from 'node:fs';

interface MemberRef {
  shape: string;
  location?: string;
}
export interface Shape {
  type: string;
  members?: Record<string, MemberRef>;
  required?: string[];
  union?: boolean;
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}
export interface ShapeModel {
  shapes: Record<string, Shape>;
}

/** The shapes of a vendored model file (`new URL('./models/x-shapes.json', import.meta.url)` in the service's folder). */
export const loadShapeModel = (file: URL): ShapeModel => JSON.parse(readFileSync(file, 'utf8')) as ShapeModel;

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
const show = (v: unknown): string => {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return s.length > 64 ? `${s.slice(0, 64)}…` : s;
};
const fail = (value: unknown, path: string, constraint: string): string =>
  `1 validation error detected: Value '${show(value)}' at '${path}' failed to satisfy constraint: ${constraint}`;

const patterns = new Map<string, RegExp>();
const regex = (source: string): RegExp => {
  let re = patterns.get(source);
  if (!re) {
    re = new RegExp(source, 'u');
    patterns.set(source, re);
  }
  return re;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first violation of `value` against shape `name`, or undefined. */
export function validateShape(model: ShapeModel, name: string, value: unknown, path = ''): string | undefined {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`no shape ${name} in the model`);
  const at = (child: string): string => (path ? `${path}.${child}` : child);
  switch (shape.type) {
    case 'structure': {
      if (!isObject(value)) return fail(value, path, 'Member must be a structure');
      const members = shape.members ?? {};
      for (const key of Object.keys(value)) {
        if (!(key in members)) return fail(key, at(camel(key)), 'Member is not a member of the shape');
      }
      if (shape.union) {
        const set = Object.keys(members).filter((m) => value[m] !== undefined && value[m] !== null);
        if (set.length !== 1) return fail(set.join(', '), path, `Member must have exactly one of: ${Object.keys(members).join(', ')}`);
      }
      for (const req of shape.required ?? []) {
        if (value[req] === undefined || value[req] === null) {
          return `1 validation error detected: Value null at '${at(camel(req))}' failed to satisfy constraint: Member must not be null`;
        }
      }
      for (const [key, ref] of Object.entries(members)) {
        const v = value[key];
        if (v === undefined || v === null) continue;
        const problem = validateShape(model, ref.shape, v, at(camel(key)));
        if (problem) return problem;
      }
      return undefined;
    }
    case 'list': {
      if (!Array.isArray(value)) return fail(value, path, 'Member must be a list');
      if (shape.min !== undefined && value.length < shape.min) return fail(value.length, path, `Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) return fail(value.length, path, `Member must have length less than or equal to ${shape.max}`);
      for (const [i, item] of value.entries()) {
        const problem = validateShape(model, shape.member?.shape ?? '', item, `${path}.${i + 1}.member`);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'map': {
      if (!isObject(value)) return fail(value, path, 'Member must be a map');
      for (const [k, v] of Object.entries(value)) {
        const problem = validateShape(model, shape.key?.shape ?? '', k, `${path}.key`) ?? validateShape(model, shape.value?.shape ?? '', v, `${path}.${k}`);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'string': {
      if (typeof value !== 'string') return fail(value, path, 'Member must be a string');
      if (shape.enum && !shape.enum.includes(value)) return fail(value, path, `Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      if (shape.min !== undefined && value.length < shape.min) return fail(value, path, `Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) return fail(value, path, `Member must have length less than or equal to ${shape.max}`);
      if (shape.pattern !== undefined && !regex(shape.pattern).test(value)) return fail(value, path, `Member must satisfy regular expression pattern: ${shape.pattern}`);
      return undefined;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail(value, path, 'Member must be an integer');
      if (shape.min !== undefined && value < shape.min) return fail(value, path, `Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) return fail(value, path, `Member must have value less than or equal to ${shape.max}`);
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : fail(value, path, 'Member must be a boolean');
    default:
      return undefined;
  }
}
