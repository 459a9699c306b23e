import type { ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { errorPath, lineOf } from '../catalog/yaml-location.js';
import { AuditpackError, messageOf, type ErrorCode } from './errors.js';
import { LIMITS, boundedYamlToJs, yamlErrorText } from './limits.js';
import { describeSchemaError } from './schema.js';

/** A YAML file read and checked against its JSON Schema, with the line of any path in it. */
export interface ValidatedYaml<T> {
  value: T;
  /** The 1-based line of a path in the document (of its nearest existing parent). */
  lineAt: (path: readonly (string | number)[]) => number;
}

/**
 * Parses a YAML document of a user's file (attestations, registers, exceptions) and validates it
 * against its schema. Every problem is `file:line: what`, thrown as one AuditpackError with `code`
 * (the first problem in the message, ending with `seeAlso`, the rest as details): too large, YAML
 * syntax, aliases or nesting beyond the limits, schema violations.
 */
export function parseValidatedYaml<T>(
  text: string,
  file: string,
  options: { validate: ValidateFunction; code: ErrorCode; seeAlso: string; tooLarge?: string },
): ValidatedYaml<T> {
  const { validate, code, seeAlso } = options;
  if (text.length > LIMITS.yamlBytes) {
    throw new AuditpackError(
      code,
      `${file}: is ${text.length} characters, more than the ${LIMITS.yamlBytes} a YAML file may have. ${options.tooLarge ?? 'Split it into several files.'}`,
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const [first, ...rest] = doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: ${yamlErrorText(e.message)}`);
    throw new AuditpackError(code, `${first ?? file}. Fix the YAML syntax.`, rest);
  }
  const lineAt = (path: readonly (string | number)[]): number => lineOf(doc, lineCounter, path);
  let value: unknown;
  try {
    value = boundedYamlToJs(doc, text.length);
  } catch (error) {
    throw new AuditpackError(code, `${file}: ${messageOf(error)}.`);
  }
  if (!validate(value)) {
    const [first, ...rest] = (validate.errors ?? []).map((e) => `${file}:${lineAt(errorPath(e))}: ${describeSchemaError(e)}`);
    throw new AuditpackError(code, `${first ?? file}. ${seeAlso}`, rest);
  }
  return { value: value as T, lineAt };
}
