import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionError } from '../../src/bundle/manifest.js';
import type { Finding, FindingStatus } from '../../src/checks/define-check.js';
import { findingSet, toFindingSets, type FindingSet } from '../../src/evaluate/findings.js';
import type { AccountSummary, Results } from '../../src/evaluate/results.js';
import { neutraliseBidi } from '../../src/report/format.js';
import { contentSecurityPolicy, renderHtml, renderHtmlChunks } from '../../src/report/render-html.js';
import { reportHeaderText } from '../../src/report/view-common.js';
import { packageRoot } from '../../src/shared/version.js';
import { orgResults } from '../helpers/org-results.js';
import {
  ACCOUNT,
  OTHER_ACCOUNT,
  buildResults,
  checkResult,
  fakeSha256,
  finding,
  resultsFrom,
  XSS_IMG,
  XSS_SCRIPT,
} from '../helpers/results-builder.js';

const GENERATED_AT = '2026-10-01T09:00:00Z';

function render(results: Results = buildResults(), generatedAt = GENERATED_AT): string {
  return renderHtml(results, { generatedAt });
}

/** The page's text, roughly as a reader sees it: tags dropped, entities for < > & " decoded. */
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

/** A finding as the page's data block holds it: evidence cited by E-number. */
interface DataFinding extends Omit<Finding, 'evidence'> {
  evidence: number[];
}

interface DataSegment {
  run: number;
  n: number;
  res: (number | string)[];
  rsn: (number | string)[];
  acc: (number | string)[];
  reg: (number | string)[];
  ev: number[][];
  s: string;
  r: number[];
  m: number[];
  a: number[];
  g: number[];
  e: number[];
  /** Only in a segment with an EXCEPTED finding: new exceptions [id, approved by, expires], and each finding's (0: none, k: entry k-1). */
  xt?: [string, string, string][];
  x?: number[];
}

/** E is a FAIL an exception covers: decoded as the FAIL it is in results, with its exception. */
const STATUS_OF_LETTER: Record<string, FindingStatus> = { F: 'FAIL', E: 'FAIL', N: 'NOT_EVALUATED', P: 'PASS' };

/** The text of the findings data block, as the browser reads it. */
function dataText(html: string): string {
  const match = /<script type="application\/json" id="findings-data">([\s\S]*?)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('no findings data block');
  return match[1];
}

/** Decodes the data block the way templates/report.js does: every run's findings, in order. */
function decodeFindings(html: string): { accounts: string[][]; runs: DataFinding[][] } {
  const [header, ...segments] = JSON.parse(dataText(html)) as [{ accounts: string[][]; runs: number[] }, ...DataSegment[]];
  const tables = { res: [] as string[], rsn: [] as string[], acc: [] as string[], reg: [] as string[] };
  const evidence: number[][] = [];
  const exceptions: [string, string, string][] = [];
  const runs: DataFinding[][] = header.runs.map(() => []);
  const extend = (table: string[], fresh: (number | string)[]): void => {
    for (let i = 0; i < fresh.length; i += 2) table.push((table.at(-1) ?? '').slice(0, Number(fresh[i])) + String(fresh[i + 1]));
  };
  const undoDeltas = (deltas: number[]): number[] => {
    let value = 0;
    return deltas.map((d) => (value += d));
  };
  const undoRunLengths = (pairs: number[]): number[] => {
    const out: number[] = [];
    for (let i = 0; i < pairs.length; i += 2) for (let k = 0; k < (pairs[i + 1] ?? 0); k++) out.push(pairs[i] ?? -1);
    return out;
  };
  for (const segment of segments) {
    extend(tables.res, segment.res);
    extend(tables.rsn, segment.rsn);
    extend(tables.acc, segment.acc);
    extend(tables.reg, segment.reg);
    evidence.push(...segment.ev);
    const [resources, reasons] = [undoDeltas(segment.r), undoDeltas(segment.m)];
    const [accounts, regions, lists] = [undoRunLengths(segment.a), undoRunLengths(segment.g), undoRunLengths(segment.e)];
    exceptions.push(...(segment.xt ?? []));
    const covering = undoRunLengths(segment.x ?? []);
    for (let i = 0; i < segment.n; i++) {
      const letter = segment.s[i] ?? '';
      const exception = letter === 'E' ? exceptions[(covering[i] ?? 0) - 1] : undefined;
      if (letter === 'E' && !exception) throw new Error(`segment ${segment.run}: EXCEPTED finding ${i} names no exception`);
      if (letter !== 'E' && (covering[i] ?? 0) !== 0)
        throw new Error(`segment ${segment.run}: finding ${i} is not EXCEPTED but names an exception`);
      runs[segment.run]?.push({
        status: STATUS_OF_LETTER[segment.s[i] ?? ''] ?? 'PASS',
        resource: tables.res[resources[i] ?? -1] ?? '',
        reason: tables.rsn[reasons[i] ?? -1] ?? '',
        account: tables.acc[accounts[i] ?? -1] ?? '',
        region: tables.reg[regions[i] ?? -1] ?? '',
        evidence: evidence[lists[i] ?? -1] ?? [],
        ...(exception ? { exception: { id: exception[0], approvedBy: exception[1], expires: exception[2] } } : {}),
      });
    }
  }
  return { accounts: header.accounts, runs };
}

