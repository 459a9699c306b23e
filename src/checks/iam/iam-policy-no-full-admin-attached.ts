import { authorizationDetails, type AuthorizationDetails, type IamEntity } from '../../bundle/evidence/iam.js';
import { listOf, type PolicyStatement } from '../../bundle/evidence/policy.js';
import { defineCheck } from '../define-check.js';

/** No attached managed policy grants `"*"` on `"*"`. */
export default defineCheck({
  id: 'iam-policy-no-full-admin-attached',
  title: 'No attached IAM policy allows full "*:*" administrative privileges',
  description:
    'For every managed policy attached to a user, group or role (customer-managed or AWS-managed), the default version from GetAccountAuthorizationDetails must have no Allow statement with Action "*" and Resource "*".',
  scope: 'account',
  needs: { details: authorizationDetails },
  params: {},
  *run({ details }, ctx) {
    const holders = holdersByPolicy(details);
    for (const arn of attachedPolicyArns(details, holders)) {
      const policy = details.policies.find((p) => p.arn === arn);
      const held = describeHolders(holders.get(arn) ?? []);
      if (!policy) {
        yield ctx.notEvaluated(arn, `policy ${arn} is attached to ${held} but GetAccountAuthorizationDetails does not list it`);
        continue;
      }
      if (!policy.defaultVersion.ok) {
        yield ctx.notEvaluated(arn, `policy ${policy.name}: ${policy.defaultVersion.reason}`);
        continue;
      }
      const { versionId, document } = policy.defaultVersion;
      const admin = document.Statement.filter(isFullAdmin);
      yield admin.length > 0
        ? ctx.fail(
            arn,
            `policy ${policy.name} (${versionId}) allows Action "*" on Resource "*"${admin[0]?.Sid ? ` in statement ${admin[0].Sid}` : ''} and is attached to ${held} (limit: no such policy attached)`,
          )
        : ctx.pass(arn, `policy ${policy.name} (${versionId}), attached to ${held}, allows no Action "*" on Resource "*"`);
    }
  },
});

function isFullAdmin(statement: PolicyStatement): boolean {
  if (statement.Effect !== 'Allow') return false;
  const actions = listOf(statement.Action);
  return (actions.includes('*') || actions.includes('*:*')) && listOf(statement.Resource).includes('*');
}

function holdersByPolicy(details: AuthorizationDetails): Map<string, IamEntity[]> {
  const holders = new Map<string, IamEntity[]>();
  for (const entity of [...details.users, ...details.groups, ...details.roles]) {
    for (const { arn } of entity.attachedPolicies) holders.set(arn, [...(holders.get(arn) ?? []), entity]);
  }
  return holders;
}

/** Attached per the entities, plus any policy whose AttachmentCount says it is attached. */
function attachedPolicyArns(details: AuthorizationDetails, holders: Map<string, IamEntity[]>): string[] {
  const arns = new Set([...holders.keys(), ...details.policies.filter((p) => p.attachmentCount > 0).map((p) => p.arn)]);
  return [...arns].sort();
}

function describeHolders(holders: IamEntity[]): string {
  if (holders.length === 0) return 'an entity not in the listing';
  const names = holders.map((h) => `${h.kind} ${h.name}`);
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}
