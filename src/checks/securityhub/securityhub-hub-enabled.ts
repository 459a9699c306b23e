import { securityHub } from '../../bundle/evidence/securityhub.js';
import { defineCheck } from '../define-check.js';

/** Security Hub is enabled in every region. */
export default defineCheck({
  id: 'securityhub-hub-enabled',
  title: 'AWS Security Hub is enabled in every region',
  description: 'In every region in scope, DescribeHub must return a hub; an answer that the account is not subscribed fails.',
  scope: 'region',
  needs: { hub: securityHub },
  params: {},
  *run({ hub }, ctx) {
    const resource = `${ctx.scope.account}/${ctx.scope.region}`;
    if (hub?.impossible) {
      yield ctx.notEvaluated(resource, `the Security Hub answer contradicts the collection time: ${hub.impossible}`);
      return;
    }
    yield hub
      ? ctx.pass(
          resource,
          `Security Hub is enabled in ${ctx.scope.region} (${hub.arn}${hub.subscribedAt ? `, since ${hub.subscribedAt.slice(0, 10)}` : ''})`,
        )
      : ctx.fail(resource, `Security Hub is not enabled in ${ctx.scope.region} (DescribeHub: not subscribed; required: enabled)`);
  },
});