/** The evidence index as printed: E-number → path, size and SHA-256. */
function evidenceIndexOf(html: string): Map<number, { path: string; size: string; sha256: string }> {
  const rows = html.matchAll(
    /<tr id="evidence-(\d+)" data-sha256="([0-9a-f]+)"><td>E\1<\/td><td class="wrap path">([^<]*)<\/td><td class="num">([^<]*)<\/td><td><code class="hash-full">\2<\/code><\/td><\/tr>/g,
  );
  return new Map([...rows].map(([, n, sha256, path, size]) => [Number(n), { path: path ?? '', size: size ?? '', sha256: sha256 ?? '' }]));
}

describe('renderHtml', () => {
  it('shows every requirement with its id, title, status and anchor, linked from the contents', () => {
    const results = buildResults();
    const html = render(results);
    for (const r of results.requirements) {
      expect(html).toContain(`id="req-${r.id}"`);
      expect(html).toContain(`href="#req-${r.id}"`);
      expect(textOf(html)).toContain(`${r.id} ${r.title}`);
    }
    expect(html).toMatch(/id="req-1\.13"[\s\S]*?<span class="badge status-fail">FAIL<\/span>/);
    expect(html).toMatch(/id="req-2\.1\.1"[\s\S]*?<span class="badge status-not-evaluated">NOT EVALUATED<\/span>/);
    expect(textOf(html)).toContain('2 of 4 resources fail.');
  });

  it('keeps attacker-controlled resource names as data the script prints as text, never as markup', () => {
    const html = render();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain(XSS_IMG);
    // Two script elements (the data block and the page script) and nothing can close either early.
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(dataText(html)).not.toMatch(/<|<!--/);
    const resources = decodeFindings(html)
      .runs.flat()
      .map((f) => f.resource);
    expect(resources).toContain(`arn:aws:iam::${ACCOUNT}:user/${XSS_SCRIPT}`);
    expect(resources).toContain(`arn:aws:iam::${ACCOUNT}:user/ci${XSS_IMG}`);
    // The script prints with textContent only.
    const script = readFileSync(join(packageRoot, 'templates', 'report.js'), 'utf8');
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
  });

  it('escapes markup in every evidence-derived field, not only resource names', () => {
    const payload = '<b onmouseover=alert(1)>x</b>';
    const results = resultsFrom(
      [
        {
          id: '9.1',
          section: '9',
          sectionTitle: payload,
          title: payload,
          assessment: 'automated',
          status: 'FAIL',
          statusReason: payload,
          description: payload,
          checks: [
            checkResult('demo-check-escaped', payload, { tag: payload }, [
              finding('FAIL', payload, payload, `aws/${ACCOUNT}/global/${payload}.json`, { account: payload, region: payload }),
            ]),
          ],
        },
      ],
      {
        accounts: [{ id: ACCOUNT, name: payload }],
        regions: [payload],
        errors: [
          {
            account: payload,
            region: payload,
            service: 's3',
            operation: payload,
            code: payload,
            message: payload,
            parameters: { Bucket: payload },
          },
        ],
      },
    );
    const html = render(results);
    expect(html).not.toContain('<b ');
    // Section title (summary, toolbar, contents, heading), title, reason, description, check title and
    // params, account name (scope, toolbar), region, error fields: all escaped where HTML prints them.
    expect(html.match(/&lt;b onmouseover&#x3D;alert\(1\)&gt;/g)?.length ?? 0).toBeGreaterThanOrEqual(14);
    const [decoded] = decodeFindings(html).runs.flat();
    expect(decoded).toMatchObject({ resource: payload, reason: payload, account: payload, region: payload });
    expect(decodeFindings(html).accounts).toEqual([[ACCOUNT, payload]]);
  });

  it('prints values only with escaping {{ }} in the template, never {{{ }}} or {{& }}', () => {
    const template = readFileSync(join(packageRoot, 'templates', 'report.hbs'), 'utf8');
    expect(template).not.toMatch(/\{\{\{|\{\{~?\s*&/);
  });

  it('runs only its own inline script, allowed by hash, loads nothing and links only within the page', () => {
    const html = render();
    // The data block is JSON the browser never parses as markup: its strings may hold anything but `<`.
    const markup = html.replace(dataText(html), '');
    expect(markup).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(markup).not.toMatch(/\s(?:src|href|action|poster)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(markup).not.toMatch(/<link\b|<iframe\b|<object\b|<embed\b|@import|url\(|\son[a-z]+\s*=/i);
    for (const [, href] of html.matchAll(/\shref="([^"]*)"/g)) expect(href).toMatch(/^#/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(script).toBe(readFileSync(join(packageRoot, 'templates', 'report.js'), 'utf8'));
    const hash = createHash('sha256').update(script).digest('base64');
    const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'`;
    expect(contentSecurityPolicy(script)).toBe(csp);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    expect(meta.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=')).toBe(csp);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toMatch(/<style>[\s\S]*print-color-adjust: exact[\s\S]*<\/style>/);
  });

  it('says without JavaScript where the findings are', () => {
    expect(textOf(render())).toContain('The finding tables need JavaScript, which is off');
    expect(render()).toMatch(/<noscript>[\s\S]*results\.json[\s\S]*<\/noscript>/);
  });

  it('gives byte-identical output for the same input', () => {
    expect(render(buildResults())).toBe(render(buildResults()));
  });

  it('shows the generated time only when one is given', () => {
    expect(textOf(render(buildResults(), GENERATED_AT))).toContain('Generated 2026-10-01 09:00:00 UTC');
    expect(textOf(render(buildResults(), ''))).not.toContain('Generated 2026');
  });

  it('shows the scope: accounts, regions, collection window, bundle, manifest and catalog digests, tool', () => {
    const results = buildResults();
    const text = textOf(render(results));
    expect(text).toContain('CIS Amazon Web Services Foundations Benchmark v5.0.0');
    expect(text).toContain('production (111122223333)');
    expect(text).toContain('eu-west-1, us-east-1');
    expect(text).toContain('2026-09-30 08:01:55 UTC → 2026-09-30 08:04:12 UTC');
    expect(text).toContain(`${results.bundle.id} , 47 evidence files`);
    expect(text).toContain(results.bundle.manifestSha256);
    expect(text).toContain(`cis-aws-foundations-v5.0.0.yaml (cis-aws-foundations 5.0.0) SHA-256 ${results.catalog.sha256}`);
    expect(text).toContain('auditpack 0.1.0');
  });

  it('warns prominently when collection was incomplete or had errors', () => {
    const incomplete = textOf(render(buildResults({ complete: false })));
    expect(incomplete).toContain('Warning: this audit is based on incomplete evidence');
    expect(incomplete).toContain('The collection did not finish');
    expect(incomplete).toContain(
      '2 collection errors occurred. Requirements that depend on the failed calls are NOT EVALUATED (2 in this report)',
    );

    const erroredOnly = textOf(render(buildResults({ complete: true })));
    expect(erroredOnly).toContain('Warning: this audit is based on incomplete evidence');
    expect(erroredOnly).not.toContain('The collection did not finish');

    const clean = render(buildResults({ complete: true, errors: [] }));
    expect(clean).not.toContain('class="banner"');
    expect(textOf(clean)).toContain('None: every call in the collection plan succeeded.');
  });

  it('summarises counts per status, the overall pass rate and each section with a CSS bar', () => {
    const text = textOf(render());
    expect(text).toContain('3 PASS 2 FAIL 2 NOT EVALUATED 2 MANUAL 0 NOT APPLICABLE 9 TOTAL');
    // 3 PASS of 7 automated requirements: the 2 NOT EVALUATED ones count against the score (it was 60 % when they did not).
    expect(text).toContain('Overall pass rate: 42% · coverage: 71% (pass rate: PASS ÷ automated requirements');
    expect(text).toContain('coverage: 3 PASS + 2 FAIL of 7 automated requirements decided by evidence');
    expect(text).toContain('1 Identity and Access Management 1 1 0 2 0 4 50% 100%');
    expect(text).toContain('2 Storage 1 0 1 0 0 2 50% 50%');
    expect(text).toContain('5 Networking 0 1 0 0 0 1 0% 100%');
    expect(render()).toContain('<span class="bar-segment status-manual" style="width: 50.0000%" title="2 MANUAL"></span>');
  });

  it('shows "—" for a pass rate with nothing decided by evidence', () => {
    const results = resultsFrom([
      {
        id: '1.1',
        section: '1',
        sectionTitle: 'Identity and Access Management',
        title: 'Maintain current contact details',
        assessment: 'manual',
        status: 'MANUAL',
        statusReason: 'No attestation recorded.',
        manualBecause: 'Only the account owner can confirm the contacts are current.',
        checks: [],
      },
    ]);
    const text = textOf(render(results));
    expect(text).toContain('Overall pass rate: —');
    expect(text).toContain('1 Identity and Access Management 0 0 0 1 0 1 —');
  });

  it('asks for attestation on manual requirements and says what the evidence suggests', () => {
    const text = textOf(render());
    expect(text).toContain('Attestation required. Only the account owner can confirm the contacts are current.');
    expect(text).toMatch(/Attestation required\. Whether an instance needs AWS access .*? Evidence suggests: FAIL/);
    expect(text.match(/Evidence suggests:/g)).toHaveLength(1);
  });

  it('lists each check with its params and tally, and its findings in order in the data block', () => {
    const results = buildResults();
    const html = render(results);
    const text = textOf(html);
    expect(text).toContain('iam-access-key-rotated Active access keys are rotated within the limit');
    expect(text).toContain('Parameters: maxAgeDays=90 · 4 findings: 2 FAIL, 2 PASS');
    expect(text).toContain('Parameters: ports=[22,3389] · 36 findings: 4 FAIL, 32 PASS');
    expect(text).toContain('3 findings: 1 FAIL, 1 NOT EVALUATED, 1 PASS');

    const { runs } = decodeFindings(html);
    const checks = results.requirements.flatMap((r) => r.checks);
    expect(runs).toHaveLength(checks.length);
    const index = evidenceIndexOf(html);
    for (const [i, check] of checks.entries()) {
      expect(html).toContain(`data-run="${i}" data-count="${check.findings.length}"`);
      expect(runs[i]?.map(({ evidence: _, ...f }) => f)).toEqual(check.findings.map(({ evidence: _, ...f }) => f));
      // Each finding cites its evidence files by number; the index gives their path and hash.
      expect(runs[i]?.map((f) => f.evidence.map((n) => index.get(n)))).toEqual(
        check.findings.map((f) => f.evidence.map((e) => ({ path: e.path, sha256: e.sha256, size: '' }))),
      );
    }
  });

  it('numbers evidence files in path order, once each, with size and SHA-256', () => {
    const results = buildResults();
    const cited = results.requirements.flatMap((r) => r.checks.flatMap((c) => c.findings.flatMap((f) => f.evidence)));
    const manifest = [...new Map(cited.map((e) => [e.path, e])).values()].map((e, i) => ({ ...e, size: 1000 * (i + 1) }));
    manifest.push({ path: 'aws/111122223333/global/iam/ListUsers.json', sha256: fakeSha256('ListUsers'), size: 3_500_000 });
    const html = renderHtml(results, { generatedAt: '', evidence: manifest });
    const index = evidenceIndexOf(html);
    const paths = [...manifest].map((f) => f.path).sort();
    expect([...index.values()].map((e) => e.path)).toEqual(paths);
    expect([...index.keys()]).toEqual(paths.map((_, i) => i + 1));
    expect(index.get(paths.indexOf('aws/111122223333/global/iam/ListUsers.json') + 1)).toEqual({
      path: 'aws/111122223333/global/iam/ListUsers.json',
      size: '3.3 MiB',
      sha256: fakeSha256('ListUsers'),
    });
    expect(textOf(html)).toContain('Evidence index');
    const { runs } = decodeFindings(html);
    const keyRotated = results.requirements.flatMap((r) => r.checks).findIndex((c) => c.check === 'iam-access-key-rotated');
    const credentialReport = paths.indexOf('aws/111122223333/global/iam/GetCredentialReport.csv') + 1;
    expect(runs[keyRotated]?.map((f) => f.evidence)).toEqual([
      [credentialReport],
      [credentialReport],
      [credentialReport],
      [credentialReport],
    ]);
  });

  it('says when no finding cites evidence', () => {
    const results = resultsFrom([]);
    expect(textOf(render(results))).toContain('None: no finding cites an evidence file.');
  });

  it('uses one status wording everywhere: PASS, FAIL, NOT EVALUATED, MANUAL', () => {
    const html = render();
    expect(html).not.toContain('NOT_EVALUATED');
    expect(textOf(html)).toContain('NOT EVALUATED');
  });

  it('groups requirements by section in catalog order, sub-sections under their own heading', () => {
    const text = textOf(render().split('id="requirements"')[1] ?? '');
    const order = [
      '1 Identity and Access Management',
      '1.1 ',
      '1.3 ',
      '1.13 ',
      '1.18 ',
      '2 Storage',
      '2.1 Simple Storage Service (S3)',
      '2.1.1 ',
      '2.1.4 ',
      '3 Logging',
      '3.1 ',
      '3.3 ',
      '5 Networking',
      '5.3 ',
    ];
    const positions = order.map((s) => text.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('lists every collection error with its call, parameters, cause, code and what to do, not the raw message', () => {
    const text = textOf(render().split('id="collection-errors"')[1] ?? '');
    expect(text).toContain(
      '111122223333 eu-west-1 s3:GetBucketPolicy Bucket=acme-payroll-exports Access denied AccessDenied HTTP 403 Access was denied. Grant s3:GetBucketPolicy to the audit role and collect again.',
    );
    expect(text).toContain(
      '111122223333 us-east-1 config:DescribeConfigurationRecorders — Throttled ThrottlingException AWS throttled the call until the retries ran out. Collect again later or with a lower --concurrency.',
    );
    expect(text).not.toContain('User: arn:aws:sts::');
    expect(text).not.toContain('Rate exceeded');
  });

  const failed = (fields: Partial<CollectionError>): CollectionError => ({
    account: ACCOUNT,
    region: 'us-east-1',
    service: 'cloudtrail',
    operation: 'DescribeTrails',
    parameters: {},
    code: 'UnknownError',
    message: '',
    ...fields,
  });
  const sdkText = 'Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.';

  it.each([
    [
      'a 500 with an HTML body',
      failed({ code: 'SyntaxError', message: `Unexpected token '<', "<html>" is not valid JSON\n  ${sdkText}`, httpStatus: 500 }),
      'AWS server error',
      'AWS answered with a server error (HTTP 500). AWS had a problem on its side; collect again later.',
    ],
    [
      'a 503 with no body',
      failed({ service: 'iam', operation: 'GetAccountSummary', region: 'global', code: 'Unknown', message: 'Unknown', httpStatus: 503 }),
      'AWS server error',
      'AWS answered with a server error (HTTP 503).',
    ],
    [
      'an unparseable 200 answer',
      failed({
        service: 'ec2',
        operation: 'DescribeVpcs',
        code: 'UnknownError',
        message: `@aws-sdk XML parse error: unexpected content.\n  ${sdkText}`,
        httpStatus: 200,
      }),
      'Unreadable answer',
      "AWS's answer could not be read. Collect again;",
    ],
    [
      'a refused connection',
      failed({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:443' }),
      'Unreachable',
      'No AWS endpoint answered. Check the network, proxy and any --endpoint-url',
    ],
    [
      'a name that does not resolve',
      failed({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND cloudtrail.us-east-1.amazonaws.com' }),
      'Unreachable',
      "The AWS endpoint's name did not resolve in us-east-1.",
    ],
    [
      'an opt-in region that is not enabled',
      failed({
        region: 'af-south-1',
        code: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid.',
        httpStatus: 400,
      }),
      'Not offered',
      'The opt-in region af-south-1 is not enabled for the account. Enable af-south-1 for the account, or leave it out with --regions',
    ],
    [
      'throttling that outlived the retries',
      failed({ code: 'ThrottlingException', message: 'Rate exceeded', httpStatus: 400 }),
      'Throttled',
      'AWS throttled the call',
    ],
    [
      'AccessDeniedException',
      failed({
        service: 'accessanalyzer',
        operation: 'ListAnalyzers',
        code: 'AccessDeniedException',
        message: 'User is not authorized',
        httpStatus: 403,
      }),
      'Access denied',
      'Grant access-analyzer:ListAnalyzers to the audit role and collect again.',
    ],
  ])('says what to do after %s, in a clean sentence without the SDK text', (_name, error, label, advice) => {
    const text = textOf(render(buildResults({ errors: [error] })).split('id="collection-errors"')[1] ?? '');
    expect(text).toContain(label);
    expect(text).toContain(advice);
    expect(text).not.toMatch(/\$response|Deserialization|hidden field|not valid JSON|XML parse|Grant the permissions/);
    if (!/Access denied/.test(label)) expect(text).not.toContain('Grant ');
  });

  it('prints the cause recorded at collection time over one derived from the code', () => {
    const error = failed({ code: 'SomethingNew', message: 'x', httpStatus: 400, cause: 'service-error' });
    expect(textOf(render(buildResults({ errors: [error] })))).toContain('AWS server error');
  });

  it('says how to verify the report against the manifest SHA-256', () => {
    const results = buildResults();
    expect(textOf(render(results))).toContain(`manifest.json must have SHA-256 ${results.bundle.manifestSha256}`);
  });
});

describe('reportHeaderText', () => {
  it('names framework, version, accounts and collection date', () => {
    expect(reportHeaderText(buildResults())).toBe('cis-aws-foundations 5.0.0 · production (111122223333) · collected 2026-09-30');
  });

  it('counts accounts when there are many', () => {
    const accounts = ['1', '2', '3', '4'].map((d) => ({ id: d.repeat(12) }));
    expect(reportHeaderText(buildResults({ accounts }))).toBe('cis-aws-foundations 5.0.0 · 4 accounts · collected 2026-09-30');
  });
});

describe('renderHtml: the bundle seal on the cover', () => {
  const cover = (results: Results): string => textOf(render(results).split('</header>')[0] ?? '');

  it('names the signer of a verified seal', () => {
    const fingerprint = `SHA256:${'ab'.repeat(32)}`;
    const text = cover(buildResults({ seal: { state: 'verified', fingerprint, subject: 'CN=Acme audit team' } }));
    expect(text).toContain(`Sealed by ${fingerprint} (CN=Acme audit team), verified`);
  });

  it('says a seal checked without a key is not pinned to a signer', () => {
    expect(cover(buildResults({ seal: { state: 'unverified' } }))).toContain('Sealed, signer not pinned');
  });

  it('says an unsealed bundle is not sealed', () => {
    expect(cover(buildResults({ seal: { state: 'unsealed' } }))).toContain('Not sealed');
  });
});

describe('renderHtml: bidirectional control characters in evidence', () => {
  const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

  it('shows each one visibly as <U+XXXX> instead of letting it reorder the text', () => {
    const payload = `bucket-${BIDI.join('x')}-end`;
    const results = resultsFrom(
      [
        {
          id: '9.1',
          section: '9',
          sectionTitle: 'Storage',
          title: 'Buckets',
          assessment: 'manual',
          status: 'PASS',
          statusReason: `reason ${payload}`,
          attestations: [
            {
              result: 'pass',
              attestedBy: `Dana ${payload}`,
              role: 'CISO',
              date: '2026-09-01',
              expires: '2027-09-01',
              justification: `because ${payload}`,
              evidence: [],
            },
          ],
          checks: [checkResult('demo-check', 'Demo', {}, [finding('FAIL', payload, `reason ${payload}`, `aws/${ACCOUNT}/global/x.json`)])],
        },
      ],
      { accounts: [{ id: ACCOUNT, name: `acme ${payload}` }] },
    );
    const html = render(results);
    for (const ch of BIDI) expect(html).not.toContain(ch);
    // In the data block the marker is text the script prints as is (no HTML entity there).
    const [decoded] = decodeFindings(html).runs.flat();
    expect(decoded?.resource).toBe(neutraliseBidi(payload));
    expect(decoded?.resource).toContain('bucket-<U+202A>x<U+202B>');
    expect(decodeFindings(html).accounts).toEqual([[ACCOUNT, neutraliseBidi(`acme ${payload}`)]]);
    const text = textOf(html);
    expect(text).toContain(
      'bucket-<U+202A>x<U+202B>x<U+202C>x<U+202D>x<U+202E>x<U+2066>x<U+2067>x<U+2068>x<U+2069>x<U+200E>x<U+200F>x<U+061C>-end',
    );
    expect(text).toContain('because bucket-<U+202A>');
    expect(reportHeaderText(results)).toContain('acme bucket-<U+202A>x');
  });
});

describe('renderHtml: organisations', () => {
  let org: Awaited<ReturnType<typeof orgResults>>;

  beforeAll(async () => {
    org = await orgResults({ accounts: 3, users: 20, sgs: 30 });
  });

  afterAll(() => org?.dispose());

  const distinctSets = (results: Results<FindingSet>): FindingSet[] => [
    ...new Set(results.requirements.flatMap((r) => r.checks.map((c) => c.findings))),
  ];

  it('holds every finding once per check run, as the check produced it', () => {
    const { results, bundle } = org;
    const html = renderHtml(results, { generatedAt: '', evidence: bundle.manifest.files });
    const sets = distinctSets(results);
    expect(sets.length).toBeLessThan(results.requirements.flatMap((r) => r.checks).length);
    const { runs } = decodeFindings(html);
    const index = evidenceIndexOf(html);
    expect(index.size).toBe(bundle.manifest.files.length);
    expect(runs).toHaveLength(sets.length);
    for (const [i, set] of sets.entries()) {
      const expected = [...set.read()].map((f) => ({
        ...f,
        evidence: f.evidence.map((e) => ({ path: e.path, sha256: e.sha256 })),
      }));
      const decoded = (runs[i] ?? []).map((f) => ({
        ...f,
        evidence: f.evidence.map((n) => ({ path: index.get(n)?.path, sha256: index.get(n)?.sha256 })),
      }));
      expect(decoded).toEqual(expected);
    }
    // Every check names its run and count; requirements that share a check run share its data.
    for (const check of results.requirements.flatMap((r) => r.checks)) {
      expect(html).toContain(`data-run="${sets.indexOf(check.findings)}" data-count="${check.findings.counts.total}"`);
    }
  });

  it('reads each finding set once, and writes the page in pieces of bounded size', () => {
    const { results, bundle } = org;
    const reads = new Map<FindingSet, number>();
    const counted = (set: FindingSet): FindingSet => {
      const watched: FindingSet = {
        counts: set.counts,
        byAccount: set.byAccount,
        firstGap: set.firstGap,
        read: () => {
          reads.set(watched, (reads.get(watched) ?? 0) + 1);
          return set.read();
        },
      };
      return watched;
    };
    const wrapped = new Map(distinctSets(results).map((set) => [set, counted(set)]));
    const watched: Results<FindingSet> = {
      ...results,
      requirements: results.requirements.map((r) => ({
        ...r,
        checks: r.checks.map((c) => ({ ...c, findings: wrapped.get(c.findings) ?? c.findings })),
      })),
    };
    const pieces = [...renderHtmlChunks(watched, { generatedAt: '', evidence: bundle.manifest.files })];
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
    expect(reads.size).toBe(wrapped.size);
    expect(pieces.length).toBeGreaterThan(wrapped.size);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(400_000);
    expect(pieces.join('')).toBe(renderHtml(results, { generatedAt: '', evidence: bundle.manifest.files }));
  });

  it('summarises each account with a button that shows its findings', () => {
    const { results } = org;
    const html = renderHtml(results, { generatedAt: '' });
    const accounts = results.summary.accounts ?? [];
    expect(accounts).toHaveLength(3);
    const section = html.split('id="accounts"')[1]?.split('</section>')[0] ?? '';
    for (const account of accounts) {
      expect(section).toContain(`data-account="${account.id}"`);
      const label = results.bundle.accounts.find((a) => a.id === account.id)?.name;
      expect(textOf(section)).toContain(
        `${label ? `${label} (${account.id})` : account.id} ${account.counts.PASS} ${account.counts.FAIL} ${account.counts.NOT_EVALUATED} ${account.counts.MANUAL} ${account.counts.NOT_APPLICABLE}`,
      );
      expect(textOf(section)).toContain(`${account.findings.FAIL} ${account.findings.NOT_EVALUATED} ${account.findings.total} Show`);
    }
    // Every account can be picked in the toolbar.
    for (const account of results.bundle.accounts) expect(html).toContain(`<option value="${account.id}">`);
  });

  it('is the same page from array results as from finding sets', () => {
    const results = buildResults();
    expect(render(results)).toBe(renderHtml(toFindingSets(results), { generatedAt: GENERATED_AT }));
  });

  it('encodes a finding array shared by two requirements once', () => {
    const findings = [finding('FAIL', 'arn:aws:s3:::shared', 'shared reason', `aws/${ACCOUNT}/global/s3/x.json`)];
    const shared = checkResult('demo-shared', 'Shared', {}, findings);
    const requirement = { section: '9', sectionTitle: 'S', assessment: 'automated' as const, status: 'FAIL' as const, statusReason: 'x' };
    const html = render(
      resultsFrom([
        { ...requirement, id: '9.1', title: 'One', checks: [shared] },
        { ...requirement, id: '9.2', title: 'Two', checks: [{ ...shared }] },
      ]),
    );
    expect(decodeFindings(html).runs).toHaveLength(1);
    expect(html.match(/data-run="0"/g)).toHaveLength(2);
  });
});

describe('renderHtml: the per-account summary', () => {
  const accountSummary = (id: string, fail: number): AccountSummary => ({
    id,
    counts: { PASS: 3, FAIL: fail, NOT_EVALUATED: 0, MANUAL: 1, NOT_APPLICABLE: 0, total: 4 + fail },
    findings: { PASS: 10, FAIL: fail, NOT_EVALUATED: 0, total: 10 + fail },
    passRate: 3 / (3 + fail),
    coverage: 1,
    automated: { PASS: 3, FAIL: fail, NOT_EVALUATED: 0, total: 3 + fail },
  });
  const withAccounts = (accounts: AccountSummary[] | undefined): Results => {
    const results = buildResults({ accounts: [{ id: ACCOUNT, name: 'production' }, { id: OTHER_ACCOUNT }] });
    return { ...results, summary: { ...results.summary, ...(accounts ? { accounts } : {}) } };
  };

  it('shows one row per account with requirement counts, pass rate, coverage and finding counts', () => {
    const text = textOf(render(withAccounts([accountSummary(ACCOUNT, 1), accountSummary(OTHER_ACCOUNT, 0)])));
    expect(text).toContain('production (111122223333) 3 1 0 1 0 75% 100% 1 0 11 Show');
    expect(text).toContain('444455556666 3 0 0 1 0 100% 100% 0 0 10 Show');
  });

  it('is left out for one account, and for results written before per-account summaries', () => {
    expect(render(withAccounts(undefined))).not.toContain('id="accounts"');
    const one = buildResults();
    expect(render({ ...one, summary: { ...one.summary, accounts: [accountSummary(ACCOUNT, 1)] } })).not.toContain('id="accounts"');
  });
});

describe('renderHtml: finding sets on demand', () => {
  it('takes findings from sets as they are read', () => {
    const results = toFindingSets(buildResults());
    const big = Array.from({ length: 10_000 }, (_, i) =>
      finding(i % 3 === 0 ? 'FAIL' : 'PASS', `arn:aws:iam::${ACCOUNT}:user/u${i}`, `reason ${i % 7}`, `aws/${ACCOUNT}/global/iam/x.json`),
    );
    const [first] = results.requirements;
    if (!first) throw new Error('no requirement');
    first.checks = [{ check: 'demo-big', title: 'Big', params: {}, status: 'FAIL', findings: findingSet(big) }];
    const html = renderHtml(results, { generatedAt: '' });
    expect(decodeFindings(html).runs[0]?.map((f) => f.resource)).toEqual(big.map((f) => f.resource));
    expect(textOf(html)).toContain('10000 findings: 3334 FAIL, 6666 PASS');
  });
});
