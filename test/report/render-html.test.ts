import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CollectionError } from '../../src/bundle/manifest.js';
import type { Results } from '../../src/evaluate/results.js';
import { renderHtml } from '../../src/report/render-html.js';
import { reportHeaderText } from '../../src/report/view-common.js';
import { packageRoot } from '../../src/shared/version.js';
import { ACCOUNT, buildResults, checkResult, finding, resultsFrom, XSS_IMG, XSS_SCRIPT } from '../helpers/results-builder.js';

const GENERATED_AT = '2026-10-01T09:00:00Z';

function render(results: Results = buildResults(), generatedAt = GENERATED_AT): string {
  return renderHtml(results, { generatedAt });
}

/** The page's text, roughly as a reader sees it: tags dropped, entities for < > & " decoded. */
function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
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

  it('prints attacker-controlled resource names as text, never as markup', () => {
    const html = render();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain(XSS_IMG);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(textOf(html)).toContain(XSS_SCRIPT);
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
    expect(html.match(/&lt;b onmouseover&#x3D;alert\(1\)&gt;/g)?.length ?? 0).toBeGreaterThanOrEqual(12);
  });

  it('prints values only with escaping {{ }} in the template, never {{{ }}} or {{& }}', () => {
    const template = readFileSync(join(packageRoot, 'templates', 'report.hbs'), 'utf8');
    expect(template).not.toMatch(/\{\{\{|\{\{~?\s*&/);
  });

  it('has no script, no network URL in any src or href, and a CSP that forbids loading anything', () => {
    const html = render();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(?:src|href|action|poster)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b|<iframe\b|<object\b|<embed\b|@import|url\(/i);
    for (const [, href] of html.matchAll(/\shref="([^"]*)"/g)) expect(href).toMatch(/^#/);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toMatch(/<style>[\s\S]*print-color-adjust: exact[\s\S]*<\/style>/);
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

  it('lists each check with its params and findings, failures and gaps first, with evidence path and hash', () => {
    const results = buildResults();
    const html = render(results);
    const text = textOf(html);
    expect(text).toContain('iam-access-key-rotated Active access keys are rotated within the limit');
    expect(text).toContain('Parameters: maxAgeDays=90 · 4 findings: 2 FAIL, 2 PASS');
    expect(text).toContain('Parameters: ports=[22,3389] · 36 findings: 4 FAIL, 32 PASS');
    expect(text.indexOf(XSS_SCRIPT)).toBeLessThan(text.indexOf('user/alice'));
    expect(text.indexOf('arn:aws:s3:::acme-logs')).toBeLessThan(text.indexOf('arn:aws:s3:::acme-payroll-exports'));
    expect(text.indexOf('arn:aws:s3:::acme-payroll-exports')).toBeLessThan(text.indexOf('acme-static-website-assets'));

    const evidence = results.requirements.find((r) => r.id === '1.3')?.checks[0]?.findings[0]?.evidence[0];
    expect(evidence).toBeDefined();
    expect(html).toContain(`<span class="path">${evidence?.path}</span>`);
    expect(html).toContain(`title="sha256 ${evidence?.sha256}">sha256 ${evidence?.sha256.slice(0, 12)}…</span>`);
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
    const text = textOf(html);
    expect(text).toContain(
      'bucket-<U+202A>x<U+202B>x<U+202C>x<U+202D>x<U+202E>x<U+2066>x<U+2067>x<U+2068>x<U+2069>x<U+200E>x<U+200F>x<U+061C>-end',
    );
    expect(text).toContain('because bucket-<U+202A>');
    expect(reportHeaderText(results)).toContain('acme bucket-<U+202A>x');
  });
});
