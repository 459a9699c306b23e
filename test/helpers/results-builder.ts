import { createHash } from 'node:crypto';
import type { CollectionError } from '../../src/bundle/manifest.js';
import type { Finding, FindingStatus } from '../../src/checks/define-check.js';
import { passRate } from '../../src/evaluate/evaluate.js';
import type { CheckResult, RequirementResult, Results, SectionSummary, StatusCounts } from '../../src/evaluate/results.js';

/** Resource names an attacker can set (tags, bucket names); reports must print them as text. */
export const XSS_SCRIPT = '<script>alert(1)</script>';
export const XSS_IMG = '"><img src=x onerror=alert(1)>';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';

/** A fake but stable SHA-256 for an evidence path. */
export function fakeSha256(path: string): string {
  return createHash('sha256').update(`evidence:${path}`).digest('hex');
}

/** One finding whose evidence is a single file with a stable hash. */
export function finding(
  status: FindingStatus,
  resource: string,
  reason: string,
  evidencePath: string,
  where: { account?: string; region?: string } = {},
): Finding {
  return {
    status,
    resource,
    reason,
    account: where.account ?? ACCOUNT,
    region: where.region ?? 'global',
    evidence: [{ path: evidencePath, sha256: fakeSha256(evidencePath) }],
  };
}

/** A check result whose status is rolled up from its findings like the evaluator does. */
export function checkResult(check: string, title: string, params: Record<string, unknown>, findings: Finding[]): CheckResult {
  const status = findings.some((f) => f.status === 'FAIL')
    ? 'FAIL'
    : findings.some((f) => f.status === 'NOT_EVALUATED')
      ? 'NOT_EVALUATED'
      : 'PASS';
  return { check, title, params, status, findings };
}

/** Counts requirements by status. */
export function countStatuses(requirements: readonly RequirementResult[]): StatusCounts {
  const counts: StatusCounts = { PASS: 0, FAIL: 0, NOT_EVALUATED: 0, MANUAL: 0, NOT_APPLICABLE: 0, total: 0 };
  for (const r of requirements) {
    counts[r.status] += 1;
    counts.total += 1;
  }
  return counts;
}

const SECTION_TITLES: Record<string, string> = {
  '1': 'Identity and Access Management',
  '2': 'Storage',
  '2.1': 'Simple Storage Service (S3)',
  '3': 'Logging',
  '4': 'Monitoring',
  '5': 'Networking',
};

/** Wraps requirements into a whole Results value; the summary counts top-level sections as the evaluator does. */
export function resultsFrom(requirements: RequirementResult[], bundle: Partial<Results['bundle']> = {}, warnings: string[] = []): Results {
  const topLevel = [...new Set(requirements.map((r) => r.section.split('.')[0] ?? r.section))];
  const sections: SectionSummary[] = topLevel.map((id) => {
    const inSection = requirements.filter((r) => r.section === id || r.section.startsWith(`${id}.`));
    return { id, title: SECTION_TITLES[id] ?? `Section ${id}`, counts: countStatuses(inSection), ...passRate(inSection) };
  });
  const counts = countStatuses(requirements);
  return {
    formatVersion: 1,
    tool: { name: 'auditpack', version: '0.1.0' },
    bundle: {
      id: '01J9Z3T6QK2M8W4V7X5Y0B1C2D',
      manifestSha256: fakeSha256('manifest.json'),
      startedAt: '2026-09-30T08:01:55.000Z',
      finishedAt: '2026-09-30T08:04:12.000Z',
      complete: true,
      accounts: [{ id: ACCOUNT, name: 'production' }],
      regions: ['eu-west-1', 'us-east-1'],
      fileCount: 0,
      errors: [],
      ...bundle,
    },
    catalog: {
      framework: 'cis-aws-foundations',
      version: '5.0.0',
      title: 'CIS Amazon Web Services Foundations Benchmark',
      source: 'https://www.cisecurity.org/benchmark/amazon_web_services',
      file: 'cis-aws-foundations-v5.0.0.yaml',
      sha256: fakeSha256('cis-aws-foundations-v5.0.0.yaml'),
    },
    summary: { counts, ...passRate(requirements), sections },
    requirements,
    warnings,
  };
}

const CRED_REPORT = `aws/${ACCOUNT}/global/iam/GetCredentialReport.csv`;

