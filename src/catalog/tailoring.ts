import { LineCounter, parseDocument } from 'yaml';
import type { Check, ParamSpec } from '../checks/define-check.js';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { sha256 } from '../shared/hash.js';
import { LIMITS, boundedYamlToJs, readRegularFile, yamlErrorText } from '../shared/limits.js';
import { describeSchemaError, loadSchema } from '../shared/schema.js';
import type { Catalog } from './catalog.js';

/** One threshold a user changed for their organisation, with why and who approved it. */
export interface ParamOverride {
  check: string;
  param: string;
  /** What the catalog (the benchmark) sets. */
  benchmark: unknown;
  /** What the tailoring file sets instead. */
  value: unknown;
  /** True when the new value is more lenient than the benchmark's. */
  weaker: boolean;
  reason: string;
  approvedBy: string;
}

interface RawOverride {
  framework: string;
  version: string;
  requirement: string;
  check: string;
  params: Record<string, unknown>;
  reason: string;
  approved_by: string;
}

const validate = loadSchema('tailoring.v1.schema.json');

/**
 * Applies a tailoring file to a catalog: returns the catalog with the new thresholds and, per
 * requirement, what was overridden and whether it is weaker than the benchmark. Overrides for
 * other frameworks or versions are skipped; ones naming a requirement, check or parameter the
 * catalog lacks, or a value the check refuses, are errors with file and line.
 */
export function applyTailoring(
  catalog: Catalog,
  text: string,
  file: string,
  findCheck: (id: string) => Check | undefined,
): { catalog: Catalog; overrides: Map<string, ParamOverride[]>; sha256: string } {
  if (text.length > LIMITS.yamlBytes) {
    throw new AuditpackError(
      'CATALOG_INVALID',
      `${file}: is ${text.length} characters, more than the ${LIMITS.yamlBytes} a YAML file may have. Give a tailoring file.`,
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const lineAt = (path: (string | number)[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  const fail = (problems: string[]): never => {
    const [first = file, ...rest] = problems;
    throw new AuditpackError('CATALOG_INVALID', first, rest);
  };
  if (doc.errors.length > 0)
    fail(doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: ${yamlErrorText(e.message)}. Fix the YAML syntax.`));
  let raw: unknown;
  try {
    raw = boundedYamlToJs(doc, text.length);
  } catch (error) {
    throw new AuditpackError('CATALOG_INVALID', `${file}: ${messageOf(error)}.`);
  }
  if (!validate(raw)) {
    fail(
      (validate.errors ?? []).map(
        (e) =>
          `${file}:${lineAt(
            e.instancePath
              .split('/')
              .slice(1)
              .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
          )}: ${describeSchemaError(e)}. See docs/catalog-format.md, "Tailoring".`,
      ),
    );
  }
  const problems: string[] = [];
  const overrides = new Map<string, ParamOverride[]>();
  const requirements = catalog.requirements.map((r) => ({ ...r, checks: r.checks.map((c) => ({ ...c, params: { ...c.params } })) }));
  (raw as { overrides: RawOverride[] }).overrides.forEach((o, i) => {
    if (o.framework !== catalog.framework || o.version !== catalog.version) return;
    const at = `${file}:${lineAt(['overrides', i])}`;
    const requirement = requirements.find((r) => r.id === o.requirement);
    const ref = requirement?.checks.find((c) => c.check === o.check);
    const check = findCheck(o.check);
    if (!requirement) return void problems.push(`${at}: ${catalog.framework} ${catalog.version} has no requirement "${o.requirement}".`);
    if (!ref || !check)
      return void problems.push(
        `${at}: requirement "${o.requirement}" does not use check "${o.check}" (it uses ${requirement.checks.map((c) => c.check).join(', ') || 'none'}).`,
      );
    for (const [param, value] of Object.entries(o.params)) {
      const spec = check.params[param];
      if (!spec) {
        problems.push(`${at}: check "${o.check}" has no parameter "${param}" (it has ${Object.keys(check.params).join(', ') || 'none'}).`);
        continue;
      }
      const problem = valueProblem(spec, value);
      if (problem) {
        problems.push(`${at}: ${param}: ${problem}.`);
        continue;
      }
      const benchmark = ref.params[param];
      ref.params[param] = value;
      const list = overrides.get(o.requirement) ?? [];
      list.push({
        check: o.check,
        param,
        benchmark,
        value,
        weaker: isWeaker(spec, benchmark, value),
        reason: o.reason,
        approvedBy: o.approved_by,
      });
      overrides.set(o.requirement, list);
    }
  });
  if (problems.length > 0) fail(problems);
  return { catalog: { ...catalog, requirements }, overrides, sha256: sha256(text) };
}

/** Reads and applies a tailoring file. */
export async function loadTailoring(
  file: string,
  catalog: Catalog,
  findCheck: (id: string) => Check | undefined,
): Promise<ReturnType<typeof applyTailoring>> {
  let text: string;
  try {
    text = (await readRegularFile(file, LIMITS.yamlBytes)).toString('utf8');
  } catch (error) {
    throw new AuditpackError('IO', `${file}: cannot read the tailoring file (${messageOf(error)}).`);
  }
  return applyTailoring(catalog, text, file, findCheck);
}

function valueProblem(spec: ParamSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || (spec.type === 'integer' && !Number.isInteger(value)))
        return `must be ${spec.type === 'integer' ? 'a whole number' : 'a number'}`;
      if (spec.minimum !== undefined && value < spec.minimum) return `must be >= ${spec.minimum}`;
      if (spec.maximum !== undefined && value > spec.maximum) return `must be <= ${spec.maximum}`;
      return undefined;
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      return spec.enum && !spec.enum.includes(value) ? `must be one of ${spec.enum.join(', ')}` : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'array':
      if (!Array.isArray(value) || value.some((v) => typeof v !== (spec.items.type === 'string' ? 'string' : 'number')))
        return `must be a list of ${spec.items.type}s`;
      return undefined;
  }
}

/**
 * Whether a value is more lenient than the benchmark's: numbers by the direction the check
 * declares; lists are weaker unless they keep every benchmark entry; anything else that changes
 * is treated as weaker, since the tool cannot tell.
 */
function isWeaker(spec: ParamSpec, benchmark: unknown, value: unknown): boolean {
  if ((spec.type === 'integer' || spec.type === 'number') && typeof benchmark === 'number' && typeof value === 'number') {
    return spec.stricter === 'higher' ? value < benchmark : value > benchmark;
  }
  if (Array.isArray(benchmark) && Array.isArray(value)) return benchmark.some((b) => !value.includes(b));
  return JSON.stringify(benchmark) !== JSON.stringify(value);
}

/**
 * The parameters a check runs with under the benchmark: the tailored ones with every overridden
 * parameter restored to the catalog's value (left out where the catalog set none, so the check's
 * own default applies).
 */
export function benchmarkParams(params: Readonly<Record<string, unknown>>, overrides: readonly ParamOverride[]): Record<string, unknown> {
  const restored: Record<string, unknown> = { ...params };
  for (const o of overrides) {
    if (o.benchmark === undefined) delete restored[o.param];
    else restored[o.param] = o.benchmark;
  }
  return restored;
}

/** `minLength 12 instead of the benchmark's 14; …` — how a check's thresholds were tailored. */
export function describeOverrides(overrides: readonly ParamOverride[]): string {
  return overrides
    .map(
      (o) =>
        `${o.param} ${JSON.stringify(o.value)} instead of the benchmark's ${o.benchmark === undefined ? 'default' : JSON.stringify(o.benchmark)}`,
    )
    .join('; ');
}
