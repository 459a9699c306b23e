import { ebsSnapshots } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

/** No EBS snapshot the account owns can be restored by anyone. */
export default defineCheck({
  id: 'ec2-ebs-snapshot-not-public',
  title: 'EBS snapshots are not publicly restorable',
  description:
    'For every EBS snapshot the account owns (DescribeSnapshots, OwnerIds self), its createVolumePermission (DescribeSnapshotAttribute) must not hold a Group "all" entry; sharing with named accounts is allowed. AWS Config reports one result for the account; here each snapshot gets its own. A snapshot whose attribute answer is missing, failed or holds an entry that names neither a group nor an account is not evaluated.',
  scope: 'region',
  needs: { snapshots: ebsSnapshots },
  params: {},
  *run({ snapshots }, ctx) {
    for (const snap of snapshots) {
      const name = `snapshot ${snap.id}${snap.volumeId ? ` (of ${snap.volumeId})` : ''}`;
      if (!snap.restorers.ok) {
        yield ctx.notEvaluated(snap.arn, `${name}: ${snap.restorers.reason}`);
        continue;
      }
      const { public: open, accounts, unreadable } = snap.restorers.value;
      const files = [...snap.files, ...snap.restorers.files];
      if (open) {
        yield ctx.fail(
          snap.arn,
          `${name} has createVolumePermission Group "all", so anyone can restore it (required: no public permission)`,
          files,
        );
      } else if (unreadable.length > 0) {
        yield ctx.notEvaluated(snap.arn, `${name} has createVolumePermission entries that cannot be read: ${unreadable.join(', ')}`, files);
      } else {
        const shared = accounts.length > 0 ? `shared only with account ${accounts.join(', ')}` : 'restorable by its owner only';
        yield ctx.pass(snap.arn, `${name} is ${shared}`, files);
      }
    }
  },
});
