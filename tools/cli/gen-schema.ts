/** `npm run gen:schema`: writes the API Gateway request model generated from the domain validator's spec. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUEST_MODEL_PATH, requestModelText } from '../../src/api/request-model.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
writeFileSync(join(ROOT, REQUEST_MODEL_PATH), requestModelText());
console.log(`wrote ${REQUEST_MODEL_PATH}`);
