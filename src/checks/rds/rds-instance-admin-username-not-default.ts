import { dbInstances } from '../../bundle/evidence/rds.js';
import { defineCheck } from '../define-check.js';

// The master user names the RDS console and CLI offer by default (AWS Config: RDS_INSTANCE_DEFAULT_ADMIN_CHECK).
const DEFAULT_NAMES: readonly string[] = ['admin', 'postgres'];

/** No RDS DB instance keeps a default master user name. */
export default defineCheck({
  id: 'rds-instance-admin-username-not-default',
  title: 'RDS DB instances do not use a default master user name',
  description:
    'For every DB instance in DescribeDBInstances, MasterUsername must not be "admin" or "postgres" and, when allowedUsernames lists names, must be one of them.',
  scope: 'region',
  needs: { instances: dbInstances },
  params: {
    allowedUsernames: {
      type: 'array',
      items: { type: 'string' },
      description: 'Master user names instances may use ([]: any name but the defaults "admin" and "postgres", which never pass).',
    },
  },
  *run({ instances }, ctx) {
    const allowed = ctx.params.allowedUsernames;
    for (const db of instances) {
      const name = `DB instance ${db.id} (${db.engine ?? 'unknown engine'})`;
      const user = db.masterUsername;
      if (user === undefined) yield ctx.notEvaluated(db.arn, `${name}: DescribeDBInstances shows no MasterUsername`);
      else if (DEFAULT_NAMES.includes(user))
        yield ctx.fail(
          db.arn,
          `${name} has master user name "${user}", a default (required: not ${DEFAULT_NAMES.map((n) => `"${n}"`).join(' or ')})`,
        );
      else if (allowed.length > 0 && !allowed.includes(user))
        yield ctx.fail(db.arn, `${name} has master user name "${user}" (required: one of ${allowed.map((n) => `"${n}"`).join(', ')})`);
      else yield ctx.pass(db.arn, `${name} has master user name "${user}", not a default`);
    }
  },
});
