import { inlinePolicyHolders } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';
import { blockedActionsPatterns, kmsLimit, kmsVerdict } from './kms-actions.js';
import { csvParam } from './policy-statements.js';

/** No inline policy of a user, group or role allows the blocked KMS actions on all KMS keys. */
export default defineCheck({
  id: 'iam-inline-policy-kms-actions-scoped',
  title: 'Inline IAM policies do not allow blocked KMS actions on all keys',
  description:
    'For every user, group and role in GetAccountAuthorizationDetails, no Allow statement of its inline policies may allow a blocked KMS action pattern in full (by an Action covering it, or a NotAction not naming it) on a Resource that is not a fixed value ("*", a KMS ARN with a wildcard or policy variable) or with NotResource (AWS Config IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS). One finding per user, group and role. Conditions are not evaluated; excludeRoleByManagementAccount is not supported.',
  scope: 'account',
  needs: { holders: inlinePolicyHolders },
  params: { blockedActionsPatterns },
  *run({ holders }, ctx) {
    const blocked = csvParam(ctx.params.blockedActionsPatterns);
    for (const holder of holders) {
      const what = `${holder.kind} ${holder.name}`;
      if (holder.policies.length === 0) {
        yield ctx.pass(holder.arn, `${what} has no inline policies`);
        continue;
      }
      const verdicts = holder.policies.map((p) =>
        p.document.ok
          ? { name: p.name, ...kmsVerdict(p.document.document, blocked) }
          : { name: p.name, status: 'unknown' as const, detail: p.document.reason },
      );
      const failed = verdicts.find((v) => v.status === 'fail');
      const unknown = verdicts.find((v) => v.status === 'unknown');
      if (failed) yield ctx.fail(holder.arn, `${what}: inline policy ${failed.name} ${failed.detail} ${kmsLimit(blocked)}`);
      else if (unknown) yield ctx.notEvaluated(holder.arn, `${what}: inline policy ${unknown.name}: ${unknown.detail}`);
      else
        yield ctx.pass(
          holder.arn,
          `${what}: inline ${verdicts.length === 1 ? 'policy' : 'policies'} ${verdicts.map((v) => v.name).join(', ')} ${verdicts.length === 1 ? 'allows' : 'allow'} none of ${blocked.join(', ')} on all KMS keys`,
        );
    }
  },
});
