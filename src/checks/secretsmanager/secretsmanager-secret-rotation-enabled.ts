import { secrets } from '../../bundle/evidence/secretsmanager.js';
import { defineCheck } from '../define-check.js';

/** Every Secrets Manager secret rotates automatically, at least as often as the limit when one is set. */
export default defineCheck({
  id: 'secretsmanager-secret-rotation-enabled',
  title: 'Secrets Manager secrets rotate automatically',
  description:
    'For every secret in ListSecrets (secrets scheduled for deletion are not listed), RotationEnabled must be true (ListSecrets omits it for a secret never set to rotate: read as false); when maxRotationDays is set, RotationRules.AutomaticallyAfterDays (or a rate() ScheduleExpression) must be at most that many days. As AWS Config SECRETSMANAGER_ROTATION_ENABLED_CHECK (maximumAllowedRotationFrequency); a cron() schedule without AutomaticallyAfterDays is not evaluated against a limit.',
  scope: 'region',
  needs: { secrets },
  params: {
    maxRotationDays: {
      type: 'array',
      items: { type: 'integer' },
      description:
        "Most days allowed between rotations (AWS Config's optional maximumAllowedRotationFrequency, as a list: [] sets no limit, [90] requires every 90 days or more often; of several values the smallest applies).",
    },
  },
  *run({ secrets: list }, ctx) {
    const limits = ctx.params.maxRotationDays.filter((d) => Number.isInteger(d) && d > 0);
    const limit = limits.length > 0 ? Math.min(...limits) : undefined;
    const required = limit === undefined ? 'required: rotation enabled' : `required: rotation enabled, at most every ${limit} days`;
    for (const secret of list) {
      const name = `secret ${secret.name}${secret.owningService ? ` (managed by ${secret.owningService})` : ''}`;
      if (secret.rotationEnabled === undefined) {
        yield ctx.notEvaluated(secret.arn, `${name}: ListSecrets shows a RotationEnabled that is not true or false (${required})`);
        continue;
      }
      if (!secret.rotationEnabled) {
        yield ctx.fail(secret.arn, `${name} has automatic rotation off (${required})`);
        continue;
      }
      const hours = secret.rotationDays !== undefined ? secret.rotationDays * 24 : rateHours(secret.scheduleExpression);
      const every = hours === undefined ? undefined : hours % 24 === 0 ? `${hours / 24} days` : `${hours} hours`;
      if (limit === undefined) {
        yield ctx.pass(secret.arn, `${name} rotates automatically${every ? ` every ${every}` : ''} (${required})`);
      } else if (hours === undefined) {
        const schedule = secret.scheduleExpression ? `schedule ${secret.scheduleExpression}` : 'no RotationRules.AutomaticallyAfterDays';
        yield ctx.notEvaluated(secret.arn, `${name} rotates automatically, but its interval is unknown (${schedule}; ${required})`);
      } else {
        yield hours <= limit * 24
          ? ctx.pass(secret.arn, `${name} rotates automatically every ${every ?? ''} (${required})`)
          : ctx.fail(secret.arn, `${name} rotates automatically every ${every ?? ''} (${required})`);
      }
    }
  },
});

/** The hours of a `rate(N days)` or `rate(N hours)` schedule; undefined for cron() or anything else. */
function rateHours(expression: string | undefined): number | undefined {
  const match = /^rate\(\s*(\d+)\s+(day|days|hour|hours)\s*\)$/i.exec(expression?.trim() ?? '');
  if (!match) return undefined;
  const n = Number(match[1]);
  return match[2]?.toLowerCase().startsWith('day') ? n * 24 : n;
}
