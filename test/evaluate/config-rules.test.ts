import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/catalog/load-catalog.js';
import configRuleCompliant from '../../src/checks/config/config-rule-compliant.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { configFiles, passwordPolicy, recorder, recorderStatus } from '../helpers/aws-builders.js';
import { testBundle, TEST_ACCOUNT, type TestFile } from '../helpers/bundle-builder.js';

const find = (id: string) => (id === configRuleCompliant.id ? configRuleCompliant : findCheck(id));
const catalog = parseCatalog(
  `framework: test
version: 1.0.0
title: Test
source: tests
sections: [{ id: "1", title: Identity }]
requirements:
  - id: "1.7"
    section: "1"
    title: Password length, by our check and by AWS Config
    assessment: automated
    checks:
      - { check: iam-password-policy-minimum-length, params: { minLength: 14 } }
      - { check: config-rule-compliant, params: { identifier: IAM_PASSWORD_POLICY } }
  - id: "1.8"
    section: "1"
    title: Password policy, by AWS Config alone
    assessment: automated
    checks: [{ check: config-rule-compliant, params: { identifier: IAM_PASSWORD_POLICY } }]
`,
  'test.yaml',
  find,
  [...checks.map((c) => c.id), configRuleCompliant.id],
);

function configRule(region: string, verdict: 'COMPLIANT' | 'NON_COMPLIANT'): TestFile[] {
  return [
    ...configFiles(region, [recorder()], [recorderStatus()]),
    {
      region,
      service: 'config',
      operation: 'DescribeConfigRules',
      body: { ConfigRules: [{ ConfigRuleName: 'iam-password-policy', ConfigRuleState: 'ACTIVE', Source: { Owner: 'AWS', SourceIdentifier: 'IAM_PASSWORD_POLICY' } }] },
    },
    {
      region,
      service: 'config',
      operation: 'GetComplianceDetailsByConfigRule',
      parameters: { ConfigRuleName: 'iam-password-policy' },
      body: {
        EvaluationResults: [
          {
            EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: 'iam-password-policy', ResourceType: 'AWS::::Account', ResourceId: TEST_ACCOUNT } },
            ComplianceType: verdict,
            ResultRecordedTime: '2026-09-29T22:41:06.590Z',
          },
        ],
      },
    },
  ];
}

async function run(files: TestFile[]) {
  return evaluate(await testBundle({ files }), catalog, { findCheck: find, toolVersion: 't', catalogFileName: 'test.yaml' });
}

describe('AWS Config rule results as evidence', () => {
  it('our check decides; a contradicting AWS Config verdict is shown and flagged', async () => {
    const results = await run([passwordPolicy({ MinimumPasswordLength: 14 }), ...configRule('us-east-1', 'NON_COMPLIANT'), ...configRule('eu-west-1', 'COMPLIANT')]);
    const r = results.requirements.find((x) => x.id === '1.7')!;
    expect(r.status).toBe('PASS');
    expect(r.checks.map((c) => [c.check, c.status])).toEqual([
      ['iam-password-policy-minimum-length', 'PASS'],
      ['config-rule-compliant', 'FAIL'],
    ]);
    expect(r.disagreement).toMatch(/auditpack's checks say PASS but AWS Config \(IAM_PASSWORD_POLICY\) says FAIL/);
    expect(results.warnings.some((w) => w.startsWith('Requirement "1.7": auditpack\'s checks say PASS'))).toBe(true);
  });

  it('AWS Config decides a requirement no check of ours speaks to', async () => {
    const results = await run([passwordPolicy({ MinimumPasswordLength: 14 }), ...configRule('us-east-1', 'NON_COMPLIANT'), ...configRule('eu-west-1', 'COMPLIANT')]);
    expect(results.requirements.find((x) => x.id === '1.8')?.status).toBe('FAIL');
  });

  it('agreement raises no warning', async () => {
    const results = await run([passwordPolicy({ MinimumPasswordLength: 14 }), ...configRule('us-east-1', 'COMPLIANT'), ...configRule('eu-west-1', 'COMPLIANT')]);
    expect(results.requirements.find((x) => x.id === '1.7')?.disagreement).toBeUndefined();
    expect(results.warnings).toEqual([]);
  });
});