function requirement(
  fields: Pick<RequirementResult, 'id' | 'section' | 'title' | 'status' | 'statusReason'> & Partial<RequirementResult>,
): RequirementResult {
  const sectionTitle = SECTION_TITLES[fields.section] ?? `Section ${fields.section}`;
  return { sectionTitle, profile: 1, assessment: 'automated', checks: [], ...fields };
}

function securityGroupFindings(count: number): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < count; i += 1) {
    const region = i % 2 === 0 ? 'eu-west-1' : 'us-east-1';
    const id = `sg-0${(0x1a2b3c4d + i * 7919).toString(16)}`;
    const open = i % 9 === 4;
    out.push(
      finding(
        open ? 'FAIL' : 'PASS',
        `arn:aws:ec2:${region}:${ACCOUNT}:security-group/${id}`,
        open
          ? 'allows 0.0.0.0/0 on port 22 (limit: no admin ports open to the world)'
          : 'no ingress from 0.0.0.0/0 or ::/0 to ports 22, 3389',
        `aws/${ACCOUNT}/${region}/ec2/DescribeSecurityGroups.json`,
        { region },
      ),
    );
  }
  return out;
}

/**
 * A realistic audit of one account: four sections, every requirement status, manual requirements
 * with and without evidence, XSS payloads in resource names, long ARNs and collection errors.
 * Fresh on every call.
 */
