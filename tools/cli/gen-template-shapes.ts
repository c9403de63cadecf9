/**
 * `npm run gen:template-shapes`: writes src/domain/models/pca-connector-ad-template-shapes.json, the shapes of the PCA
 * Connector for AD service model that the request's Connector.Templates are validated against (TemplateDefinition and
 * what it reaches, the access entry's members), documentation stripped. Source: the service model beside the project
 * (../shared/reference/pca-connector-ad-2018-05-10.json, or the path given as the first argument).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATE_SHAPES_PATH, TEMPLATE_SHAPE_ROOTS, templateShapesFrom } from '../../src/domain/template-spec.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
export const SERVICE_MODEL = join(ROOT, '..', 'shared', 'reference', 'pca-connector-ad-2018-05-10.json');

const source = process.argv[2] ?? SERVICE_MODEL;
const model = JSON.parse(readFileSync(source, 'utf8')) as { shapes: Record<string, unknown> };
writeFileSync(join(ROOT, TEMPLATE_SHAPES_PATH), `${JSON.stringify(templateShapesFrom(model, TEMPLATE_SHAPE_ROOTS), null, 1)}\n`);
console.log(`wrote ${TEMPLATE_SHAPES_PATH} from ${source}`);
