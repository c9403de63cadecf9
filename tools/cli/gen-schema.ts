/** `npm run gen:schema`: writes the API Gateway request models generated from the domain validator's spec. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUEST_MODEL_PATH, UPDATE_MODEL_PATH, requestModelText, updateModelText } from '../../src/api/request-model.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
for (const [path, text] of [[REQUEST_MODEL_PATH, requestModelText()], [UPDATE_MODEL_PATH, updateModelText()]] as const) {
  writeFileSync(join(ROOT, path), text);
  console.log(`wrote ${path}`);
}
