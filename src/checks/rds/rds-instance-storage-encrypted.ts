import { dbInstances } from '../../bundle/evidence/rds.js';
import { defineCheck } from '../define-check.js';

/** Every RDS DB instance encrypts its storage. */
export default defineCheck({
  id: 'rds-instance-storage-encrypted',
  title: 'RDS DB instances encrypt their storage',
  description: 'For every DB instance in DescribeDBInstances, StorageEncrypted must be true.',
  scope: 'region',
  needs: { instances: dbInstances },
  params: {},
  *run({ instances }, ctx) {
    for (const db of instances) {
      const name = `DB instance ${db.id} (${db.engine ?? 'unknown engine'})`;
      if (db.storageEncrypted === undefined) yield ctx.notEvaluated(db.arn, `${name}: DescribeDBInstances shows no StorageEncrypted`);
      else
        yield db.storageEncrypted
          ? ctx.pass(db.arn, `${name} has encrypted storage`)
          : ctx.fail(db.arn, `${name} has StorageEncrypted false (required: true)`);
    }
  },
});
