import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../../src/bundle/read-bundle.js';
import { loadCatalog } from '../../../src/catalog/load-catalog.js';
import { checks, findCheck } from '../../../src/checks/registry.js';
import { EvidenceCache, runCheck, scopesOf } from '../../../src/checks/run-check.js';
import type { Finding } from '../../../src/checks/define-check.js';

const SAMPLE = 'evidence/sample';
const ACCOUNT = '111122223333';
const PARAMS: Record<string, Record<string, unknown>> = {
  'iam-credentials-unused-disabled': { maxUnusedDays: 45 },
  'iam-access-key-rotated': { maxAgeDays: 90 },
  'iam-password-policy-minimum-length': { minLength: 14 },
  'iam-password-policy-reuse-prevented': { minReusePrevention: 24 },
  'ec2-security-group-admin-ports-restricted': { ports: [22, 3389], sources: ['0.0.0.0/0', '::/0'] },
  'ec2-network-acl-admin-ports-restricted': { ports: [22, 3389], sources: ['0.0.0.0/0', '::/0'] },
  'cloudtrail-s3-object-logging-enabled': { events: 'write' },
  'cloudwatch-metric-filter-alarm-configured': { pattern: 'root-usage' },
};

describe('the sample bundle, run through every registered check', () => {
  const byCheck = new Map<string, Finding[]>();
  beforeAll(async () => {
    // A check no entry above sets parameters for runs with those its first use in a shipped catalog gives.
    for (const file of ['controls/cis-aws-foundations-v5.0.0.yaml', 'controls/nist-800-53-rev5.yaml']) {
      const catalog = await loadCatalog(
        file,
        findCheck,
        checks.map((c) => c.id),
      );
      for (const ref of catalog.requirements.flatMap((r) => r.checks)) PARAMS[ref.check] ??= ref.params;
    }
    const bundle = await openBundle(SAMPLE);
    const cache = new EvidenceCache(bundle);
    for (const check of checks) {
      const findings: Finding[] = [];
      for (const scope of scopesOf(check, ACCOUNT, bundle.manifest.scope.regions)) {
        findings.push(...(await runCheck(check, scope, PARAMS[check.id] ?? {}, bundle.collectedAt, cache)));
      }
      byCheck.set(check.id, findings);
    }
  });
  const finding = (check: string, resource: string | RegExp): Finding => {
    const found = (byCheck.get(check) ?? []).find((f) =>
      typeof resource === 'string' ? f.resource === resource : resource.test(f.resource),
    );
    if (!found) throw new Error(`${check}: no finding on ${String(resource)}:\n${JSON.stringify(byCheck.get(check), null, 2)}`);
    return found;
  };
  const expectFinding = (check: string, resource: string | RegExp, status: Finding['status'], reason: RegExp): void => {
    const found = finding(check, resource);
    expect(found.status, found.reason).toBe(status);
    expect(found.reason).toMatch(reason);
  };
  const user = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

  it('is present', () => {
    expect(existsSync(`${SAMPLE}/manifest.json`)).toBe(true);
  });

  it('gives findings for every check, none of them from unreadable evidence', () => {
    for (const check of checks) {
      const findings = byCheck.get(check.id) ?? [];
      expect(findings.length, check.id).toBeGreaterThan(0);
      for (const f of findings) expect(f.reason, `${check.id} ${f.resource}`).not.toMatch(/could not (be read|evaluate)/);
    }
  });

  it('fails bob for console access without MFA', () => {
    expect(finding('iam-user-console-mfa-enabled', user('bob')).status).toBe('FAIL');
    expect(finding('iam-user-console-mfa-enabled', user('alice')).status).toBe('PASS');
  });

  it('fails carol for an old key and for two active keys', () => {
    const rotation = (byCheck.get('iam-access-key-rotated') ?? []).filter((f) => f.resource === user('carol'));
    expect(rotation.map((f) => f.status).sort()).toEqual(['FAIL', 'PASS']);
    expect(rotation.find((f) => f.status === 'FAIL')?.reason).toMatch(/access key 1 is 203 days old \(limit 90\)/);
    expect(finding('iam-user-single-active-access-key', user('carol')).status).toBe('FAIL');
  });

  it('fails ci-deploy and dave for unused credentials, but not erin, created 4 days ago', () => {
    expectFinding('iam-credentials-unused-disabled', user('ci-deploy'), 'FAIL', /access key 1 last used 60 days ago/);
    expectFinding('iam-credentials-unused-disabled', user('dave'), 'FAIL', /console password never used/);
    expect(finding('iam-credentials-unused-disabled', user('erin')).status).toBe('PASS');
  });

  it('passes the root user checks and fails reuse prevention 12 < 24', () => {
    expect(finding('iam-root-mfa-enabled', `arn:aws:iam::${ACCOUNT}:root`).status).toBe('PASS');
    expect(finding('iam-root-access-key-absent', `arn:aws:iam::${ACCOUNT}:root`).status).toBe('PASS');
    expect(finding('iam-password-policy-minimum-length', ACCOUNT).status).toBe('PASS');
    expectFinding('iam-password-policy-reuse-prevented', ACCOUNT, 'FAIL', /12 .*required 24/);
  });

  it('is NOT_EVALUATED for eu-west-1 security groups, naming UnauthorizedOperation', () => {
    expectFinding(
      'ec2-security-group-admin-ports-restricted',
      `${ACCOUNT}/eu-west-1`,
      'NOT_EVALUATED',
      /DescribeSecurityGroups .*UnauthorizedOperation/,
    );
    expect(finding('ec2-security-group-admin-ports-restricted', /security-group\/sg-0d1e2f3a4b5c6d7e8$/).status).toBe('PASS');
    const failing = (byCheck.get('ec2-security-group-admin-ports-restricted') ?? []).filter((f) => f.status === 'FAIL');
    expect(failing.map((f) => f.reason).join('\n')).toMatch(/bastion-ssh[^\n]*port 22 from 0\.0\.0\.0\/0/);
    expect(failing.map((f) => f.reason).join('\n')).toMatch(/legacy-rdp[^\n]*port 3389 from ::\/0/);
    expect(failing).toHaveLength(3);
  });

  it('fails EBS default encryption and the config recorder in eu-west-1 only', () => {
    expect(finding('ec2-ebs-default-encryption-enabled', `${ACCOUNT}/eu-west-1`).status).toBe('FAIL');
    expect(finding('ec2-ebs-default-encryption-enabled', `${ACCOUNT}/us-east-1`).status).toBe('PASS');
    expect(finding('config-recorder-recording', `${ACCOUNT}/eu-west-1`).status).toBe('FAIL');
    expect(finding('config-recorder-recording', `${ACCOUNT}/us-east-1`).status).toBe('PASS');
  });

  it('fails legacy-eu-trail for validation and KMS, and passes the multi-region trail', () => {
    const legacy = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/legacy-eu-trail`;
    const org = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/acme-org-trail`;
    expect(finding('cloudtrail-log-file-validation-enabled', legacy).status).toBe('FAIL');
    expect(finding('cloudtrail-kms-encryption-enabled', legacy).status).toBe('FAIL');
    expect(finding('cloudtrail-log-file-validation-enabled', org).status).toBe('PASS');
    expect((byCheck.get('cloudtrail-kms-encryption-enabled') ?? []).filter((f) => f.resource === org)).toHaveLength(1);
    expectFinding('cloudtrail-multi-region-trail-logging', ACCOUNT, 'PASS', /trail\/acme-org-trail is multi-region/);
  });

  it('fails acme-public-website for public access', () => {
    expect(finding('s3-public-access-blocked', 'arn:aws:s3:::acme-public-website').status).toBe('FAIL');
    expect(finding('s3-public-access-blocked', 'arn:aws:s3:::acme-cloudtrail-logs-111122223333').status).toBe('PASS');
  });
  it('fails direct user policies and the attached AdministratorAccess, and finds the support role', () => {
    expectFinding('iam-user-no-direct-policies', user('bob'), 'FAIL', /inline bob-billing-read/);
    expectFinding('iam-user-no-direct-policies', user('ci-deploy'), 'FAIL', /attached ci-deploy-artifacts/);
    expect(finding('iam-user-no-direct-policies', user('alice')).status).toBe('PASS');
    expectFinding(
      'iam-policy-no-full-admin-attached',
      'arn:aws:iam::aws:policy/AdministratorAccess',
      'FAIL',
      /group admins, role OrganizationAccountAccessRole/,
    );
    // legacy-break-glass grants "*" on "*" but is attached to nothing.
    expect((byCheck.get('iam-policy-no-full-admin-attached') ?? []).filter((f) => f.status === 'FAIL')).toHaveLength(1);
    expectFinding('iam-support-role-exists', ACCOUNT, 'PASS', /role\/acme-support/);
    expectFinding('iam-server-certificate-unexpired', /acme-legacy-api-2025$/, 'FAIL', /expired on 2025-11-30, 303 days before collection/);
    expect(finding('iam-server-certificate-unexpired', /acme-www-2027$/).status).toBe('PASS');
  });

  it('passes us-east-1 and fails eu-west-1 for Access Analyzer and Security Hub', () => {
    expect(finding('accessanalyzer-analyzer-active', `${ACCOUNT}/us-east-1`).status).toBe('PASS');
    expectFinding('accessanalyzer-analyzer-active', `${ACCOUNT}/eu-west-1`, 'FAIL', /no ACCOUNT or ORGANIZATION analyzer/);
    expect(finding('securityhub-hub-enabled', `${ACCOUNT}/us-east-1`).status).toBe('PASS');
    expectFinding('securityhub-hub-enabled', `${ACCOUNT}/eu-west-1`, 'FAIL', /not enabled in eu-west-1/);
  });

  it('judges instances, VPCs, network ACLs and the default security group', () => {
    const instance = (id: string) => `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/${id}`;
    expect(finding('ec2-instance-imdsv2-required', instance('i-0a1b2c3d4e5f60718')).status).toBe('PASS');
    expectFinding('ec2-instance-imdsv2-required', instance('i-0b2c3d4e5f6071829'), 'FAIL', /HttpTokens "optional"/);
    expect(finding('ec2-instance-profile-attached', instance('i-0b2c3d4e5f6071829')).status).toBe('PASS');
    expectFinding('ec2-instance-profile-attached', instance('i-0c3d4e5f607182930'), 'FAIL', /stopped, has no IAM instance profile/);
    expect(finding('vpc-flow-logs-enabled', /vpc\/vpc-0a3f5c9e1d2b47e86$/).status).toBe('PASS');
    expectFinding('vpc-flow-logs-enabled', /vpc\/vpc-0e5f6a7b8c9d01234$/, 'FAIL', /default VPC\) has no ACTIVE flow log/);
    // Rule 120 allows 1024-65535, which contains 3389: the deny in rule 91 comes first, but the audit counts every allow rule.
    expectFinding(
      'ec2-network-acl-admin-ports-restricted',
      /acl-0b2c3d4e5f6071890$/,
      'FAIL',
      /port 3389 from 0\.0\.0\.0\/0 \(rule 120\) over TCP \(6 1024-65535 from 0\.0\.0\.0\/0; deny rule 91 comes first/,
    );
    expectFinding('ec2-network-acl-admin-ports-restricted', /acl-0a1b2c3d4e5f60789$/, 'FAIL', /port 22 from 0\.0\.0\.0\/0 \(rule 100\)/);
    expectFinding('ec2-default-security-group-restricted', /sg-0d1e2f3a4b5c6d7e8$/, 'FAIL', /1 inbound and 1 outbound rules/);
    expectFinding('ec2-default-security-group-restricted', `${ACCOUNT}/eu-west-1`, 'NOT_EVALUATED', /UnauthorizedOperation/);
  });

  it('judges RDS, EFS, KMS and the S3 TLS-only policies', () => {
    const db = (id: string) => `arn:aws:rds:us-east-1:${ACCOUNT}:db:${id}`;
    for (const check of [
      'rds-instance-storage-encrypted',
      'rds-instance-auto-minor-upgrade-enabled',
      'rds-instance-not-publicly-accessible',
    ]) {
      expect(finding(check, db('acme-orders-db')).status, check).toBe('PASS');
      expect(finding(check, db('acme-reporting')).status, check).toBe('FAIL');
    }
    expect(finding('efs-file-system-encrypted', /fs-0a1b2c3d4e5f60718$/).status).toBe('PASS');
    expect(finding('efs-file-system-encrypted', /fs-0b1c2d3e4f5a60719$/).status).toBe('FAIL');
    expect(finding('kms-key-rotation-enabled', /key\/7c1e9a52-3d4b-4f68-a0b2-6e8d1c3f5a97$/).status).toBe('PASS');
    expectFinding('kms-key-rotation-enabled', /key\/0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64$/, 'FAIL', /automatic rotation off/);
    // The AWS-managed aws/rds and aws/elasticfilesystem keys are out of scope.
    expect((byCheck.get('kms-key-rotation-enabled') ?? []).filter((f) => f.region === 'us-east-1')).toHaveLength(2);
    expect(finding('s3-bucket-secure-transport-required', 'arn:aws:s3:::acme-cloudtrail-logs-111122223333').status).toBe('PASS');
    expectFinding('s3-bucket-secure-transport-required', 'arn:aws:s3:::acme-data-lake-raw', 'FAIL', /no bucket policy/);
    expect(finding('s3-bucket-secure-transport-required', 'arn:aws:s3:::acme-public-website').status).toBe('FAIL');
  });

  it('fails S3 object logging and CloudWatch monitoring, naming why', () => {
    expectFinding('cloudtrail-s3-object-logging-enabled', ACCOUNT, 'FAIL', /acme-org-trail selects no S3 object write events/);
    expectFinding('cloudwatch-metric-filter-alarm-configured', ACCOUNT, 'FAIL', /acme-org-trail: delivers no logs to CloudWatch Logs/);
  });
});
