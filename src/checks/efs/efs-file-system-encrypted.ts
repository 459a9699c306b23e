import { efsFileSystems } from '../../bundle/evidence/efs.js';
import { defineCheck } from '../define-check.js';

/** Every EFS file system is encrypted at rest. */
export default defineCheck({
  id: 'efs-file-system-encrypted',
  title: 'EFS file systems are encrypted at rest',
  description: 'For every file system in DescribeFileSystems that is not deleted, Encrypted must be true; an answer without Encrypted is not evaluated.',
  scope: 'region',
  needs: { fileSystems: efsFileSystems },
  params: {},
  *run({ fileSystems }, ctx) {
    for (const fs of fileSystems.filter((f) => f.lifeCycleState !== 'deleted')) {
      const name = `file system ${fs.id}${fs.name ? ` (${fs.name})` : ''}`;
      if (fs.encrypted === undefined) yield ctx.notEvaluated(fs.arn, `${name}: DescribeFileSystems shows no Encrypted (required: true)`);
      else
        yield fs.encrypted
          ? ctx.pass(fs.arn, `${name} is encrypted${fs.kmsKeyId ? ` with ${fs.kmsKeyId}` : ''}`)
          : ctx.fail(fs.arn, `${name} has Encrypted false (required: true)`);
    }
  },
});
