import check from '../../../src/checks/iam/iam-inline-policy-kms-actions-scoped.js';
import { authorizationDetails, encodeIamPolicy, groupDetail, roleDetail, userDetail } from '../../helpers/aws-builders.js';
import { without, withFields } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const inline = (PolicyName: string, ...Statement: unknown[]) => ({
  PolicyName,
  PolicyDocument: encodeIamPolicy({ Version: '2012-10-17', Statement }),
});
const allow = (Action: unknown, Resource: unknown = '*') => ({ Effect: 'Allow', Action, Resource });
const role = (...policies: unknown[]) => withFields(roleDetail('app'), { RolePolicyList: policies });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { blockedActionsPatterns: ['kms:*', 'kms:Decrypt', 'kms:ReEncrypt*'] },
  pass: [
    {
      name: 'role with kms:Decrypt on one key',
      evidence: { files: [authorizationDetails({ roles: [role(inline('decrypt-one', allow('kms:Decrypt', KEY)))] })] },
      reason: /role app: inline policy decrypt-one allows none of kms:\*, kms:Decrypt, kms:ReEncrypt\* on all KMS keys/,
    },
    {
      name: 'user, group and role without inline policies',
      evidence: {
        files: [authorizationDetails({ users: [userDetail('alice')], groups: [groupDetail('ops')], roles: [roleDetail('app')] })],
      },
      reason: /user alice has no inline policies/,
    },
    {
      name: 'plain-JSON document (an SDK that decodes) with kms:ListAliases on "*"',
      evidence: {
        files: [
          authorizationDetails({
            roles: [role({ PolicyName: 'list', PolicyDocument: JSON.stringify({ Statement: allow('kms:ListAliases') }) })],
          }),
        ],
      },
    },
  ],
  fail: [
    {
      name: 'user inline policy allowing kms:Decrypt on "*"',
      evidence: {
        files: [
          authorizationDetails({
            users: [withFields(userDetail('bob'), { UserPolicyList: [inline('decrypt-all', allow('kms:Decrypt'))] })],
          }),
        ],
      },
      reason: /user bob: inline policy decrypt-all allows kms:Decrypt on "\*" in statement 1 \(limit: none of/,
    },
    {
      name: 'group inline policy allowing kms:* on every key',
      evidence: {
        files: [
          authorizationDetails({
            groups: [withFields(groupDetail('ops'), { GroupPolicyList: [inline('kms-admin', allow('kms:*', 'arn:aws:kms:*:*:key/*'))] })],
          }),
        ],
      },
      reason: /group ops: inline policy kms-admin allows kms:\*, kms:Decrypt, kms:ReEncrypt\*/,
    },
    {
      name: 'a failing policy beside an unreadable one on the same role (the failure decides)',
      evidence: {
        files: [
          authorizationDetails({
            roles: [role({ PolicyName: 'broken', PolicyDocument: '%7Bnot' }, inline('wide', allow('kms:ReEncrypt*')))],
          }),
        ],
      },
      reason: /inline policy wide allows kms:ReEncrypt\*/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetAccountAuthorizationDetails denied',
      collectionError: { operation: 'GetAccountAuthorizationDetails', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
    {
      name: 'an unreadable document: that role only',
      evidence: {
        files: [authorizationDetails({ users: [userDetail('alice')], roles: [role({ PolicyName: 'broken', PolicyDocument: '%7Bnot' })] })],
      },
      reason: /role app: inline policy broken: its PolicyDocument is not a readable policy document/,
    },
    {
      name: 'an inline policy without PolicyDocument',
      evidence: { files: [authorizationDetails({ roles: [role({ PolicyName: 'empty' })] })] },
      reason: /inline policy empty: the listing holds no PolicyDocument/,
    },
    {
      name: 'a RolePolicyList that is not a list',
      evidence: { files: [authorizationDetails({ roles: [withFields(roleDetail('odd'), { RolePolicyList: 'inline' })] })] },
      reason: /RolePolicyList is "inline", not a list/,
    },
    {
      name: 'a user with neither UserName nor Arn',
      evidence: { files: [authorizationDetails({ users: [without(userDetail('ghost', { inline: ['x'] }), 'UserName', 'Arn')] })] },
      reason: /the user has neither a name nor an ARN/,
    },
  ],
});
