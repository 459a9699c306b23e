import check from '../../../src/checks/iam/iam-customer-policy-no-service-full-access.js';
import { authorizationDetails, managedPolicyDetail, policyArn } from '../../helpers/aws-builders.js';
import { without, withFields } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const custom = policyArn('app-policy');
const one = (statements: unknown[], attachments = 0) => ({
  files: [authorizationDetails({ policies: [managedPolicyDetail(custom, statements as object[], attachments)] })],
});
const allow = (Action: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, Resource: '*', ...extra });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'prefixed wildcard ec2:Describe* (documented as compliant)',
      evidence: one([allow('ec2:Describe*')]),
      reason: /customer-managed policy app-policy \(v1\) allows no "<service>:\*" action/,
    },
    { name: 'named actions on one bucket', evidence: one([allow(['s3:GetObject', 's3:PutObject'], { Resource: 'arn:aws:s3:::b/*' })]) },
    { name: 'Deny s3:* is not a grant', evidence: one([{ Effect: 'Deny', Action: 's3:*', Resource: '*' }]) },
    { name: 'Allow NotAction "*" grants nothing', evidence: one([{ Effect: 'Allow', NotAction: '*', Resource: '*' }]) },
    { name: 'a policy without statements', evidence: one([]) },
    {
      name: 'AWS-managed policies are out of scope, even AdministratorAccess',
      evidence: {
        files: [authorizationDetails({ policies: [managedPolicyDetail(policyArn('AdministratorAccess', true), [allow('*')])] })],
      },
    },
    { name: 'no customer-managed policies', evidence: { files: [authorizationDetails({})] } },
  ],
  fail: [
    {
      name: 'Action "s3:*" on one bucket (Resource does not matter), in an unattached policy',
      evidence: one([{ Sid: 'Bucket', ...allow('s3:*', { Resource: 'arn:aws:s3:::b' }) }]),
      reason: /app-policy \(v1\) allows s3:\* in statement Bucket \(limit: no Allow of all actions of a service\)/,
    },
    { name: 'Action "*" (every service)', evidence: one([allow('*')]), reason: /allows \* in statement 1/ },
    { name: 'Action "*:*"', evidence: one([allow(['*:*'])]), reason: /allows \*:\*/ },
    { name: 'upper-case service name EC2:*', evidence: one([allow(['ec2:Describe*', 'EC2:*'])]), reason: /allows EC2:\*/ },
    {
      name: 'second statement grants iam:* with a Condition',
      evidence: one([allow('s3:GetObject'), allow('iam:*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })]),
      reason: /allows iam:\* in statement 2/,
    },
    {
      name: 'Allow with NotAction grants every action of the other services',
      evidence: one([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]),
      reason: /allows NotAction "iam:\*"/,
    },
    {
      name: 'policy without PolicyName (named from its ARN) beside a compliant one',
      evidence: {
        files: [
          authorizationDetails({
            policies: [
              without(managedPolicyDetail(custom, [allow('kms:*')]), 'PolicyName'),
              managedPolicyDetail(policyArn('ok'), [allow('kms:Decrypt')]),
            ],
          }),
        ],
      },
      reason: /app-policy \(v1\) allows kms:\*/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetAccountAuthorizationDetails denied',
      collectionError: { operation: 'GetAccountAuthorizationDetails', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
    {
      name: 'default version document unreadable',
      evidence: {
        files: [
          authorizationDetails({
            policies: [
              withFields(managedPolicyDetail(custom, []), {
                PolicyVersionList: [{ Document: '%7Bnot', VersionId: 'v1', IsDefaultVersion: true }],
              }),
            ],
          }),
        ],
      },
      reason: /default version v1 is not a readable policy document/,
    },
    { name: 'an Action that is a number', evidence: one([allow(7)]), reason: /statement 1's Action is 7, not text or a list of text/ },
    { name: 'a statement that is a string', evidence: one(['Allow everything']), reason: /statement 1 is not an object/ },
    { name: 'a statement without Effect', evidence: one([{ Action: 's3:*', Resource: '*' }]), reason: /statement 1 has no Effect/ },
    {
      name: 'a policy record with neither PolicyName nor Arn, beside a compliant one',
      evidence: {
        files: [
          authorizationDetails({
            policies: [
              managedPolicyDetail(policyArn('ok'), [allow('s3:GetObject')]),
              without(managedPolicyDetail(custom, [allow('s3:*')]), 'PolicyName', 'Arn'),
            ],
          }),
        ],
      },
      reason: /the managed policy has no Arn, and none can be derived/,
    },
  ],
});
