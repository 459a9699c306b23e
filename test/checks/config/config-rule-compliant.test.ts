import check from '../../../src/checks/config/config-rule-compliant.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { TEST_ACCOUNT } from '../../helpers/bundle-builder.js';
import { configFiles, recorder, recorderStatus } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

type Verdict = 'COMPLIANT' | 'NON_COMPLIANT' | 'INSUFFICIENT_DATA' | 'NOT_APPLICABLE';

/** DescribeConfigRules with one AWS managed rule. */
function rules(region: string, name: string, identifier: string): TestFile {
  return {
    region,
    service: 'config',
    operation: 'DescribeConfigRules',
    body: {
      ConfigRules: [
        {
          ConfigRuleName: name,
          ConfigRuleArn: `arn:aws:config:${region}:${TEST_ACCOUNT}:config-rule/config-rule-0a1b2c`,
          ConfigRuleId: 'config-rule-0a1b2c',
          Source: { Owner: 'AWS', SourceIdentifier: identifier },
          MaximumExecutionFrequency: 'TwentyFour_Hours',
          ConfigRuleState: 'ACTIVE',
          EvaluationModes: [{ Mode: 'DETECTIVE' }],
        },
      ],
    },
  };
}

/** GetComplianceDetailsByConfigRule with one result per resource id. */
function details(region: string, name: string, results: [string, Verdict][]): TestFile {
  return {
    region,
    service: 'config',
    operation: 'GetComplianceDetailsByConfigRule',
    parameters: { ConfigRuleName: name },
    body: {
      EvaluationResults: results.map(([id, verdict]) => ({
        EvaluationResultIdentifier: {
          EvaluationResultQualifier: { ConfigRuleName: name, ResourceType: 'AWS::S3::Bucket', ResourceId: id, EvaluationMode: 'DETECTIVE' },
          OrderingTimestamp: '2026-09-29T22:41:03.114Z',
        },
        ComplianceType: verdict,
        ResultRecordedTime: '2026-09-29T22:41:06.590Z',
        ConfigRuleInvokedTime: '2026-09-29T22:41:03.782Z',
      })),
    },
  };
}

const recording = (region: string) => configFiles(region, [recorder()], [recorderStatus()]);
const stopped = (region: string) => configFiles(region, [recorder()], [recorderStatus('default', { recording: false })]);
const ID = 'S3_BUCKET_PUBLIC_READ_PROHIBITED';
const RULE = 's3-bucket-public-read-prohibited';
const region = (r: string, verdicts: [string, Verdict][]) => [...recording(r), rules(r, RULE, ID), details(r, RULE, verdicts)];

testCheck(check, {
  collectedAt: '2026-09-30T08:04:12.000Z',
  params: { identifier: ID },
  pass: [
    {
      name: 'every evaluated bucket compliant in both regions; not-applicable results skipped',
      evidence: { files: [...region('us-east-1', [['logs', 'COMPLIANT'], ['tmp', 'NOT_APPLICABLE']]), ...region('eu-west-1', [['site', 'COMPLIANT']])] },
    },
  ],
  fail: [
    {
      name: 'AWS Config recorded a bucket as non-compliant',
      evidence: { files: [...region('us-east-1', [['logs', 'COMPLIANT'], ['public-site', 'NON_COMPLIANT']]), ...region('eu-west-1', [['x', 'COMPLIANT']])] },
      reason: /s3-bucket-public-read-prohibited \(S3_BUCKET_PUBLIC_READ_PROHIBITED\) recorded NON_COMPLIANT at 2026-09-29T22:41:06\.590Z/,
    },
  ],
  notEvaluated: [
    {
      name: 'the rule is not deployed in eu-west-1',
      evidence: { files: [...region('us-east-1', [['logs', 'COMPLIANT']]), ...recording('eu-west-1'), { region: 'eu-west-1', service: 'config', operation: 'DescribeConfigRules', body: { ConfigRules: [] } }] },
      reason: /rule S3_BUCKET_PUBLIC_READ_PROHIBITED is not deployed in eu-west-1/,
    },
    {
      name: 'the recorder is off in eu-west-1, so its results there may be stale',
      evidence: { files: [...region('us-east-1', [['logs', 'COMPLIANT']]), ...stopped('eu-west-1'), rules('eu-west-1', RULE, ID), details('eu-west-1', RULE, [['site', 'COMPLIANT']])] },
      reason: /recorder is not recording in eu-west-1/,
    },
    {
      name: 'DescribeConfigRules was denied in eu-west-1',
      evidence: { files: region('us-east-1', [['logs', 'COMPLIANT']]).concat(recording('eu-west-1')) },
      collectionError: { service: 'config', operation: 'DescribeConfigRules', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /config:DescribeConfigRules in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
    {
      name: 'the rule has recorded no evaluations',
      evidence: { files: [...region('us-east-1', []), ...region('eu-west-1', [['x', 'COMPLIANT']])] },
      reason: /has recorded no evaluations in us-east-1/,
    },
  ],
});
