import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCrosswalk, type Crosswalk } from '../../src/catalog/crosswalk.js';
import { evaluateBundleDir, loadCatalogOption } from '../../src/cli/evaluate-bundle.js';
import { renderDiffHtml } from '../../src/diff/render-diff-html.js';
import { renderTrendHtml } from '../../src/diff/render-trend-html.js';
import { buildTrend } from '../../src/diff/trend.js';
import { diffResults } from '../../src/diff/diff.js';
import type { Results } from '../../src/evaluate/results.js';
import { XSS_IMG, XSS_SCRIPT } from '../helpers/results-builder.js';
import { CATALOG_V1, CATALOG_V2, CROSSWALK, periodQ2, periodQ3, periodQ4 } from './helpers/periods.js';

const dirs: string[] = [];
let q2: Results;
let q3: Results;
let q4: Results;
let q4v2: Results;
let crosswalk: Crosswalk;

beforeAll(async () => {
  const v1 = await loadCatalogOption(CATALOG_V1, 'controls');
  const v2 = await loadCatalogOption(CATALOG_V2, 'controls');
  const [d2, d3, d4] = [periodQ2(), periodQ3(), periodQ4()];
  dirs.push(d2, d3, d4);
  [q2, q3, q4, q4v2] = await Promise.all([
    evaluateBundleDir(d2, v1),
    evaluateBundleDir(d3, v1),
    evaluateBundleDir(d4, v1),
    evaluateBundleDir(d4, v2),
  ]);
  crosswalk = await loadCrosswalk(CROSSWALK);
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** What a page must be to open offline under the report's CSP. */
function expectOffline(html: string): void {
  expect(html).toContain(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
  );
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
  expect(html).not.toMatch(/@import|url\(/i);
}

describe('buildTrend', () => {
  it('gives pass rate per section and overall for each period, oldest first', () => {
    const trend = buildTrend([q2, q3, q4], { toolVersion: 't' });
    expect(trend.periods.map((p) => p.label)).toEqual(['2026-06-30', '2026-09-30', '2026-12-31']);
    expect(trend.overall).toEqual([q2.summary.passRate, 2 / 11, 2 / 11]);
    expect(trend.coverage).toEqual([1, 1, 10 / 11]);
    expect(trend.periods.map((p) => p.scopeReduced)).toEqual([[], [], []]);
    expect(trend.sections.map((s) => [s.id, s.points.map((p) => p?.passRate)])).toEqual([
      ['1', [3 / 5, 2 / 5, 1 / 5]],
      ['2', [0, 0, 0]],
      ['3', [0, 0, 1 / 3]],
      ['5', [0, 0, 0]],
    ]);
    expect(trend.latest.old.label).toBe('2026-09-30');
    expect(trend.latest.requirements.find((r) => r.newId === '3.5')?.failingSince).toEqual({ period: '2026-06-30', periods: 3 });
  });

  it('follows sections through a benchmark renumbering', () => {
    const trend = buildTrend([q2, q3, q4v2], { toolVersion: 't', crosswalk });
    expect(trend.sections.map((s) => [s.id, s.title, s.points.map((p) => p?.sectionId ?? null)])).toEqual([
      ['1', 'Organisation', [null, null, '1']],
      ['2', 'Identity and Access Management', ['1', '1', '2']],
      ['3', 'Storage', ['2', '2', '3']],
      ['4', 'Logging', ['3', '3', '4']],
      ['6', 'Networking', ['5', '5', '6']],
    ]);
    expect(trend.latest.matching.mode).toBe('crosswalk');
  });
});

describe('diff and trend HTML', () => {
  it('renders the diff summary first, offline, with the changes in words', () => {
    const html = renderDiffHtml(diffResults(q3, q4, { toolVersion: 't', history: [q2] }), { generatedAt: '' });
    expectOffline(html);
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain(
      'Between 2026-09-30 and 2026-12-31, 1 requirement regressed, 1 failing requirement has new failing resources, 1 requirement was fixed and 1 looks fixed only because evidence is missing.',
    );
    const order = [
      'What got worse',
      'Looks fixed, but the evidence is missing',
      'What got better',
      'Pass rate by section',
      'Scope and evidence',
      'Still failing',
      'Details',
    ].map((h) => html.indexOf(`<h2>${h}</h2>`));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] ?? 0)))).toBe(true);
    expect(text).toContain('appeared: arn:aws:iam::111122223333:user/frank');
    expect(text).toContain('1 more not evaluated');
  });

  it('prints resource names from evidence as text', () => {
    const evil = structuredClone(q4);
    const finding = evil.requirements.find((r) => r.id === '1.9')?.checks[0]?.findings[0];
    if (finding) finding.resource = `${XSS_SCRIPT}${XSS_IMG}`;
    const html = renderDiffHtml(diffResults(q3, evil, { toolVersion: 't' }), { generatedAt: '' });
    expect(html).not.toContain(XSS_SCRIPT);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('draws the trend as inline SVG with one line per section, and a table', () => {
    const html = renderTrendHtml(buildTrend([q2, q3, q4], { toolVersion: 't' }), { generatedAt: '2026-12-31T12:00:00Z' });
    expectOffline(html);
    expect(html).toMatch(/<svg viewBox="0 0 720 300"/);
    expect(html.match(/<g class="line">/g)).toHaveLength(5); // four sections and the overall line
    expect(html.match(/<circle /g)).toHaveLength(15);
    expect(html).toContain('<th scope="row">Overall</th><td class="num">27%</td><td class="num">18%</td><td class="num">18%</td>');
    expect(html).toContain('<th scope="row">Coverage</th><td class="num">100%</td><td class="num">100%</td><td class="num">90%</td>');
    expect(html).toContain(
      'arn:aws:cloudtrail:eu-west-1:111122223333:trail/legacy-eu-trail <span class="muted">since 2026-06-30 (3 periods)</span>',
    );
  });
});
