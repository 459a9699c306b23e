import { kmsKeys } from '../../bundle/evidence/kms.js';
import { defineCheck } from '../define-check.js';

// PendingReplicaDeletion: a multi-Region primary key scheduled for deletion that waits for its
// replicas to be deleted first; it is as scheduled for deletion as PendingDeletion.
const SCHEDULED = ['PendingDeletion', 'PendingReplicaDeletion'];

/** No customer-managed KMS key is scheduled for deletion. */
export default defineCheck({
  id: 'kms-key-not-pending-deletion',
  title: 'Customer-managed KMS keys are not scheduled for deletion',
  description:
    'For every key in ListKeys whose DescribeKey shows KeyManager CUSTOMER, KeyState must not be PendingDeletion or PendingReplicaDeletion (a primary key scheduled for deletion that waits for its replicas). AWS managed keys are out of scope (AWS schedules none of them for deletion). Every customer key is checked: the Config rule parameter kmsKeyIds (limit to some keys) is not offered.',
  scope: 'region',
  needs: { keys: kmsKeys },
  params: {},
  *run({ keys }, ctx) {
    for (const key of keys) {
      if (!key.metadata.ok) {
        yield ctx.notEvaluated(key.arn, `key ${key.keyId}: ${key.metadata.reason}`, key.files);
        continue;
      }
      const meta = key.metadata.value;
      const files = [...key.files, ...key.metadata.files];
      const name = `key ${key.keyId}${typeof meta.Description === 'string' && meta.Description !== '' ? ` (${meta.Description})` : ''}`;
      const manager: unknown = meta.KeyManager;
      const state: unknown = meta.KeyState;
      if (manager !== undefined && typeof manager !== 'string') {
        yield ctx.notEvaluated(
          key.arn,
          `${name}: DescribeKey gives KeyManager ${JSON.stringify(manager)}, which is not one of AWS's values`,
          files,
        );
        continue;
      }
      if (manager !== undefined && manager !== 'CUSTOMER') continue;
      if (typeof state !== 'string' || state === '') {
        const observed = state === undefined ? 'no KeyState' : `KeyState ${JSON.stringify(state)}, which is not one of AWS's values`;
        yield ctx.notEvaluated(
          key.arn,
          `${name}: DescribeKey gives ${observed}, so whether it is scheduled for deletion is unknown`,
          files,
        );
        continue;
      }
      const scheduled = SCHEDULED.includes(state);
      if (manager === undefined && scheduled) {
        // Out of scope if AWS managed: without KeyManager a FAIL could rest on a key the rule ignores.
        yield ctx.notEvaluated(
          key.arn,
          `${name} is ${state}, but DescribeKey gives no KeyManager, so whether it is customer managed is unknown`,
          files,
        );
        continue;
      }
      if (scheduled) {
        const when = meta.DeletionDate ? `, to be deleted on ${meta.DeletionDate.toISOString()}` : '';
        yield ctx.fail(key.arn, `${name} has KeyState ${state}${when} (required: not scheduled for deletion)`, files);
      } else {
        // Whoever manages it, a key not scheduled for deletion satisfies the rule.
        yield ctx.pass(key.arn, `${name} has KeyState ${state}, not scheduled for deletion`, files);
      }
    }
  },
});
