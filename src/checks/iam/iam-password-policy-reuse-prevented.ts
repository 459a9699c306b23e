import { passwordPolicy } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';

/** The account password policy prevents reuse of recent passwords. */
export default defineCheck({
  id: 'iam-password-policy-reuse-prevented',
  title: 'The password policy prevents password reuse',
  description:
    "The account password policy's PasswordReusePrevention must be at least minReusePrevention; no policy, or a policy without it, fails.",
  scope: 'account',
  needs: { policy: passwordPolicy },
  params: {
    minReusePrevention: {
      type: 'integer',
      minimum: 1,
      maximum: 24,
      stricter: 'higher',
      description: 'How many previous passwords the policy must forbid reusing (passes at exactly this many).',
    },
  },
  *run({ policy }, ctx) {
    const required = `(required ${ctx.params.minReusePrevention})`;
    if (!policy) {
      yield ctx.fail(ctx.scope.account, `no password policy is set, so passwords may be reused ${required}`);
      return;
    }
    const remembered: unknown = policy.PasswordReusePrevention;
    if (remembered === undefined) {
      yield ctx.fail(ctx.scope.account, `password reuse prevention is not set ${required}`);
      return;
    }
    // IAM accepts 1 to 24; anything else is not a value AWS returns.
    if (typeof remembered !== 'number' || !Number.isInteger(remembered) || remembered < 0 || remembered > 24) {
      yield ctx.notEvaluated(
        ctx.scope.account,
        `PasswordReusePrevention is ${JSON.stringify(remembered)}, not an integer from 1 to 24 as IAM returns ${required}`,
      );
      return;
    }
    const reason = `password reuse prevention remembers ${remembered} passwords ${required}`;
    yield remembered >= ctx.params.minReusePrevention ? ctx.pass(ctx.scope.account, reason) : ctx.fail(ctx.scope.account, reason);
  },
});
