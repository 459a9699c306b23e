import check from '../../../src/checks/account/account-organization-member.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { testCheck } from '../../helpers/test-check.js';

/** DescribeOrganization as the wire fixture test/collect/wire/organizations/DescribeOrganization.json answers it. */
function described(fields: Record<string, unknown> = {}): TestFile {
  return {
    service: 'organizations',
    operation: 'DescribeOrganization',
    body: {
      Organization: {
        Id: 'o-a1b2c3d4e5',
        Arn: 'arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5',
        FeatureSet: 'ALL',
        MasterAccountArn: 'arn:aws:organizations::111122223333:account/o-a1b2c3d4e5/111122223333',
        MasterAccountId: '111122223333',
        MasterAccountEmail: 'aws-root@acme.example',
        AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
        ...fields,
      },
    },
  };
}

const notInUse: TestFile = {
  service: 'organizations',
  operation: 'DescribeOrganization',
  status: 'not-found',
  body: {
    Error: { Code: 'AWSOrganizationsNotInUseException', Message: 'Your account is not a member of an organization.' },
  },
};

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { managementAccountIds: [] },
  pass: [
    {
      name: 'the management account of an organization',
      evidence: { files: [described()] },
      reason: /part of organization o-a1b2c3d4e5 managed by 111122223333 \(required: an organization\)/,
    },
    {
      name: 'a member account managed by the expected account',
      params: { managementAccountIds: ['999988887777'] },
      evidence: { files: [described({ MasterAccountId: '999988887777' })] },
      reason: /managed by 999988887777 \(required: an organization managed by 999988887777\)/,
    },
    {
      name: 'an organization whose answer leaves MasterAccountId out, no management account required',
      evidence: { files: [described({ MasterAccountId: undefined })] },
    },
  ],
  fail: [
    {
      name: 'AWS answers AWSOrganizationsNotInUseException',
      evidence: { files: [notInUse] },
      reason: /not part of an AWS Organization: AWS answered AWSOrganizationsNotInUseException/,
    },
    {
      name: 'an organization managed by another account than the required one',
      params: { managementAccountIds: ['999988887777'] },
      evidence: { files: [described()] },
      reason: /managed by 111122223333 \(required: an organization managed by 999988887777\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeOrganization denied',
      collectionError: { service: 'organizations', operation: 'DescribeOrganization', code: 'AccessDeniedException' },
      reason: /DescribeOrganization .*AccessDeniedException/,
    },
    {
      name: 'an answer without an Organization object',
      evidence: { files: [{ service: 'organizations', operation: 'DescribeOrganization', body: {} }] },
      reason: /holds no Organization object/,
    },
    {
      name: 'an Organization without Id',
      evidence: { files: [described({ Id: undefined })] },
      reason: /its Organization has no Id/,
    },
    {
      name: 'an Organization Id that is not text',
      evidence: { files: [described({ Id: ['o-a1b2c3d4e5'] })] },
      reason: /Organization.Id is not text/,
    },
    {
      name: 'a management account is required but the answer gives no MasterAccountId',
      params: { managementAccountIds: ['111122223333'] },
      evidence: { files: [described({ MasterAccountId: undefined })] },
      reason: /gives no MasterAccountId/,
    },
  ],
});
