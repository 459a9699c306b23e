import { efsFileSystems } from '../../bundle/evidence/efs.js';
import { defineCheck } from '../define-check.js';

/** Every EFS file system is encrypted at rest. */
export default defineCheck({
  id: 'efs-file-system-encrypted',
  title: 'EFS file systems are encrypted at rest',
  description: 'For every file system in DescribeFileSystems that is not deleted, Encrypted must be true.',
  scope: 'region',
  needs: { fileSystems: efsFileSystems },
  params: {},
  *run({ fileSystems }, ctx) {
    for (const fs of fileSystems.filter((f) => f.lifeCycleState !== 'deleted')) {
      const name = `file system ${fs.id}${fs.name ? ` (${fs.name})` : ''}`;
      yield fs.encrypted === true
        ? ctx.pass(fs.arn, `${name} is encrypted${fs.kmsKeyId ? ` with ${fs.kmsKeyId}` : ''}`)
        : ctx.fail(fs.arn, `${name} has Encrypted ${String(fs.encrypted ?? false)} (required: true)`);
    }
  },
});
