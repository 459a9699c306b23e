import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { packageRoot } from './version.js';

// ajv-formats ships CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);

/** Compiles a JSON Schema kept in `schemas/` (draft-07). */
export function loadSchema(fileName: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(packageRoot, 'schemas', fileName), 'utf8')) as object;
  return ajv.compile(schema);
}

/** Compiles a schema given as a value (catalog and check parameter schemas). */
export function compileSchema(schema: object): ValidateFunction {
  return ajv.compile(schema);
}

/** `/files/3/sha256` → `files[3].sha256`, the way a person names a field. */
export function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

/** One readable line per schema error: `field: what is wrong`. */
export function describeSchemaError(error: ErrorObject, root = ''): string {
  const field = fieldPath(error.instancePath);
  const where = (root && field ? `${root}.${field}` : root || field) || '(top level)';
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown field "${String(error.params.additionalProperty)}"`;
    case 'required':
      return `${where}: missing required field "${String(error.params.missingProperty)}"`;
    case 'enum':
      return `${where}: must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${where}: must be ${JSON.stringify(error.params.allowedValue)}`;
    default:
      return `${where}: ${error.message ?? 'is invalid'}`;
  }
}
