import { iamUsers } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';
import { csvParam } from './policy-statements.js';

/** Every IAM user belongs to a group (one of the given groups, when groups are given). */
export default defineCheck({
  id: 'iam-user-in-group',
  title: 'IAM users are members of an IAM group',
  description:
    'For every IAM user in GetAccountAuthorizationDetails, GroupList must name at least one group; when groupNames is not empty, at least one of those groups (AWS Config IAM_USER_GROUP_MEMBERSHIP_CHECK). Group names are compared without regard to case, as IAM tells them apart.',
  scope: 'account',
  needs: { users: iamUsers },
  params: {
    groupNames: {
      type: 'array',
      items: { type: 'string' },
      description:
        "Groups of which every user must be in at least one; [] accepts any group (AWS Config's optional groupNames, as a list).",
    },
  },
  *run({ users }, ctx) {
    const required = csvParam(ctx.params.groupNames);
    const limit = required.length > 0 ? `required: a member of ${required.join(' or ')}` : 'required: a member of at least one group';
    for (const user of users) {
      const groups = user.groups.filter((g): g is string => typeof g === 'string' && g !== '');
      if (groups.length !== user.groups.length) {
        yield ctx.notEvaluated(
          user.arn,
          `user ${user.name}: GroupList holds an entry that is not a group name (${JSON.stringify(user.groups).slice(0, 80)})`,
        );
        continue;
      }
      const matching = required.length > 0 ? groups.filter((g) => required.some((r) => r.toLowerCase() === g.toLowerCase())) : groups;
      const observed = groups.length > 0 ? `is in ${groups.join(', ')}` : 'is in no group';
      yield matching.length > 0
        ? ctx.pass(user.arn, `user ${user.name} ${observed} (${limit})`)
        : ctx.fail(user.arn, `user ${user.name} ${observed} (${limit})`);
    }
  },
});
