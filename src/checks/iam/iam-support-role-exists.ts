import { iamRoles, supportPolicyEntities } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';

const SUPPORT_POLICY = /^arn:[^:]+:iam::aws:policy\/AWSSupportAccess$/;

/** A role is allowed to manage AWS Support cases. */
export default defineCheck({
  id: 'iam-support-role-exists',
  title: 'A role holds the AWSSupportAccess policy',
  description:
    'The AWS-managed policy arn:aws:iam::aws:policy/AWSSupportAccess must be attached to at least one role: the PolicyRoles of ListEntitiesForPolicy where it was collected, else the roles of GetAccountAuthorizationDetails. Users and groups holding it do not count.',
  scope: 'account',
  needs: { roles: iamRoles, entities: supportPolicyEntities },
  params: {},
  *run({ roles: { roles, unreadable }, entities }, ctx) {
    const required = '(required: at least one role)';
    const holders = roles.filter((r) => r.attachedPolicies.some((p) => p.arn !== undefined && SUPPORT_POLICY.test(p.arn)));
    if (entities.listed && entities.roles.length > 0) {
      yield ctx.pass(ctx.scope.account, `ListEntitiesForPolicy lists AWSSupportAccess on role ${entities.roles.join(', ')} ${required}`);
      return;
    }
    if (entities.listed && holders.length > 0) {
      yield ctx.notEvaluated(
        ctx.scope.account,
        `ListEntitiesForPolicy lists no role holding AWSSupportAccess, but GetAccountAuthorizationDetails shows it on ${holders.map((h) => `role ${h.arn}`).join(', ')}; the evidence contradicts itself ${required}`,
      );
      return;
    }
    if (holders.length > 0) {
      yield ctx.pass(ctx.scope.account, `AWSSupportAccess is attached to ${holders.map((h) => `role ${h.arn}`).join(', ')} ${required}`);
      return;
    }
    const others = entities.listed ? [...entities.users.map((u) => `user ${u}`), ...entities.groups.map((g) => `group ${g}`)] : [];
    const notRoles =
      others.length > 0 ? `it is held only by ${others.join(', ')}, which does not count` : 'a user or group holding it does not count';
    // An attachment listed by name alone may be the AWS policy or a customer policy of the same name.
    const unsure = roles.filter((r) => r.attachedPolicies.some((p) => p.arn === undefined && p.name === 'AWSSupportAccess'));
    if (unsure.length > 0) {
      yield ctx.notEvaluated(
        ctx.scope.account,
        `${unsure.map((r) => `role ${r.arn}`).join(', ')} holds a policy named AWSSupportAccess whose ARN the listing does not give, so it cannot be told from a customer policy ${required}`,
      );
      return;
    }
    if (unreadable > 0 && !entities.listed) {
      yield ctx.notEvaluated(
        ctx.scope.account,
        `AWSSupportAccess is attached to none of the ${roles.length} readable roles, but ${unreadable} role ${unreadable === 1 ? 'record' : 'records'} could not be read ${required}`,
      );
      return;
    }
    yield ctx.fail(
      ctx.scope.account,
      `AWSSupportAccess is attached to none of the account's ${roles.length} roles; ${notRoles} ${required}`,
    );
  },
});
