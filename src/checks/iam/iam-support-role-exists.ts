import { authorizationDetails } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';

const SUPPORT_POLICY = /^arn:[^:]+:iam::aws:policy\/AWSSupportAccess$/;

/** Someone is allowed to manage AWS Support cases. */
export default defineCheck({
  id: 'iam-support-role-exists',
  title: 'A role, user or group holds the AWSSupportAccess policy',
  description:
    'GetAccountAuthorizationDetails must show the AWS-managed policy arn:aws:iam::aws:policy/AWSSupportAccess attached to at least one role, user or group.',
  scope: 'account',
  needs: { details: authorizationDetails },
  params: {},
  *run({ details }, ctx) {
    const holders = [...details.roles, ...details.users, ...details.groups].filter((e) =>
      e.attachedPolicies.some((p) => SUPPORT_POLICY.test(p.arn)),
    );
    yield holders.length > 0
      ? ctx.pass(ctx.scope.account, `AWSSupportAccess is attached to ${holders.map((h) => `${h.kind} ${h.arn}`).join(', ')}`)
      : ctx.fail(ctx.scope.account, 'AWSSupportAccess is attached to no role, user or group (required: at least one)');
  },
});
