import { iamGroups, iamRoles, iamUsers, managedPolicies, type IamEntity, type ManagedPolicy } from '../../bundle/evidence/iam.js';
import { listOf, type PolicyStatement } from '../../bundle/evidence/policy.js';
import { defineCheck, type CheckContext, type Finding } from '../define-check.js';

/** No attached managed policy grants `"*"` on `"*"`. */
export default defineCheck({
  id: 'iam-policy-no-full-admin-attached',
  title: 'No attached IAM policy allows full "*:*" administrative privileges',
  description:
    'For every managed policy attached to a user, group or role (customer-managed or AWS-managed), the default version from GetAccountAuthorizationDetails must have no Allow statement with Action "*" and Resource "*" (each a string or in a list); NotAction is not counted.',
  scope: 'account',
  needs: { users: iamUsers, groups: iamGroups, roles: iamRoles, policies: managedPolicies },
  params: {},
  *run({ users, groups, roles, policies }, ctx) {
    const entities: IamEntity[] = [...users, ...groups, ...roles.roles];
    const byArn = new Map(policies.map((p) => [p.arn, p]));
    const holders = new Map<string, IamEntity[]>();
    for (const entity of entities) {
      for (const attachment of entity.attachedPolicies) {
        // An attachment without an ARN is found by name when exactly one listed policy has that name.
        const named = attachment.arn ? [] : policies.filter((p) => p.name === attachment.name);
        const arn = attachment.arn ?? (named.length === 1 ? named[0]?.arn : undefined);
        if (!arn) {
          yield ctx.notEvaluated(
            entity.arn,
            `${entity.kind} ${entity.name} holds a managed policy named ${attachment.name} whose ARN the listing does not give, so it cannot be checked`,
          );
          continue;
        }
        holders.set(arn, [...(holders.get(arn) ?? []), entity]);
      }
    }
    // Attached per the entities, plus any policy whose AttachmentCount says it is attached.
    const attached = [...new Set([...holders.keys(), ...policies.filter((p) => (p.attachmentCount ?? 0) > 0).map((p) => p.arn)])].sort();
    for (const arn of attached) {
      const policy = byArn.get(arn);
      const held = describeHolders(holders.get(arn) ?? []);
      if (!policy) {
        yield ctx.notEvaluated(arn, `policy ${arn} is attached to ${held} but GetAccountAuthorizationDetails does not list it`);
        continue;
      }
      yield verdict(policy, held, ctx);
    }
  },
});

function verdict(policy: ManagedPolicy, held: string, ctx: Pick<CheckContext<unknown>, 'pass' | 'fail' | 'notEvaluated'>): Finding {
  if (!policy.defaultVersion.ok)
    return ctx.notEvaluated(policy.arn, `policy ${policy.name}, attached to ${held}: ${policy.defaultVersion.reason}`);
  const { versionId, document } = policy.defaultVersion;
  const admin = document.Statement.filter(isFullAdmin);
  const kind = policy.awsManaged ? 'AWS-managed' : 'customer-managed';
  return admin.length > 0
    ? ctx.fail(
        policy.arn,
        `${kind} policy ${policy.name} (${versionId}) allows Action "*" on Resource "*"${admin[0]?.Sid ? ` in statement ${admin[0].Sid}` : ''} and is attached to ${held} (limit: no such policy attached)`,
      )
    : ctx.pass(policy.arn, `${kind} policy ${policy.name} (${versionId}), attached to ${held}, allows no Action "*" on Resource "*"`);
}

function isFullAdmin(statement: PolicyStatement): boolean {
  if (statement === null || typeof statement !== 'object' || statement.Effect !== 'Allow') return false;
  const actions = listOf(statement.Action);
  return (actions.includes('*') || actions.includes('*:*')) && listOf(statement.Resource).includes('*');
}

function describeHolders(holders: IamEntity[]): string {
  if (holders.length === 0) return 'an entity not in the listing';
  const names = holders.map((h) => `${h.kind} ${h.name}`);
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}
