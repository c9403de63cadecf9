/**
 * The request's certificate templates are validated against the PCA Connector for AD service model itself: its shapes
 * (models/pca-connector-ad-template-shapes.json, written by `npm run gen:template-shapes` from the model) become specs
 * of the request validator (spec.ts), so required members, unions (exactly one of TemplateV2/V3/V4), enums, lengths,
 * patterns and ranges are the service's, with field paths in the request's own names.
 */
import type { ArraySpec, ObjectSpec, Spec } from './spec.ts';
import shapesJson from './models/pca-connector-ad-template-shapes.json' with { type: 'json' };

export const TEMPLATE_SHAPES_PATH = 'src/domain/models/pca-connector-ad-template-shapes.json';
/** The shapes the request uses directly; the generator keeps these and everything they reach. */
export const TEMPLATE_SHAPE_ROOTS = ['TemplateDefinition', 'TemplateName', 'AccessRights', 'DisplayName', 'GroupSecurityIdentifier'] as const;

interface MemberRef {
  shape: string;
}
export interface ModelShape {
  type: string;
  members?: Record<string, MemberRef>;
  required?: string[];
  union?: boolean;
  member?: MemberRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}
type Shapes = Record<string, ModelShape>;

const KEPT = ['type', 'members', 'required', 'union', 'member', 'key', 'value', 'min', 'max', 'pattern', 'enum'] as const;

/** The shapes reachable from `roots`, each with only its validation traits (no documentation). */
export function templateShapesFrom(model: { shapes: Record<string, unknown> }, roots: readonly string[]): { shapes: Shapes } {
  const out: Shapes = {};
  const visit = (name: string): void => {
    if (out[name]) return;
    const raw = model.shapes[name] as Record<string, unknown> | undefined;
    if (!raw) throw new Error(`no shape ${name} in the service model`);
    const shape = Object.fromEntries(KEPT.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]])) as unknown as ModelShape;
    if (shape.members) {
      shape.members = Object.fromEntries(Object.entries(shape.members).map(([k, v]) => [k, { shape: v.shape }]));
    }
    out[name] = shape;
    for (const ref of [...Object.values(shape.members ?? {}), shape.member]) if (ref) visit(ref.shape);
  };
  for (const root of roots) visit(root);
  return { shapes: Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b))) };
}

const SHAPES = (shapesJson as { shapes: Shapes }).shapes;

/** Bounds the model leaves open (strings and lists without a max): generous, so only hostile input meets them. */
const OPEN_STRING_MAX = 4096;
const OPEN_LIST_MAX = 100;

/** The spec of a model shape (`what` names list items in count messages). */
export function specOfShape<Ctx>(name: string): Spec<Ctx> {
  const shape = SHAPES[name];
  if (!shape) throw new Error(`no shape ${name} in ${TEMPLATE_SHAPES_PATH}`);
  switch (shape.type) {
    case 'structure': {
      const members = shape.members ?? {};
      const spec: ObjectSpec<Ctx> = {
        kind: 'object',
        fields: Object.fromEntries(Object.entries(members).map(([k, ref]) => [k, specOfShape<Ctx>(ref.shape)])),
        ...(shape.required?.length ? { required: shape.required } : {}),
      };
      if (shape.union) {
        const names = Object.keys(members);
        spec.check = (value, path, _ctx, report) => {
          const set = names.filter((m) => value[m] !== undefined && value[m] !== null);
          if (set.length !== 1) report(path, `must set exactly one of ${names.join(', ')} (it sets ${set.length === 0 ? 'none' : set.join(', ')})`);
        };
      }
      return spec;
    }
    case 'list': {
      const spec: ArraySpec<Ctx> = {
        kind: 'array',
        items: specOfShape<Ctx>(shape.member?.shape ?? ''),
        ...(shape.min !== undefined ? { min: shape.min } : {}),
        max: shape.max ?? OPEN_LIST_MAX,
        what: `${name} items`,
      };
      return spec;
    }
    case 'string':
      if (shape.enum) return { kind: 'enum', values: shape.enum };
      return {
        kind: 'string',
        ...(shape.min !== undefined ? { min: shape.min } : {}),
        max: shape.max ?? OPEN_STRING_MAX,
        ...(shape.pattern !== undefined ? { pattern: new RegExp(shape.pattern, 'u'), patternText: `the service's pattern ${shape.pattern}` } : {}),
      };
    case 'integer':
    case 'long':
      return { kind: 'integer', min: shape.min ?? 0, max: shape.max ?? Number.MAX_SAFE_INTEGER };
    case 'boolean':
      return { kind: 'boolean' };
    default:
      throw new Error(`shape ${name}: type ${shape.type} is not supported in templates`);
  }
}
