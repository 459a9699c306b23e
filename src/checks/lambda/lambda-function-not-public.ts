import { lambdaFunctionPolicies } from '../../bundle/evidence/lambda.js';
import { defineCheck } from '../define-check.js';
import { publicStatement } from './function-policy-public.js';

/** No Lambda function's resource-based policy lets the public invoke or manage it. */
export default defineCheck({
  id: 'lambda-function-not-public',
  title: 'Lambda function policies do not allow public access',
  description:
    'For every function in ListFunctions, its GetPolicy resource-based policy (none: not public) must hold no Allow statement to everyone (Principal "*", {"AWS": "*"}, a wildcard or policy variable in a principal, an empty principal, or NotPrincipal) unless a StringEquals/StringLike/ArnEquals/ArnLike condition pins aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce or a like key to fixed values; and no Allow to s3.amazonaws.com without an aws:SourceAccount (or aws:SourceOwner / aws:SourceOrgID) condition. As AWS Config LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED; deviation: only the unqualified function\'s policy is read, not the policies of its versions or aliases; Deny statements are not weighed.',
  scope: 'region',
  needs: { functions: lambdaFunctionPolicies },
  params: {},
  *run({ functions }, ctx) {
    for (const { fn, listFiles, policy } of functions) {
      const name = `function ${fn.name}`;
      if (!policy.ok) {
        yield ctx.notEvaluated(fn.arn, `${name}: its resource-based policy is unknown (${policy.reason})`);
        continue;
      }
      if (policy.value === undefined) {
        yield ctx.pass(fn.arn, `${name} has no resource-based policy, so only its own account's IAM principals can reach it`, [
          ...listFiles,
          ...policy.files,
        ]);
        continue;
      }
      const found = publicStatement(policy.value);
      yield found === undefined
        ? ctx.pass(fn.arn, `${name}'s resource-based policy allows no public access (${policy.value.Statement.length} statements)`, [
            ...listFiles,
            ...policy.files,
          ])
        : ctx.fail(fn.arn, `${name}'s resource-based policy is public: ${found} (required: no public access)`, [
            ...listFiles,
            ...policy.files,
          ]);
    }
  },
});
