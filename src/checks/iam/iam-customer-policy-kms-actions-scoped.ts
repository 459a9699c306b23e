import { managedPolicies } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';
import { blockedActionsPatterns, kmsLimit, kmsVerdict } from './kms-actions.js';
import { csvParam } from './policy-statements.js';

/** No customer-managed policy allows the blocked KMS actions on all KMS keys. */
export default defineCheck({
  id: 'iam-customer-policy-kms-actions-scoped',
  title: 'Customer-managed IAM policies do not allow blocked KMS actions on all keys',
  description:
    'For every customer-managed policy in GetAccountAuthorizationDetails (attached or not), no Allow statement of the default version may allow a blocked KMS action pattern in full (by an Action covering it, or a NotAction not naming it) on a Resource that is not a fixed value ("*", a KMS ARN with a wildcard or policy variable) or with NotResource (AWS Config IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS). Conditions are not evaluated, as in the rule; excludePermissionBoundaryPolicy is not supported.',
  scope: 'account',
  needs: { policies: managedPolicies },
  params: { blockedActionsPatterns },
  *run({ policies }, ctx) {
    const blocked = csvParam(ctx.params.blockedActionsPatterns);
    for (const policy of policies.filter((p) => !p.awsManaged)) {
      if (!policy.defaultVersion.ok) {
        yield ctx.notEvaluated(policy.arn, `policy ${policy.name}: ${policy.defaultVersion.reason}`);
        continue;
      }
      const { versionId, document } = policy.defaultVersion;
      const verdict = kmsVerdict(document, blocked);
      const reason = `customer-managed policy ${policy.name} (${versionId}) ${verdict.detail}`;
      if (verdict.status === 'unknown') yield ctx.notEvaluated(policy.arn, reason);
      else if (verdict.status === 'fail') yield ctx.fail(policy.arn, `${reason} ${kmsLimit(blocked)}`);
      else yield ctx.pass(policy.arn, reason);
    }
  },
});