export function buildResults(overrides: Partial<Results['bundle']> = {}): Results {
  const s3Error: CollectionError = {
    account: ACCOUNT,
    region: 'eu-west-1',
    service: 's3',
    operation: 'GetBucketPolicy',
    parameters: { Bucket: 'acme-payroll-exports' },
    code: 'AccessDenied',
    message: 'User: arn:aws:sts::111122223333:assumed-role/Auditor/session is not authorized to perform: s3:GetBucketPolicy',
    httpStatus: 403,
  };
  const configError: CollectionError = {
    account: ACCOUNT,
    region: 'us-east-1',
    service: 'config',
    operation: 'DescribeConfigurationRecorders',
    code: 'ThrottlingException',
    message: 'Rate exceeded',
  };
  const requirements: RequirementResult[] = [
    requirement({
      id: '1.1',
      section: '1',
      title: 'Maintain current contact details',
      assessment: 'manual',
      status: 'MANUAL',
      statusReason: 'No attestation recorded.',
      manualBecause: 'Only the account owner can confirm the contacts are current.',
    }),
    requirement({
      id: '1.3',
      section: '1',
      title: "Ensure no 'root' user account access key exists",
      status: 'PASS',
      statusReason: 'All 1 resources pass.',
      checks: [
        checkResult('iam-root-access-key-absent', 'The root user has no access keys', {}, [
          finding('PASS', `arn:aws:iam::${ACCOUNT}:root`, 'root user has 0 active access keys (limit 0)', CRED_REPORT),
        ]),
      ],
    }),
    requirement({
      id: '1.13',
      section: '1',
      title: 'Ensure access keys are rotated every 90 days or less',
      status: 'FAIL',
      statusReason: '2 of 4 resources fail.',
      description: 'Rotating keys limits how long a leaked key stays useful.',
      checks: [
        checkResult('iam-access-key-rotated', 'Active access keys are rotated within the limit', { maxAgeDays: 90 }, [
          finding('PASS', `arn:aws:iam::${ACCOUNT}:user/alice`, 'access key 1 is 12 days old (limit 90)', CRED_REPORT),
          finding('FAIL', `arn:aws:iam::${ACCOUNT}:user/${XSS_SCRIPT}`, 'access key 1 is 204 days old (limit 90)', CRED_REPORT),
          finding('PASS', `arn:aws:iam::${ACCOUNT}:user/bob`, 'access key 2 is 90 days old (limit 90)', CRED_REPORT),
          finding('FAIL', `arn:aws:iam::${ACCOUNT}:user/ci${XSS_IMG}`, 'access key 1 is 91 days old (limit 90)', CRED_REPORT),
        ]),
      ],
    }),
    requirement({
      id: '1.18',
      section: '1',
      title: 'Ensure IAM instance roles are used for AWS resource access from instances',
      profile: 2,
      assessment: 'manual',
      status: 'MANUAL',
      statusReason: 'No attestation recorded; evidence suggests FAIL.',
      manualBecause: 'Whether an instance needs AWS access is a design decision the evidence cannot show.',
      suggestedStatus: 'FAIL',
      checks: [
        checkResult('ec2-instance-profile-attached', 'Running instances have an instance profile', {}, [
          finding(
            'FAIL',
            `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0abc1234def567890`,
            'running instance has no instance profile',
            `aws/${ACCOUNT}/eu-west-1/ec2/DescribeInstances.json`,
            { region: 'eu-west-1' },
          ),
        ]),
      ],
    }),
    requirement({
      id: '2.1.1',
      section: '2.1',
      title: 'Ensure S3 Bucket Policy is set to deny HTTP requests',
      profile: 2,
      status: 'NOT_EVALUATED',
      statusReason: 's3:GetBucketPolicy Bucket=acme-payroll-exports in 111122223333/eu-west-1 failed: AccessDenied.',
      checks: [
        checkResult('s3-bucket-ssl-required', 'Bucket policies deny requests without TLS', {}, [
          finding(
            'PASS',
            'arn:aws:s3:::acme-static-website-assets-production-eu-west-1-0123456789abcdef0123456789abcdef',
            'bucket policy denies aws:SecureTransport=false',
            `aws/${ACCOUNT}/eu-west-1/s3/GetBucketPolicy/acme-static-website-assets-production-eu-west-1-0123456789abcdef0123456789abcdef.json`,
            { region: 'eu-west-1' },
          ),
          finding(
            'NOT_EVALUATED',
            'arn:aws:s3:::acme-payroll-exports',
            's3:GetBucketPolicy failed: AccessDenied',
            `aws/${ACCOUNT}/global/s3/ListBuckets.json`,
            { region: 'eu-west-1' },
          ),
          finding(
            'FAIL',
            'arn:aws:s3:::acme-logs',
            'bucket policy does not deny aws:SecureTransport=false',
            `aws/${ACCOUNT}/eu-west-1/s3/GetBucketPolicy/acme-logs.json`,
            { region: 'eu-west-1' },
          ),
        ]),
      ],
    }),
    requirement({
      id: '2.1.4',
      section: '2.1',
      title: "Ensure that S3 is configured with 'Block Public Access' enabled",
      status: 'PASS',
      statusReason: 'All 1 resources pass.',
      checks: [
        checkResult('s3-account-public-access-blocked', 'Account-level S3 Block Public Access is on', {}, [
          finding(
            'PASS',
            `${ACCOUNT}/global`,
            'all four Block Public Access settings are true',
            `aws/${ACCOUNT}/global/s3control/GetPublicAccessBlock.json`,
          ),
        ]),
      ],
    }),
    requirement({
      id: '3.1',
      section: '3',
      title: 'Ensure CloudTrail is enabled in all regions',
      status: 'PASS',
      statusReason: 'All 1 resources pass.',
      checks: [
        checkResult('cloudtrail-multi-region-trail-logging', 'A multi-region trail is logging management events', {}, [
          finding(
            'PASS',
            `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail`,
            'multi-region trail is logging read and write management events',
            `aws/${ACCOUNT}/us-east-1/cloudtrail/DescribeTrails.json`,
            { region: 'us-east-1' },
          ),
        ]),
      ],
    }),
    requirement({
      id: '3.3',
      section: '3',
      title: 'Ensure AWS Config is enabled in all regions',
      profile: 2,
      status: 'NOT_EVALUATED',
      statusReason: 'config:DescribeConfigurationRecorders in 111122223333/us-east-1 failed: ThrottlingException.',
      checks: [
        checkResult('config-recorder-all-resources', 'AWS Config records all resource types', {}, [
          finding(
            'PASS',
            `${ACCOUNT}/eu-west-1`,
            'recorder records all supported resource types',
            `aws/${ACCOUNT}/eu-west-1/config/DescribeConfigurationRecorders.json`,
            { region: 'eu-west-1' },
          ),
          {
            status: 'NOT_EVALUATED',
            resource: `${ACCOUNT}/us-east-1`,
            reason: 'config:DescribeConfigurationRecorders failed: ThrottlingException',
            account: ACCOUNT,
            region: 'us-east-1',
            evidence: [],
          },
        ]),
      ],
    }),
    requirement({
      id: '5.3',
      section: '5',
      title: 'Ensure no security groups allow ingress from 0.0.0.0/0 to remote server administration ports',
      status: 'FAIL',
      statusReason: '4 of 36 resources fail.',
      checks: [
        checkResult(
          'ec2-security-group-admin-ports-closed',
          'Security groups do not open admin ports to the world',
          { ports: [22, 3389] },
          securityGroupFindings(36),
        ),
      ],
    }),
  ];
  return resultsFrom(requirements, { fileCount: 47, errors: [s3Error, configError], ...overrides });
}
