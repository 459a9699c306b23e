import type { ErrorObject } from 'ajv';
import type { Document, LineCounter } from 'yaml';

/** The 1-based line of the deepest node that exists on a path (the parent when a field is missing). */
export function lineOf(doc: Document, lineCounter: LineCounter, path: readonly (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}

/** The document path an ajv error points at, including the name of an unknown field. */
export function errorPath(error: ErrorObject): (string | number)[] {
  const parts: (string | number)[] = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty));
  return parts;
}

/** `rows[3]["5.0.0"]`: a path the way a person names a field, quoting keys that are not identifiers. */
export function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>((name, part) => {
    if (typeof part === 'number') return `${name}[${part}]`;
    if (/^[A-Za-z_][\w-]*$/.test(part)) return name ? `${name}.${part}` : part;
    return `${name}[${JSON.stringify(part)}]`;
  }, '');
}
