import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/evaluate/results.js';
import { QUARTERS, threeQuarterScenario } from '../attest/three-quarters.js';
import { TEST_ACCOUNT, writeTestBundle } from '../helpers/bundle-builder.js';

// Three quarters as a team lives them, through the CLI: a Q1 attestation in the register decides
// Q2 (in CIS v5.0.0 and v7.0.0) and has expired by Q3; an exception keeps a known failure from
// failing the pipeline's `diff --fail-on regression` without hiding it in the report; a revoked
// attestation stops deciding; the report's framing reaches HTML and PDF.

const cli = join(process.cwd(), 'dist/cli/main.js');

function auditpack(args: string[]): { code: number | null; out: string } {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1790000000' } });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

const BASTION = 'sg-0a7b3c9d1e5f24680';

/** A quarter's bundle: the bastion's security group opens 443 to the world, or (Q3) SSH. */
function quarter(collectedAt: string, sshOpen: boolean): string {
  return writeTestBundle({
    collectedAt,
    accounts: [TEST_ACCOUNT],
    regions: ['us-east-1'],
    files: [
      {
        service: 'ec2',
        operation: 'DescribeSecurityGroups',
        region: 'us-east-1',
        body: {
          SecurityGroups: [
            {
              GroupId: BASTION,
              GroupName: 'bastion',
              OwnerId: TEST_ACCOUNT,
              VpcId: 'vpc-0a1b2c3d',
              IpPermissions: [
                { IpProtocol: 'tcp', FromPort: sshOpen ? 22 : 443, ToPort: sshOpen ? 22 : 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
              ],
              IpPermissionsEgress: [],
            },
          ],
        },
      },
    ],
  });
}

const results = (out: string): Results => JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
const requirement = (r: Results, id: string) => r.requirements.find((x) => x.id === id);

describe('three quarters with an attestation register and exceptions', () => {
  let work: string;
  let register: string;
  let entryId: string;
  let bundles: { Q2: string; Q3: string };
  let exceptions: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'auditpack-quarters-e2e-'));
    ({ register, entryId } = await threeQuarterScenario());
    bundles = { Q2: quarter(QUARTERS.Q2, false), Q3: quarter(QUARTERS.Q3, true) };
    exceptions = join(work, 'exceptions.yaml');
    writeFileSync(
      exceptions,
      `exceptions:
  - id: RISK-2026-014
    framework: cis-aws-foundations
    version: 5.0.0
    requirement: "5.3"
    account: "${TEST_ACCOUNT}"
    resource: "arn:aws:ec2:us-east-1:${TEST_ACCOUNT}:security-group/${BASTION}"
    justification: SSH to the bastion stays open until the SSM migration ends.
    approved_by: Dana Smith (CISO)
    approved_on: 2026-09-01
    expires: 2027-01-01
`,
    );
    expect(auditpack(['keygen', '--out', join(work, 'keys')]).code).toBe(0);
  }, 60_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('decides Q2 from the Q1 register entry, in v5.0.0 and through the crosswalk in v7.0.0, and carries the entry with the signed report', () => {
    const out = join(work, 'q2-v5');
    const run = auditpack([
      'report',
      bundles.Q2,
      '--out',
      out,
      '--catalog',
      'cis-aws-foundations-v5.0.0',
      '--register',
      register,
      '--sign',
      join(work, 'keys', 'private.pem'),
    ]);
    expect(run.code, run.out).toBe(0);
    const contacts = requirement(results(out), '1.1');
    expect(contacts?.status).toBe('PASS');
    expect(contacts?.attestations?.[0]?.source).toMatchObject({ id: entryId, copy: 'register/attestations-used.yaml' });
    expect(readFileSync(join(out, 'register', 'attestations-used.yaml'), 'utf8')).toContain(entryId);
    const verify = auditpack(['verify', out, '--key', join(work, 'keys', 'public.pem')]);
    expect(verify.code, verify.out).toBe(0);

    const v7 = join(work, 'q2-v7');
    expect(
      auditpack(['report', bundles.Q2, '--out', v7, '--format', 'json', '--catalog', 'cis-aws-foundations-v7.0.0', '--register', register])
        .code,
    ).toBe(0);
    const mapped = requirement(results(v7), '2.2');
    expect(mapped?.status).toBe('PASS');
    expect(mapped?.attestations?.[0]?.source?.mappedFrom).toEqual({ version: '5.0.0', requirement: '1.1' });
  });

  it('reports the entry as expired in Q3 and leaves the requirement MANUAL', () => {
    const out = join(work, 'q3-v5');
    expect(
      auditpack(['report', bundles.Q3, '--out', out, '--format', 'json', '--catalog', 'cis-aws-foundations-v5.0.0', '--register', register])
        .code,
    ).toBe(0);
    const r = results(out);
    expect(requirement(r, '1.1')?.status).toBe('MANUAL');
    expect(r.warnings.join('\n')).toMatch(new RegExp(`${entryId}.*expired|expired.*${entryId}`));
  });

  it('keeps an excepted failure in the report but not in diff --fail-on regression', () => {
    const q2 = join(work, 'q2-json');
    expect(auditpack(['report', bundles.Q2, '--out', q2, '--format', 'json', '--catalog', 'cis-aws-foundations-v5.0.0']).code).toBe(0);
    expect(requirement(results(q2), '5.3')?.status).toBe('PASS');

    const plain = join(work, 'q3-plain');
    expect(auditpack(['report', bundles.Q3, '--out', plain, '--format', 'json', '--catalog', 'cis-aws-foundations-v5.0.0']).code).toBe(0);
    const stops = auditpack(['diff', q2, plain, '--out', join(work, 'diff-plain'), '--format', 'json', '--fail-on', 'regression']);
    expect(stops.code, stops.out).toBe(30);

    const excepted = join(work, 'q3-excepted');
    expect(
      auditpack(['report', bundles.Q3, '--out', excepted, '--catalog', 'cis-aws-foundations-v5.0.0', '--exceptions', exceptions]).code,
    ).toBe(0);
    const r = results(excepted);
    expect(requirement(r, '5.3')?.status).toBe('FAIL');
    const finding = requirement(r, '5.3')
      ?.checks.flatMap((c) => c.findings)
      .find((f) => f.resource.endsWith(BASTION));
    expect(finding).toMatchObject({ status: 'FAIL', exception: { id: 'RISK-2026-014' } });
    const pdf = execFileSync('pdftotext', ['-layout', join(excepted, 'report.pdf'), '-'], { encoding: 'utf8' });
    expect(pdf).toContain('RISK-2026-014');
    const passes = auditpack(['diff', q2, excepted, '--out', join(work, 'diff-excepted'), '--format', 'json', '--fail-on', 'regression']);
    expect(passes.code, passes.out).toBe(0);
    const diff = JSON.parse(readFileSync(join(work, 'diff-excepted', 'diff.json'), 'utf8')) as { exceptions: { added: { id: string }[] } };
    expect(diff.exceptions.added.map((e) => e.id)).toEqual(['RISK-2026-014']);
  });

  it('stops using a revoked attestation', () => {
    const revoke = auditpack([
      'attest',
      'revoke',
      entryId,
      '--register',
      register,
      '--by',
      'Lee Park',
      '--reason',
      'Contacts changed in May',
      '--date',
      '2026-05-15',
    ]);
    expect(revoke.code, revoke.out).toBe(0);
    const out = join(work, 'q2-revoked');
    expect(
      auditpack(['report', bundles.Q2, '--out', out, '--format', 'json', '--catalog', 'cis-aws-foundations-v5.0.0', '--register', register])
        .code,
    ).toBe(0);
    const r = results(out);
    expect(requirement(r, '1.1')?.status).toBe('MANUAL');
    expect(r.warnings.join('\n')).toMatch(new RegExp(`${entryId}.*revoked|revoked.*${entryId}`));
    expect(existsSync(join(out, 'register'))).toBe(false);
  });

  it('prints the period, the organisation of the audit and the sign-off in the HTML and the PDF', () => {
    const out = join(work, 'q3-framed');
    const run = auditpack([
      'report',
      bundles.Q3,
      '--out',
      out,
      '--catalog',
      'cis-aws-foundations-v5.0.0',
      '--period',
      '2026-Q3=2026-07-01..2026-09-30',
      '--prepared-by',
      'Dana Smith, Compliance Lead, 2026-10-03',
      '--reviewed-by',
      'Lee Park, Internal Audit',
    ]);
    expect(run.code, run.out).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const pdf = execFileSync('pdftotext', ['-layout', join(out, 'report.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const text of ['2026-Q3', 'Dana Smith', 'Compliance Lead', 'Lee Park', 'Internal Audit', 'Scope and method', 'Sign-off']) {
      expect(html, text).toContain(text);
      expect(pdf, text).toContain(text);
    }
    expect(pdf).toContain('2026-10-03');
    expect(results(out).framing).toEqual({
      period: { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' },
      preparedBy: { name: 'Dana Smith', role: 'Compliance Lead', date: '2026-10-03' },
      reviewedBy: { name: 'Lee Park', role: 'Internal Audit' },
    });
  });
});
