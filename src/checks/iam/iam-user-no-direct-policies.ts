import { iamUsers } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';

/** IAM users receive permissions only through groups. */
export default defineCheck({
  id: 'iam-user-no-direct-policies',
  title: 'IAM users receive permissions only through groups',
  description:
    'For every IAM user in GetAccountAuthorizationDetails, no managed policy may be attached to the user and the user may have no inline policy.',
  scope: 'account',
  needs: { users: iamUsers },
  params: {},
  *run({ users }, ctx) {
    for (const user of users) {
      const direct = [...user.attachedPolicies.map((p) => `attached ${p.name}`), ...user.inlinePolicies.map((name) => `inline ${name}`)];
      const groups = user.groups.length > 0 ? user.groups.join(', ') : 'no groups';
      yield direct.length === 0
        ? ctx.pass(user.arn, `user ${user.name} has no policies of its own (groups: ${groups}) (limit 0)`)
        : ctx.fail(
            user.arn,
            `user ${user.name} has ${direct.length} ${direct.length === 1 ? 'policy' : 'policies'} of its own: ${direct.join(', ')} (limit 0; grant them through a group)`,
          );
    }
  },
});
