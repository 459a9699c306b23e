import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../../src/bundle/read-bundle.js';
import { checks } from '../../../src/checks/registry.js';
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
};

describe('the sample bundle, run through every registered check', () => {
  const byCheck = new Map<string, Finding[]>();
  beforeAll(async () => {
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
    const found = (byCheck.get(check) ?? []).find((f) => (typeof resource === 'string' ? f.resource === resource : resource.test(f.resource)));
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
    expectFinding('ec2-security-group-admin-ports-restricted', `${ACCOUNT}/eu-west-1`, 'NOT_EVALUATED', /DescribeSecurityGroups .*UnauthorizedOperation/);
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
});
