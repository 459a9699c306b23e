import { randomBytes } from 'node:crypto';
import type { FindingSet } from '../evaluate/findings.js';
import type { CheckResult, RequirementResult, Results } from '../evaluate/results.js';
import { canonicalJson } from '../shared/canonical-json.js';

const CHUNK_CHARS = 1 << 20;

/**
 * results.json in pieces, for any number of findings: the same bytes as
 * `canonicalJson(materialise(results))` (sorted keys, two-space indent, final newline), but each
 * check's findings are read from its set while they are written, so no whole file, and no whole
 * list of findings, is ever held in memory.
 */
export function* resultsJsonChunks(results: Results<FindingSet>): Generator<string> {
  // Each findings value becomes a unique placeholder string; the canonical text of the rest is
  // then written piece by piece with the findings spliced in where their placeholders stand.
  const nonce = randomBytes(12).toString('hex');
  const sets: FindingSet[] = [];
  const skeleton: Results<string> = {
    ...results,
    requirements: results.requirements.map((r): RequirementResult<string> => ({
      ...r,
      checks: r.checks.map((c): CheckResult<string> => {
        sets.push(c.findings);
        return { ...c, findings: `\u0001${nonce}:${sets.length - 1}` };
      }),
    })),
  };
  const text = canonicalJson(skeleton);
  const placeholder = new RegExp(`^( *)"findings": "\\\\u0001${nonce}:(\\d+)"`, 'gm');
  let from = 0;
  for (const match of text.matchAll(placeholder)) {
    const indent = match[1] ?? '';
    const set = sets[Number(match[2])];
    if (!set) throw new Error(`resultsJsonChunks: placeholder ${match[2]} has no findings`);
    const valueAt = match.index + indent.length + '"findings": '.length;
    yield text.slice(from, valueAt);
    yield* findingsArray(set, indent);
    from = match.index + match[0].length;
  }
  yield text.slice(from);
}

/** One findings array as canonicalJson prints it at this indent. */
function* findingsArray(set: FindingSet, indent: string): Generator<string> {
  const inner = `${indent}  `;
  let buffer = '';
  let first = true;
  for (const finding of set.read()) {
    const item = canonicalJson(finding).slice(0, -1).replaceAll('\n', `\n${inner}`);
    buffer += `${first ? '[\n' : ',\n'}${inner}${item}`;
    first = false;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  yield first ? '[]' : `${buffer}\n${indent}]`;
}
