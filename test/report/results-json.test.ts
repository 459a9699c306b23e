import { describe, expect, it } from 'vitest';
import { diskStore, materialise, toFindingSets } from '../../src/evaluate/findings.js';
import type { Finding } from '../../src/checks/define-check.js';
import { resultsJsonChunks } from '../../src/report/results-json.js';
import { canonicalJson } from '../../src/shared/canonical-json.js';
import { tmpdir } from 'node:os';
import { buildResults } from '../helpers/results-builder.js';
import { orgResults } from '../helpers/org-results.js';

describe('results.json written in pieces', () => {
  it('gives the same bytes as the canonical JSON of the whole results (sample-shaped results)', () => {
    const results = buildResults({ complete: false });
    const check = results.requirements.find((r) => r.checks.length > 0)?.checks[0];
    if (!check) throw new Error('no check in the built results');
    check.findings = [];
    const text = [...resultsJsonChunks(toFindingSets(results))].join('');
    expect(text).toContain('"findings": []');
    expect(text).toBe(canonicalJson(results));
  });

  it('gives the same bytes for a generated organisation, empty finding lists included', async () => {
    const { results, dispose } = await orgResults({ accounts: 3, users: 12, sgs: 9 });
    try {
      const text = [...resultsJsonChunks(results)].join('');
      expect(text).toBe(canonicalJson(materialise(results)));
    } finally {
      dispose();
    }
  });

  it('is not fooled by a string that looks like its own placeholder', () => {
    const results = buildResults({});
    const check = results.requirements.find((r) => r.checks.length > 0)?.checks[0];
    if (!check) throw new Error('no check in the built results');
    check.title = '\u0001findings:0';
    results.warnings.push('"findings": "\u00010:0"');
    expect([...resultsJsonChunks(toFindingSets(results))].join('')).toBe(canonicalJson(results));
  });

  it('reads findings spilled to disk back in order, whatever they contain', () => {
    const store = diskStore(tmpdir());
    try {
      const set = store.create();
      const findings: Finding[] = Array.from({ length: 5000 }, (_, i) => ({
        status: i % 3 === 0 ? 'FAIL' : i % 3 === 1 ? 'PASS' : 'NOT_EVALUATED',
        resource: `arn:aws:iam::1:user/u${i}\n"é\u2028${'x'.repeat(i % 300)}`,
        reason: `reason ${i}`,
        account: String(100 + (i % 4)),
        region: 'eu-west-1',
        evidence: [{ path: 'aws/x.json', sha256: 'a'.repeat(64) }],
      }));
      for (const f of findings) set.add(f);
      expect([...set.read()]).toEqual(findings);
      expect([...set.read()]).toHaveLength(5000);
      expect(set.counts).toEqual({ PASS: 1667, FAIL: 1667, NOT_EVALUATED: 1666, total: 5000 });
      expect(set.byAccount.get('100')?.total).toBe(1250);
      expect(set.firstGap).toBe('reason 2');
    } finally {
      store.dispose();
    }
  });
});
