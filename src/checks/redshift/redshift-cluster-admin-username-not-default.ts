import { redshiftClusters } from '../../bundle/evidence/redshift.js';
import { defineCheck } from '../define-check.js';

// The master user name the Redshift console offers by default (AWS Config: REDSHIFT_DEFAULT_ADMIN_CHECK).
const DEFAULT_NAME = 'awsuser';

/** No Redshift cluster keeps the default master user name. */
export default defineCheck({
  id: 'redshift-cluster-admin-username-not-default',
  title: 'Redshift clusters do not use the default master user name',
  description:
    'For every cluster in DescribeClusters, MasterUsername must not be "awsuser" and, when allowedUsernames lists names, must be one of them (AWS Config: validAdminUserNames).',
  scope: 'region',
  needs: { clusters: redshiftClusters },
  params: {
    allowedUsernames: {
      type: 'array',
      items: { type: 'string' },
      description: 'Master user names clusters may use ([]: any name but the default "awsuser", which never passes).',
    },
  },
  *run({ clusters }, ctx) {
    const allowed = ctx.params.allowedUsernames;
    for (const c of clusters) {
      const name = `Redshift cluster ${c.id}`;
      const user = c.masterUsername;
      if (user === undefined) yield ctx.notEvaluated(c.arn, `${name}: DescribeClusters shows no MasterUsername`);
      else if (user === DEFAULT_NAME)
        yield ctx.fail(c.arn, `${name} has master user name "${user}", the default (required: not "${DEFAULT_NAME}")`);
      else if (allowed.length > 0 && !allowed.includes(user))
        yield ctx.fail(c.arn, `${name} has master user name "${user}" (required: one of ${allowed.map((n) => `"${n}"`).join(', ')})`);
      else yield ctx.pass(c.arn, `${name} has master user name "${user}", not the default`);
    }
  },
});
