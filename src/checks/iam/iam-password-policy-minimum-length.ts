import { passwordPolicy } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';

// AWS applies a minimum of 6 characters when a password policy does not name one.
const AWS_DEFAULT_LENGTH = 6;

/** The account password policy requires at least the minimum length. */
export default defineCheck({
  id: 'iam-password-policy-minimum-length',
  title: 'The password policy requires a minimum password length',
  description:
    "The account password policy's MinimumPasswordLength must be at least minLength; no policy fails, and so does a policy that names no length (AWS then requires 6).",
  scope: 'account',
  needs: { policy: passwordPolicy },
  params: {
    minLength: {
      type: 'integer',
      minimum: 1,
      maximum: 128,
      stricter: 'higher',
      description: 'Shortest password length the policy must require (passes at exactly this length).',
    },
  },
  *run({ policy }, ctx) {
    const required = `(required ${ctx.params.minLength})`;
    if (!policy) {
      yield ctx.fail(ctx.scope.account, `no password policy is set, so AWS requires ${AWS_DEFAULT_LENGTH} characters ${required}`);
      return;
    }
    const length: unknown = policy.MinimumPasswordLength;
    if (length === undefined) {
      yield ctx.fail(ctx.scope.account, `the password policy names no minimum length, so AWS requires ${AWS_DEFAULT_LENGTH} ${required}`);
      return;
    }
    // IAM accepts 6 to 128; anything else is not a value AWS returns.
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 6 || length > 128) {
      yield ctx.notEvaluated(
        ctx.scope.account,
        `MinimumPasswordLength is ${JSON.stringify(length)}, not an integer from 6 to 128 as IAM returns ${required}`,
      );
      return;
    }
    const reason = `minimum password length is ${length} ${required}`;
    yield length >= ctx.params.minLength ? ctx.pass(ctx.scope.account, reason) : ctx.fail(ctx.scope.account, reason);
  },
});
