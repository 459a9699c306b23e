import { organization } from '../../bundle/evidence/organizations.js';
import { defineCheck } from '../define-check.js';

/** The account belongs to an AWS Organization (managed by one of the given accounts, when given). */
export default defineCheck({
  id: 'account-organization-member',
  title: 'The account is part of an AWS Organization',
  description:
    "Organizations DescribeOrganization must describe an organization; its not-found answer (AWSOrganizationsNotInUseException) means the account is in none. When managementAccountIds is not empty, the organization's MasterAccountId must be one of them (AWS Config ACCOUNT_PART_OF_ORGANIZATIONS, whose MasterAccountId takes one id).",
  scope: 'account',
  needs: { organization },
  params: {
    managementAccountIds: {
      type: 'array',
      items: { type: 'string' },
      description:
        "Management account ids the organization must have; [] accepts any organization (AWS Config's optional MasterAccountId, as a list).",
    },
  },
  *run({ organization: org }, ctx) {
    const expected = ctx.params.managementAccountIds.map((id) => id.trim()).filter((id) => id !== '');
    const limit = expected.length > 0 ? `required: an organization managed by ${expected.join(' or ')}` : 'required: an organization';
    if (!org) {
      yield ctx.fail(
        ctx.scope.account,
        `the account is not part of an AWS Organization: AWS answered AWSOrganizationsNotInUseException (${limit})`,
      );
      return;
    }
    const described = `the account is part of organization ${org.id}${org.managementAccountId ? ` managed by ${org.managementAccountId}` : ''}`;
    if (expected.length === 0) {
      yield ctx.pass(ctx.scope.account, `${described} (${limit})`);
    } else if (!org.managementAccountId) {
      yield ctx.notEvaluated(ctx.scope.account, `${described}, but DescribeOrganization gives no MasterAccountId (${limit})`);
    } else {
      yield expected.includes(org.managementAccountId)
        ? ctx.pass(ctx.scope.account, `${described} (${limit})`)
        : ctx.fail(ctx.scope.account, `${described} (${limit})`);
    }
  },
});
