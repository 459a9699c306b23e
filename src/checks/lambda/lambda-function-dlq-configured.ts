import { lambdaFunctions } from '../../bundle/evidence/lambda.js';
import { defineCheck } from '../define-check.js';
import { csvParam } from '../iam/policy-statements.js';

/** Every Lambda function sends failed asynchronous events to a dead-letter queue. */
export default defineCheck({
  id: 'lambda-function-dlq-configured',
  title: 'Lambda functions have a dead-letter queue',
  description:
    'For every function in ListFunctions (the unqualified function; published versions are not listed), DeadLetterConfig.TargetArn must name an SQS queue or SNS topic; when dlqArns lists ARNs, the target must be one of them. As AWS Config LAMBDA_DLQ_CHECK; an unreadable DeadLetterConfig is not evaluated.',
  scope: 'region',
  needs: { functions: lambdaFunctions },
  params: {
    dlqArns: {
      type: 'array',
      items: { type: 'string' },
      description:
        "SQS queue or SNS topic ARNs the dead-letter queue must be one of; [] accepts any (AWS Config's optional dlqArns, comma-separated entries are split).",
    },
  },
  *run({ functions }, ctx) {
    const allowed = csvParam(ctx.params.dlqArns);
    const required = allowed.length > 0 ? `required: one of ${allowed.join(', ')}` : 'required: a dead-letter queue';
    for (const fn of functions) {
      const name = `function ${fn.name}`;
      const target = fn.deadLetterTarget;
      if (target === undefined)
        yield ctx.notEvaluated(fn.arn, `${name}: ListFunctions shows a DeadLetterConfig that cannot be read (${required})`);
      else if (target === null) yield ctx.fail(fn.arn, `${name} has no DeadLetterConfig.TargetArn (${required})`);
      else if (allowed.length > 0 && !allowed.includes(target))
        yield ctx.fail(fn.arn, `${name} sends failed events to ${target} (${required})`);
      else yield ctx.pass(fn.arn, `${name} sends failed events to ${target} (${required})`);
    }
  },
});
