import { iamGroups, iamRoles, iamUsers, isServiceLinkedRole, type IamEntity } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';

/** No IAM user, group or role has an inline policy. */
export default defineCheck({
  id: 'iam-identity-no-inline-policies',
  title: 'IAM users, groups and roles have no inline policies',
  description:
    'For every user, group and role in GetAccountAuthorizationDetails, UserPolicyList, GroupPolicyList and RolePolicyList must be empty (AWS Config IAM_NO_INLINE_POLICY_CHECK). Service-linked roles are not exempt, as in the rule; their reason says AWS maintains them.',
  scope: 'account',
  needs: { users: iamUsers, groups: iamGroups, roles: iamRoles },
  params: {},
  *run({ users, groups, roles }, ctx) {
    const entities: IamEntity[] = [...users, ...groups, ...roles.roles];
    for (const entity of entities) {
      const count = entity.inlinePolicies.length;
      const what = `${entity.kind} ${entity.name}`;
      if (count === 0) {
        yield ctx.pass(entity.arn, `${what} has no inline policies (limit 0)`);
        continue;
      }
      const linked =
        entity.kind === 'role' && isServiceLinkedRole(entity.arn)
          ? '; it is a service-linked role, whose policies AWS maintains, so ask AWS or accept the finding as an exception'
          : '; move them into managed policies';
      yield ctx.fail(
        entity.arn,
        `${what} has ${count} inline ${count === 1 ? 'policy' : 'policies'}: ${entity.inlinePolicies.join(', ')} (limit 0${linked})`,
      );
    }
  },
});
