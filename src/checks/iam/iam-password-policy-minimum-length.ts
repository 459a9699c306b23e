import { passwordPolicy } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';

/** The account password policy requires at least the minimum length. */
export default defineCheck({
  id: 'iam-password-policy-minimum-length',
  title: 'The password policy requires a minimum password length',
  description: "The account password policy's MinimumPasswordLength must be at least minLength; no policy fails.",
  scope: 'account',
  needs: { policy: passwordPolicy },
  params: {
    minLength: {
      type: 'integer',
      minimum: 1,
      maximum: 128,
      stricter: 'higher',
      description: 'Shortest password length the policy must require.',
    },
  },
  *run({ policy }, ctx) {
    if (!policy) {
      yield ctx.fail(ctx.scope.account, 'no password policy is set');
      return;
    }
    // AWS applies a minimum of 6 characters when the policy does not name one.
    const length = policy.MinimumPasswordLength ?? 6;
    const reason = `minimum password length is ${length} (required ${ctx.params.minLength})`;
    yield length >= ctx.params.minLength ? ctx.pass(ctx.scope.account, reason) : ctx.fail(ctx.scope.account, reason);
  },
});
