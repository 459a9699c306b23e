import { managedPolicies } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';
import { describeStatement, fullAccessGrants, readStatements } from './policy-statements.js';

/** No customer-managed policy allows every action of an AWS service. */
export default defineCheck({
  id: 'iam-customer-policy-no-service-full-access',
  title: 'Customer-managed IAM policies do not allow all actions of a service',
  description:
    'For every customer-managed policy in GetAccountAuthorizationDetails (attached or not), the default version must have no Allow statement whose Action is "<service>:*", "*:*" or "*" (any case), whatever its Resource or Condition (AWS Config IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS). "ec2:Describe*" is not full access. An Allow with NotAction also fails: it allows every action of the services it does not name. Inline and AWS-managed policies are out of scope, as in the rule; permissions boundaries are evaluated (excludePermissionBoundaryPolicy is not supported).',
  scope: 'account',
  needs: { policies: managedPolicies },
  params: {},
  *run({ policies }, ctx) {
    for (const policy of policies.filter((p) => !p.awsManaged)) {
      if (!policy.defaultVersion.ok) {
        yield ctx.notEvaluated(policy.arn, `policy ${policy.name}: ${policy.defaultVersion.reason}`);
        continue;
      }
      const { versionId, document } = policy.defaultVersion;
      const read = readStatements(document);
      if (!read.ok) {
        yield ctx.notEvaluated(policy.arn, `policy ${policy.name} (${versionId}) cannot be judged: ${read.reason}`);
        continue;
      }
      const offending = read.statements.map((s) => ({ s, grants: fullAccessGrants(s) })).find((x) => x.grants.length > 0);
      yield offending
        ? ctx.fail(
            policy.arn,
            `customer-managed policy ${policy.name} (${versionId}) allows ${offending.grants.join(', ')} in ${describeStatement(offending.s)} (limit: no Allow of all actions of a service)`,
          )
        : ctx.pass(policy.arn, `customer-managed policy ${policy.name} (${versionId}) allows no "<service>:*" action (limit: none)`);
    }
  },
});
