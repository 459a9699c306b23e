import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDocument, PDFDict, PDFHexString, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceBundle } from '../../src/bundle/read-bundle.js';
import type { FindingSet } from '../../src/evaluate/findings.js';
import type { Results } from '../../src/evaluate/results.js';
import { renderPdfDocument } from '../../src/report/pdf.js';
import { moreFailingText, morePassingText } from '../../src/report/render-pdf.js';
import { signPdf } from '../../src/sign/pdf.js';
import { orgResults } from '../helpers/org-results.js';
import { runTool, testKeys } from '../sign/helpers.js';

let dir: string;
let results: Results<FindingSet>;
let bundle: EvidenceBundle;
let dispose: () => void;
let pdf: Buffer;
let text: string;
/** Text in content-stream order (each table cell whole), white space squeezed out. */
let raw: string;
const PASSING_CAP = 5;
const options = (): Parameters<typeof renderPdfDocument>[1] => ({
  generatedAt: '2026-10-01T09:00:00Z',
  evidence: bundle.manifest.files,
  limits: { passingRows: PASSING_CAP, rowsPerPart: 300 },
});

/** Text of a PDF, white space squeezed out (long tokens wrap anywhere), running header and footer removed. */
function joinedText(raw: string): string {
  return raw.replace(/\s+/g, '').replace(/Page\d+of\d+/g, '');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auditpack-pdfdoc-'));
  ({ results, bundle, dispose } = await orgResults({ accounts: 3, users: 20, sgs: 30 }));
  pdf = await renderPdfDocument(results, options());
  writeFileSync(join(dir, 'report.pdf'), pdf);
  text = execFileSync('/usr/bin/pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  raw = joinedText(execFileSync('/usr/bin/pdftotext', ['-raw', join(dir, 'report.pdf'), '-'], { encoding: 'utf8', maxBuffer: 256 << 20 }));
}, 180_000);

