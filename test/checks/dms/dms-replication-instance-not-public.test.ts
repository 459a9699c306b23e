import check from '../../../src/checks/dms/dms-replication-instance-not-public.js';
import { dmsInstances, replicationInstance } from '../../helpers/compute-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'private replication instance',
      evidence: dmsInstances(replicationInstance('acme-migration')),
      reason: /replication instance acme-migration has PubliclyAccessible false/,
    },
    { name: 'no replication instances', evidence: dmsInstances() },
  ],
  fail: [
    {
      name: 'public replication instance, beside a private one',
      evidence: dmsInstances(replicationInstance('acme-migration'), replicationInstance('acme-legacy-sync', { PubliclyAccessible: true })),
      reason: /replication instance acme-legacy-sync has PubliclyAccessible true \(required: false\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'answer omits PubliclyAccessible',
      evidence: dmsInstances(replicationInstance('acme-migration', { PubliclyAccessible: undefined })),
      reason: /replication instance acme-migration: DescribeReplicationInstances shows no PubliclyAccessible/,
    },
    {
      name: 'PubliclyAccessible is a string',
      evidence: dmsInstances(replicationInstance('acme-migration', { PubliclyAccessible: 'false' })),
      reason: /shows no PubliclyAccessible/,
    },
    {
      name: 'instance without identifier or ARN',
      evidence: dmsInstances(
        replicationInstance('acme-migration', { ReplicationInstanceIdentifier: undefined, ReplicationInstanceArn: undefined }),
      ),
      reason: /lacks ReplicationInstanceIdentifier and ReplicationInstanceArn/,
    },
    {
      name: 'instance created after collection ended',
      evidence: dmsInstances(replicationInstance('acme-migration', { InstanceCreateTime: '2026-09-30T00:00:01.000Z' })),
      reason: /InstanceCreateTime 2026-09-30T00:00:01.000Z is after collection ended/,
    },
    {
      name: 'DescribeReplicationInstances denied in eu-west-1',
      evidence: { files: dmsInstances().files?.filter((f) => f.region === 'us-east-1') ?? [] },
      collectionError: { service: 'dms', operation: 'DescribeReplicationInstances', code: 'AccessDeniedFault', region: 'eu-west-1' },
      reason: /dms:DescribeReplicationInstances in 111122223333\/eu-west-1 failed during collection: AccessDeniedFault/,
    },
  ],
});
