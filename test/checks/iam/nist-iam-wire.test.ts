import { describe, expect, it } from 'vitest';
import { openBundle, type EvidenceBundle } from '../../../src/bundle/read-bundle.js';
import accountOrganizationMember from '../../../src/checks/account/account-organization-member.js';
import type { Check } from '../../../src/checks/define-check.js';
import customerPolicyKms from '../../../src/checks/iam/iam-customer-policy-kms-actions-scoped.js';
import customerPolicyFullAccess from '../../../src/checks/iam/iam-customer-policy-no-service-full-access.js';
import noInlinePolicies from '../../../src/checks/iam/iam-identity-no-inline-policies.js';
import inlinePolicyKms from '../../../src/checks/iam/iam-inline-policy-kms-actions-scoped.js';
import userInGroup from '../../../src/checks/iam/iam-user-in-group.js';
import userMfa from '../../../src/checks/iam/iam-user-mfa-enabled.js';
import { EvidenceCache, runCheck } from '../../../src/checks/run-check.js';
import iamCredentialReport from '../../../src/collect/sources/iam-credential-report.js';
import iamEntities from '../../../src/collect/sources/iam-entities.js';
import organizations from '../../../src/collect/sources/organizations.js';
import { ACME } from '../../collect/helpers/acme.js';
import { wire, type FakeAws } from '../../collect/helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from '../../collect/helpers/run.js';

// The IAM and account checks of the NIST pack over what the real SDK clients collect from the
// recorded wire answers (test/collect/wire/iam, organizations): no new collection, same evidence.

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const KMS = { blockedActionsPatterns: ['kms:*, kms:Decrypt, kms:ReEncrypt*'] };

async function collected(): Promise<EvidenceBundle> {
  const result = await collectFrom(fake, {
    regions: ['us-east-1'],
    sources: [iamEntities, iamCredentialReport, organizations],
    now: () => new Date('2026-09-30T08:04:12Z'),
  });
  return openBundle(result.dir);
}

async function findings(bundle: EvidenceBundle, check: Check, params: Record<string, unknown> = {}): Promise<string[]> {
  const all = await runCheck(check, { account: ACME, region: 'global' }, params, bundle.collectedAt, new EvidenceCache(bundle));
  return all.map((f) => `${f.status} ${f.resource.replace(/^arn:aws:iam::111122223333:/, '')}`).sort();
}

const USERS = ['user/alice', 'user/bob', 'user/carol', 'user/ci-deploy', 'user/dave', 'user/erin'];
const GROUPS = ['group/admins', 'group/developers'];
const ROLES = [
  'role/AuditpackReadOnly',
  'role/OrganizationAccountAccessRole',
  'role/acme-bastion-ssm',
  'role/acme-support',
  'role/acme-vpc-flow-logs',
  'role/acme-web-ec2',
];
const CUSTOMER_POLICIES = [
  'policy/acme-bastion-ssm',
  'policy/acme-developer',
  'policy/acme-vpc-flow-logs-delivery',
  'policy/acme-web-app',
  'policy/auditpack-collect',
  'policy/ci-deploy-artifacts',
];
const pass = (resources: string[], ...except: string[]) => resources.filter((r) => !except.includes(r)).map((r) => `PASS ${r}`);

describe('IAM and account checks for the NIST pack, on evidence collected through the SDK', () => {
  it('judges the sample account from the recorded IAM answers', async () => {
    const bundle = await collected();
    // bob holds the inline policy bob-billing-read (decoded from the URL-encoded wire document).
    expect(await findings(bundle, noInlinePolicies)).toEqual(
      ['FAIL user/bob', ...pass([...GROUPS, ...ROLES, ...USERS], 'user/bob')].sort(),
    );
    // ci-deploy's GroupList is empty on the wire.
    expect(await findings(bundle, userInGroup, { groupNames: [] })).toEqual(
      ['FAIL user/ci-deploy', ...pass(USERS, 'user/ci-deploy')].sort(),
    );
    expect(await findings(bundle, userInGroup, { groupNames: ['admins'] })).toEqual(
      ['PASS user/alice', ...USERS.filter((u) => u !== 'user/alice').map((u) => `FAIL ${u}`)].sort(),
    );
    // legacy-break-glass allows "*" on "*"; AdministratorAccess and AWSSupportAccess (support:*) are AWS-managed.
    expect(await findings(bundle, customerPolicyFullAccess)).toEqual(['FAIL policy/legacy-break-glass', ...pass(CUSTOMER_POLICIES)].sort());
    expect(await findings(bundle, customerPolicyKms, KMS)).toEqual(['FAIL policy/legacy-break-glass', ...pass(CUSTOMER_POLICIES)].sort());
    expect(await findings(bundle, inlinePolicyKms, KMS)).toEqual(pass([...GROUPS, ...ROLES, ...USERS]).sort());
    // The credential report (base64 CSV on the wire): bob (console) and ci-deploy (keys only) have no MFA.
    expect(await findings(bundle, userMfa)).toEqual(
      ['FAIL user/bob', 'FAIL user/ci-deploy', ...pass(USERS, 'user/bob', 'user/ci-deploy')].sort(),
    );
  });

  it('fails the account AWS answers AWSOrganizationsNotInUseException for, and passes a member account (its management account checked when given)', async () => {
    const none = await collected();
    expect(await findings(none, accountOrganizationMember, { managementAccountIds: [] })).toEqual(['FAIL 111122223333']);

    // A member account: the recorded answer with another management account.
    const answer = JSON.parse(wire('organizations/DescribeOrganization.json')) as { Organization: Record<string, string> };
    answer.Organization.MasterAccountId = '999988887777';
    fake.on('organizations', 'DescribeOrganization', { body: JSON.stringify(answer), contentType: 'application/x-amz-json-1.1' });
    const member = await collected();
    expect(await findings(member, accountOrganizationMember, { managementAccountIds: [] })).toEqual(['PASS 111122223333']);
    expect(await findings(member, accountOrganizationMember, { managementAccountIds: ['999988887777'] })).toEqual(['PASS 111122223333']);
    expect(await findings(member, accountOrganizationMember, { managementAccountIds: ['111122223333'] })).toEqual(['FAIL 111122223333']);
  });

  it('does not evaluate the account when DescribeOrganization is denied', async () => {
    fake.on('organizations', 'DescribeOrganization', {
      status: 400,
      contentType: 'application/x-amz-json-1.1',
      body: JSON.stringify({ __type: 'AccessDeniedException', Message: 'You don\u2019t have permissions to access this resource.' }),
    });
    const bundle = await collected();
    expect(await findings(bundle, accountOrganizationMember, { managementAccountIds: [] })).toEqual(['NOT_EVALUATED 111122223333']);
  });
});