afterAll(() => {
  dispose?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('renderPdfDocument on a three-account organisation', () => {
  it('opens with a per-account summary whose counts are those of results.summary.accounts', () => {
    const accounts = results.summary.accounts ?? [];
    expect(accounts).toHaveLength(3);
    for (const a of accounts) {
      const line = text.split('\n').find((l) => l.trimStart().startsWith(a.id));
      expect(line, `a row for account ${a.id}`).toBeDefined();
      const numbers = (line ?? '').replace(a.id, '').match(/\d+%|\d+|—/g) ?? [];
      const { counts, findings } = a;
      expect(numbers.slice(-11)).toEqual([
        String(counts.PASS),
        String(counts.FAIL),
        String(counts.NOT_EVALUATED),
        String(counts.MANUAL),
        String(counts.NOT_APPLICABLE),
        String(counts.total),
        a.passRate === null ? '—' : `${Math.floor(a.passRate * 100)}%`,
        a.coverage === null ? '—' : `${Math.floor(a.coverage * 100)}%`,
        String(findings.FAIL),
        String(findings.NOT_EVALUATED),
        String(findings.PASS),
      ]);
    }
  });

  it('lists the resource of every FAIL and NOT_EVALUATED finding', () => {
    const joined = raw;
    let failing = 0;
    for (const r of results.requirements)
      for (const c of r.checks)
        for (const f of c.findings.read()) {
          if (f.status === 'PASS') continue;
          failing += 1;
          expect(joined).toContain(f.resource.replace(/\s+/g, ''));
        }
    expect(failing).toBeGreaterThan(100);
  });

  it("groups rows under an account and region heading, and lets groups of one or two rows share a table naming each row's account and region", () => {
    // Account-level contact details: one NOT_EVALUATED finding per account, so per-account headings would each hold one row.
    const contact = results.requirements.find((r) => r.id === '1.1');
    const perAccount = [...(contact?.checks[0]?.findings.read() ?? [])];
    expect(perAccount.map((f) => f.account)).toEqual((results.summary.accounts ?? []).map((a) => a.id));
    expect(raw).toContain('severalaccountsandregions');
    const label = (id: string): string => {
      const name = results.summary.accounts?.find((a) => a.id === id)?.name;
      return name ? `${name} (${id})` : id;
    };
    for (const f of perAccount) expect(raw).toContain(`${f.resource}${label(f.account)}·${f.region}`.replace(/\s+/g, ''));
    // The MFA failures of one account's users form a large group: one heading for the account, no per-row account column.
    const [first] = results.summary.accounts ?? [];
    expect(text).toMatch(new RegExp(`${first?.name ?? ''} \\(${first?.id ?? ''}\\) · global`));
  });

  it('says how many passing resources of a requirement over the cap are left out, and where they are', () => {
    const over = results.requirements.filter((r) => r.checks.reduce((n, c) => n + c.findings.counts.PASS, 0) > PASSING_CAP);
    expect(over.length).toBeGreaterThan(0);
    const joined = raw;
    for (const r of over) {
      const pass = r.checks.reduce((n, c) => n + c.findings.counts.PASS, 0);
      expect(joined).toContain(morePassingText(pass - PASSING_CAP, r.id).replace(/\s+/g, ''));
    }
    expect(morePassingText(12, '1.4')).toBe('12 more passing resources for requirement 1.4 are listed in report.html and results.json.');
  });

  it('past the cap on FAIL and NOT_EVALUATED rows, says how many more there are for the requirement and where', async () => {
    const failingCap = 3;
    const capped = await renderPdfDocument(results, { ...options(), limits: { passingRows: PASSING_CAP, failingRows: failingCap } });
    const path = join(dir, 'capped.pdf');
    writeFileSync(path, capped);
    const cappedText = joinedText(execFileSync('/usr/bin/pdftotext', ['-raw', path, '-'], { encoding: 'utf8', maxBuffer: 256 << 20 }));
    const over = results.requirements
      .map((r) => ({ id: r.id, failing: r.checks.reduce((n, c) => n + c.findings.counts.FAIL + c.findings.counts.NOT_EVALUATED, 0) }))
      .filter((r) => r.failing > failingCap);
    expect(over.length).toBeGreaterThan(0);
    for (const r of over) expect(cappedText).toContain(moreFailingText(r.failing - failingCap, r.id).replace(/\s+/g, ''));
  }, 120_000);

  it('numbers the evidence index E1… in path order and cites each row by that number', () => {
    const files = [...bundle.manifest.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const joined = raw;
    for (const [i, file] of files.entries()) {
      expect(joined).toContain(`E${i + 1}${file.path}${file.size}${file.sha256}`);
    }
    const failing = results.requirements
      .flatMap((r) => r.checks)
      .flatMap((c) => [...c.findings.read()])
      .find((f) => f.status === 'FAIL');
    if (!failing) throw new Error('no FAIL finding');
    const cited = files.findIndex((f) => f.path === failing.evidence[0]?.path) + 1;
    expect(cited).toBeGreaterThan(0);
    expect(joined).toContain(`${failing.resource}${failing.reason}E${cited}`.replace(/\s+/g, ''));
  });

  it('states scope and method (services, accounts, callers not recorded) and ends the body with a blank sign-off before Annex A', () => {
    const scope = raw.slice(raw.indexOf('ScopeandmethodScope'));
    expect(raw.indexOf('ScopeandmethodScope')).toBeGreaterThan(0);
    expect(scope).toContain(`Servicescollected${(results.bundle.services ?? []).join(',')}Collectionwindow`);
    expect(scope).toContain('Accounts3accounts:');
    expect(scope).toContain('Collectedbynotrecorded');
    const signOff = raw.lastIndexOf('Sign-offItcovers');
    expect(signOff).toBeGreaterThan(raw.indexOf('ScopeandmethodScope'));
    expect(signOff).toBeLessThan(raw.lastIndexOf('AnnexA:passingresources'));
    expect(raw.slice(signOff)).toContain('Preparedby______________________________________');
  });

  it('numbers every page "Page X of N" in order', async () => {
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    const numbers = [...text.matchAll(/Page (\d+) of (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(numbers).toEqual(Array.from({ length: pages }, (_, i) => [i + 1, pages]));
    const info = execFileSync('/usr/bin/pdfinfo', [join(dir, 'report.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/^Title:\s+CIS Amazon Web Services Foundations Benchmark v5\.0\.0$/m);
    expect(info).toMatch(new RegExp(`^Pages:\\s+${pages}$`, 'm'));
    expect(info).toMatch(/^Page size:.*\(A4\)$/m);
  });

  it('has an outline of sections and requirements pointing at the pages where they start', async () => {
    const document = await PDFDocument.load(pdf);
    const outlines = document.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const titles: string[] = [];
    const pageIndex = new Map(document.getPages().map((p, i) => [p.ref.toString(), i]));
    const pages: number[] = [];
    const walk = (item: PDFDict | undefined): void => {
      for (let node = item; node; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
        titles.push(node.lookup(PDFName.of('Title'), PDFHexString).decodeText());
        pages.push(pageIndex.get(node.lookup(PDFName.of('Dest'), PDFArray).get(0).toString()) ?? -1);
        walk(node.lookupMaybe(PDFName.of('First'), PDFDict));
      }
    };
    walk(outlines.lookupMaybe(PDFName.of('First'), PDFDict));
    expect(titles.length).toBeGreaterThan(results.requirements.length);
    expect(pages).not.toContain(-1);
    // In document order, so never going back.
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
    // The contents page gives the same page as the outline for a requirement.
    const first = results.requirements[0];
    if (!first) throw new Error('no requirement');
    const outlined = titles.indexOf(`${first.id} ${first.title}`);
    expect(outlined).toBeGreaterThanOrEqual(0);
    const contentsLine = text
      .slice(text.search(/^\s*Contents$/m))
      .split('\n')
      .find((l) => l.trimStart().startsWith(`${first.id} ${first.title}`));
    expect(contentsLine?.trimEnd()).toMatch(new RegExp(` ${(pages[outlined] ?? -1) + 1}$`));
  });

  it('gives the same bytes for the same input, and a stable page count', async () => {
    const again = await renderPdfDocument(results, options());
    expect(again.equals(pdf)).toBe(true);
    expect((await PDFDocument.load(again)).getPageCount()).toBe((await PDFDocument.load(pdf)).getPageCount());
  }, 120_000);

  it('can be signed, and pdfsig verifies the joined document', async () => {
    const keys = await testKeys();
    const signed = await signPdf(pdf, keys.key, { reason: 'auditpack report', signedAt: new Date('2026-10-01T09:00:00Z') });
    const path = join(dir, 'signed.pdf');
    writeFileSync(path, signed);
    const run = runTool('pdfsig', [path]);
    expect(run.out + run.err).toContain('Signature Validation: Signature is Valid.');
    expect(run.out + run.err).toContain('Total document signed');
  });
});
