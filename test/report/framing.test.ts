import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFindingSets } from '../../src/evaluate/findings.js';
import type { ReportFraming, RequirementResult, Results } from '../../src/evaluate/results.js';
import { renderPdfDocument } from '../../src/report/pdf.js';
import { renderHtml } from '../../src/report/render-html.js';
import { periodText, scopeView, signOffView } from '../../src/report/view-common.js';
import { ACCOUNT, buildResults, fakeSha256, XSS_IMG, XSS_SCRIPT } from '../helpers/results-builder.js';

const CALLER = `arn:aws:sts::${ACCOUNT}:assumed-role/AuditpackAuditor/auditpack-collect`;
const SECOND_CALLER = 'arn:aws:sts::444455556666:assumed-role/AuditpackAuditor/auditpack-collect';
const ORG_ID = 'o-a1b2c3d4e5';
const MANAGEMENT_ACCOUNT = '999988887777';
const SERVICES = ['cloudtrail', 'config', 'ec2', 'iam', 'organizations', 's3', 'sts'];
const REMEDIATION_FAIL = 'Create a new access key, move every user of the old one to it, then deactivate and delete the old key.';
const REMEDIATION_PASS = 'Delete any access key of the root user.';
const REMEDIATION_MANUAL = 'Update the primary and alternate contacts in the account settings.';
const FRAMING: ReportFraming = {
  period: { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' },
  preparedBy: { name: 'Dana Reyes', role: 'Cloud security engineer', date: '2026-10-01' },
  reviewedBy: { name: `Mallory ${XSS_SCRIPT}`, role: `Internal audit ${XSS_IMG}` },
};

/** buildResults with every framing value set: organisation, callers, services, period, sign-off, remediation, tailoring, an attestation. */
function framedResults(framing: ReportFraming | undefined = FRAMING): Results {
  const results = buildResults({
    organization: { id: ORG_ID, managementAccountId: MANAGEMENT_ACCOUNT },
    collectedBy: [CALLER, SECOND_CALLER],
    services: SERVICES,
  });
  const remediation: Record<string, string> = { '1.13': REMEDIATION_FAIL, '1.3': REMEDIATION_PASS, '1.1': REMEDIATION_MANUAL };
  const requirements = results.requirements.map((r): RequirementResult => {
    const withHint = remediation[r.id] ? { ...r, remediation: remediation[r.id] } : r;
    if (r.id === '1.13') {
      return {
        ...withHint,
        overrides: [
          {
            check: 'iam-access-key-rotated',
            param: 'maxAgeDays',
            benchmark: 90,
            value: 120,
            weaker: true,
            reason: 'Keys of the batch users rotate with the half-yearly release.',
            approvedBy: 'CISO',
          },
        ],
      };
    }
    if (r.id === '1.18') {
      return {
        ...withHint,
        status: 'PASS',
        attestations: [
          {
            result: 'pass',
            attestedBy: 'Sam Okafor',
            role: 'Platform lead',
            date: '2026-09-15',
            expires: '2027-03-15',
            justification: 'Instances without a profile need no AWS access.',
            evidence: [],
          },
        ],
      };
    }
    return withHint;
  });
  return {
    ...results,
    requirements,
    catalog: { ...results.catalog, tailoring: { file: 'acme-tailoring.yaml', sha256: fakeSha256('acme-tailoring.yaml') } },
    ...(framing ? { framing } : {}),
  };
}

/** Text as a reader sees it: tags dropped, the entities Handlebars writes decoded, white space squeezed. */
function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The HTML of the element opened by `id="…"`, up to the end of its section. */
function sectionHtml(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no element with id ${id}`);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}

function render(results: Results = framedResults()): string {
  return renderHtml(results, { generatedAt: '2026-10-01T09:00:00Z' });
}

describe('report framing in HTML', () => {
  it('names the organisation, the audit period and what the report rests on, on the cover', () => {
    const cover = textOf(render().split('</header>')[0] ?? '');
    expect(cover).toContain(`Organization ${ORG_ID} (management account ${MANAGEMENT_ACCOUNT})`);
    expect(cover).toContain('Audit period 2026-Q3 (2026-07-01 – 2026-09-30)');
    expect(cover).toContain('CIS Amazon Web Services Foundations Benchmark v5.0.0');
    expect(cover).toContain(`production (${ACCOUNT})`);
    expect(cover).toContain('01J9Z3T6QK2M8W4V7X5Y0B1C2D');
    expect(cover).toContain(fakeSha256('manifest.json'));
    expect(cover).toContain('auditpack 0.1.0');
  });

  it('says "not stated" for a missing period and leaves the organisation out when it was not collected', () => {
    const cover = textOf(render({ ...buildResults() }).split('</header>')[0] ?? '');
    expect(cover).toContain('Audit period not stated');
    expect(cover).not.toContain('Organization');
  });

  it('states scope and method: accounts, regions, services, window, callers, catalog, tailoring, attestations', () => {
    const scope = textOf(sectionHtml(render(), 'scope'));
    expect(scope).toContain('Scope and method');
    expect(scope).toContain(`Organization ${ORG_ID} (management account ${MANAGEMENT_ACCOUNT})`);
    expect(scope).toContain(`Accounts 1 account: production (${ACCOUNT})`);
    expect(scope).toContain('Regions 2: eu-west-1, us-east-1');
    expect(scope).toContain(`Services collected ${SERVICES.join(', ')}`);
    expect(scope).toContain('Collection window 2026-09-30 08:01:55 UTC → 2026-09-30 08:04:12 UTC; 47 evidence files');
    expect(scope).toContain(CALLER);
    expect(scope).toContain(SECOND_CALLER);
    expect(scope).toContain(
      `cis-aws-foundations-v5.0.0.yaml (cis-aws-foundations 5.0.0) SHA-256 ${fakeSha256('cis-aws-foundations-v5.0.0.yaml')}`,
    );
    expect(scope).toContain(`acme-tailoring.yaml SHA-256 ${fakeSha256('acme-tailoring.yaml')}`);
    expect(scope).toContain('1.13 iam-access-key-rotated maxAgeDays 120 weaker 90 CISO Keys of the batch users rotate');
    expect(scope).toContain('1 attestation deciding 1 manual requirement, by Sam Okafor (Platform lead)');
  });

  it('says what was not collected and why, grouped by service and cause, and where every call is listed', () => {
    const scope = textOf(sectionHtml(render(), 'scope'));
    expect(scope).toContain('2 calls failed');
    expect(scope).toContain('s3 Access denied 1 1 GetBucketPolicy');
    expect(scope).toContain('config Throttled 1 1 DescribeConfigurationRecorders');
    expect(scope).toContain('manifest.json lists every call made');
    // The raw AWS message stays in the manifest.
    expect(scope).not.toContain('is not authorized to perform');
    const none = textOf(sectionHtml(render({ ...framedResults(), bundle: { ...framedResults().bundle, errors: [] } }), 'scope'));
    expect(none).toContain('None: every call in the collection plan succeeded.');
  });

  it('explains how verdicts are reached and points to docs/conformance.md', () => {
    const scope = textOf(sectionHtml(render(), 'scope'));
    expect(scope).toMatch(/PASS only when every finding of every deciding check passes/);
    expect(scope).toMatch(/NOT EVALUATED when nothing fails but evidence is missing/);
    expect(scope).toMatch(/MANUAL until a person's attestation decides it/);
    expect(scope).toContain('docs/conformance.md');
  });

  it('says "not recorded" for results without callers or services', () => {
    const results = buildResults();
    const scope = textOf(sectionHtml(render(results), 'scope'));
    expect(scope).toContain('Collected by not recorded');
    expect(scope).toContain('Services collected not recorded');
    expect(scope).toContain("Tailoring none: every threshold is the catalog's");
    expect(scope).toContain('Attestations used none');
  });

  it('lists scope and sign-off in the contents', () => {
    const contents = sectionHtml(render(), 'contents');
    expect(contents).toContain('<a href="#scope">Scope and method</a>');
    expect(contents).toContain('<a href="#sign-off">Sign-off</a>');
  });

  it('ends with a sign-off: names, roles and dates given, blank lines for the rest and for every signature', () => {
    const html = render();
    const signOff = sectionHtml(html, 'sign-off');
    const text = textOf(signOff);
    expect(text).toContain('Prepared by Dana Reyes Cloud security engineer 2026-10-01 ______________________');
    expect(text).toContain(`Reviewed by Mallory ${XSS_SCRIPT} Internal audit ${XSS_IMG} __________ ______________________`);
    expect(text).toContain('Approved by ______________________ ________________ __________ ______________________');
    expect(text).toContain('audit period: 2026-Q3 (2026-07-01 – 2026-09-30)');
    // The sign-off comes after the requirements.
    expect(html.indexOf('id="sign-off"')).toBeGreaterThan(html.indexOf('id="requirements"'));
  });

  it('leaves every sign-off field blank when no framing was given', () => {
    const text = textOf(sectionHtml(render(buildResults()), 'sign-off'));
    for (const label of ['Prepared by', 'Reviewed by', 'Approved by']) {
      expect(text).toContain(`${label} ______________________ ________________ __________ ______________________`);
    }
    expect(text).toContain('audit period: not stated');
  });

  it('keeps attacker strings in the sign-off and period escaped', () => {
    const html = render(framedResults({ ...FRAMING, period: { label: XSS_IMG } }));
    expect(html).not.toContain(XSS_SCRIPT);
    expect(html).not.toContain(XSS_IMG);
    expect(sectionHtml(html, 'sign-off')).toContain('Mallory &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('gives a remediation hint for FAIL, NOT EVALUATED and MANUAL requirements, not for PASS', () => {
    const html = render();
    const article = (id: string): string =>
      textOf(html.slice(html.indexOf(`id="req-${id}"`), html.indexOf('</article>', html.indexOf(`id="req-${id}"`))));
    expect(article('1.13')).toContain(`Remediation: ${REMEDIATION_FAIL}`);
    expect(article('1.1')).toContain(`Remediation: ${REMEDIATION_MANUAL}`);
    expect(article('1.3')).not.toContain('Remediation');
    expect(article('1.13')).toContain('Profile 1');
  });
});

describe('framing views', () => {
  it('words the period from a label, dates, or both', () => {
    expect(periodText(undefined)).toBe('not stated');
    expect(periodText({ period: { label: '2026-Q3' } })).toBe('2026-Q3');
    expect(periodText({ period: { start: '2026-07-01', end: '2026-09-30' } })).toBe('2026-07-01 – 2026-09-30');
    expect(periodText({ period: { start: '2026-07-01' } })).toBe('from 2026-07-01');
    expect(periodText({ period: { end: '2026-09-30' } })).toBe('until 2026-09-30');
  });

  it('counts accounts instead of listing more than ten', () => {
    const accounts = Array.from({ length: 11 }, (_, i) => ({ id: String(100000000000 + i) }));
    const view = scopeView(buildResults({ accounts }), 'in the account summary');
    expect(view.accountCount).toBe(11);
    expect(view.accounts).toBeUndefined();
    expect(textOf(sectionHtml(render(buildResults({ accounts })), 'scope'))).toContain('Accounts 11 accounts, listed on the cover');
  });

  it('has all three sign-off rows, whatever is given', () => {
    expect(signOffView({ approvedBy: { name: 'Ana' } }).map((r) => [r.label, r.name])).toEqual([
      ['Prepared by', undefined],
      ['Reviewed by', undefined],
      ['Approved by', 'Ana'],
    ]);
  });
});

describe('report framing in the PDF', () => {
  let dir: string;
  let pages: string[];
  /** The whole text, white space squeezed out (long tokens wrap anywhere). */
  let squeezed: string;
  let pdf: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'auditpack-framing-'));
    pdf = await renderPdfDocument(toFindingSets(framedResults()), { generatedAt: '2026-10-01T09:00:00Z' });
    writeFileSync(join(dir, 'report.pdf'), pdf);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
    pages = text.split('\f');
    squeezed = text.replace(/\s+/g, '');
  }, 120_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the organisation, period, catalog, tool, bundle and manifest digest on the first page', () => {
    const cover = (pages[0] ?? '').replace(/\s+/g, '');
    for (const value of [
      `Organization${ORG_ID}(managementaccount${MANAGEMENT_ACCOUNT})`,
      'Auditperiod2026-Q3(2026-07-01–2026-09-30)',
      'CISAmazonWebServicesFoundationsBenchmarkv5.0.0',
      'auditpack0.1.0',
      '01J9Z3T6QK2M8W4V7X5Y0B1C2D',
      fakeSha256('manifest.json'),
    ]) {
      expect(cover).toContain(value);
    }
  });

  it('has a "Scope and method" section with services, callers, what was not collected and the method', () => {
    const start = squeezed.indexOf('ScopeandmethodScope');
    expect(start).toBeGreaterThan(0);
    const scope = squeezed.slice(start, squeezed.indexOf('Method', start) + 400);
    expect(scope).toContain(`Servicescollected${SERVICES.join(',')}`);
    expect(scope).toContain(CALLER);
    expect(scope).toContain(SECOND_CALLER);
    expect(scope).toContain('s3Accessdenied11GetBucketPolicy');
    expect(scope).toContain('configThrottled11DescribeConfigurationRecorders');
    expect(scope).toContain(`acme-tailoring.yaml,SHA-256${fakeSha256('acme-tailoring.yaml')}`);
    expect(scope).toContain('SamOkafor(Platformlead)');
    expect(scope).toContain('PASSonlywheneveryfindingofeverydecidingcheckpasses');
  });

  it('has a sign-off before the annexes, with names given and blank lines for the rest', () => {
    const start = squeezed.lastIndexOf('Sign-offItcovers');
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThan(squeezed.lastIndexOf('AnnexA:passingresources'));
    const signOff = squeezed.slice(start, start + 1200);
    expect(signOff).toContain('PreparedbyDanaReyesCloudsecurityengineer2026-10-01______________________');
    expect(signOff).toContain(`ReviewedbyMallory${XSS_SCRIPT}`);
    expect(signOff).toContain('Approvedby______________________________________');
  });

  it('lists scope and sign-off in the contents with page numbers and in the outline', async () => {
    const contents = pages.find((p) => /^\s*Contents$/m.test(p)) ?? '';
    expect(contents).toMatch(/Scope and method\s+\d+\s*$/m);
    expect(contents).toMatch(/Sign-off\s+\d+\s*$/m);
    const document = await PDFDocument.load(pdf);
    const titles: string[] = [];
    const outlines = document.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    for (let node = outlines.lookupMaybe(PDFName.of('First'), PDFDict); node; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      titles.push(node.lookup(PDFName.of('Title'), PDFHexString).decodeText());
    }
    expect(titles).toContain('Scope and method');
    expect(titles).toContain('Sign-off');
  });

  it('gives the remediation hint of a failing requirement, not of a passing one', () => {
    expect(squeezed).toContain(`Remediation:${REMEDIATION_FAIL.replace(/\s+/g, '')}`);
    expect(squeezed).toContain(`Remediation:${REMEDIATION_MANUAL.replace(/\s+/g, '')}`);
    expect(squeezed).not.toContain(REMEDIATION_PASS.replace(/\s+/g, ''));
  });
});
