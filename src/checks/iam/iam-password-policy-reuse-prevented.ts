import { passwordPolicy } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';

/** The account password policy prevents reuse of recent passwords. */
export default defineCheck({
  id: 'iam-password-policy-reuse-prevented',
  title: 'The password policy prevents password reuse',
  description: "The account password policy's PasswordReusePrevention must be at least minReusePrevention; no policy fails.",
  scope: 'account',
  needs: { policy: passwordPolicy },
  params: {
    minReusePrevention: {
      type: 'integer',
      minimum: 1,
      maximum: 24,
      stricter: 'higher',
      description: 'How many previous passwords the policy must forbid reusing.',
    },
  },
  *run({ policy }, ctx) {
    if (!policy) {
      yield ctx.fail(ctx.scope.account, 'no password policy is set');
      return;
    }
    const remembered = policy.PasswordReusePrevention;
    if (remembered === undefined) {
      yield ctx.fail(ctx.scope.account, `password reuse prevention is not set (required ${ctx.params.minReusePrevention})`);
      return;
    }
    const reason = `password reuse prevention remembers ${remembered} passwords (required ${ctx.params.minReusePrevention})`;
    yield remembered >= ctx.params.minReusePrevention ? ctx.pass(ctx.scope.account, reason) : ctx.fail(ctx.scope.account, reason);
  },
});
