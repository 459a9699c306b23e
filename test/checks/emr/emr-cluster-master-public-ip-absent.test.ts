import check from '../../../src/checks/emr/emr-cluster-master-public-ip-absent.js';
import { emr, emrCluster, emrInstance } from '../../helpers/compute-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const publicMaster = emrInstance('i-0a1b2c3d4e5f60718', {
  PublicIpAddress: '54.210.33.7',
  PublicDnsName: 'ec2-54-210-33-7.compute-1.amazonaws.com',
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'waiting cluster with a private master',
      evidence: emr({ cluster: emrCluster('j-2AXXXXXXGAPLF'), masters: [emrInstance('i-0f1e2d3c4b5a69788')] }),
      reason: /cluster j-2AXXXXXXGAPLF \(acme-j-2axxxxxxgaplf\), WAITING, master i-0f1e2d3c4b5a69788 has no public IP address/,
    },
    {
      name: 'running cluster with a private master',
      evidence: emr({
        cluster: emrCluster('j-3BXXXXXXHBQMG', { Status: { State: 'RUNNING' } }),
        masters: [emrInstance('i-0f1e2d3c4b5a69788')],
      }),
    },
    {
      name: 'terminating cluster in the answer is skipped',
      evidence: emr(
        { cluster: emrCluster('j-3BXXXXXXHBQMG', { Status: { State: 'TERMINATING' } }), masters: 'missing' },
        { cluster: emrCluster('j-2AXXXXXXGAPLF'), masters: [emrInstance('i-0f1e2d3c4b5a69788')] },
      ),
    },
    { name: 'no clusters', evidence: emr() },
  ],
  fail: [
    {
      name: 'master with a public IP address, beside a private one',
      evidence: emr(
        { cluster: emrCluster('j-2AXXXXXXGAPLF'), masters: [emrInstance('i-0f1e2d3c4b5a69788')] },
        { cluster: emrCluster('j-3BXXXXXXHBQMG', { Status: { State: 'RUNNING' } }), masters: [publicMaster] },
      ),
      reason:
        /cluster j-3BXXXXXXHBQMG \(acme-j-3bxxxxxxhbqmg\), RUNNING, has master i-0a1b2c3d4e5f60718 with public IP address 54\.210\.33\.7 \(required: none\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'ListInstances lists no master',
      evidence: emr({ cluster: emrCluster('j-2AXXXXXXGAPLF'), masters: [] }),
      reason: /ListInstances lists no instance of the MASTER instance group/,
    },
    {
      name: 'ListInstances denied for the cluster',
      evidence: emr({ cluster: emrCluster('j-2AXXXXXXGAPLF'), masters: 'missing' }),
      collectionError: { service: 'emr', operation: 'ListInstances', code: 'AccessDeniedException', region: 'us-east-1' },
      reason: /emr:ListInstances .*AccessDeniedException/,
    },
    {
      name: 'PublicIpAddress is not text',
      evidence: emr({ cluster: emrCluster('j-2AXXXXXXGAPLF'), masters: [emrInstance('i-0f1e2d3c4b5a69788', { PublicIpAddress: 54 })] }),
      reason: /has PublicIpAddress 54, not a string/,
    },
    {
      name: 'cluster without a state',
      evidence: emr({ cluster: emrCluster('j-2AXXXXXXGAPLF', { Status: undefined }), masters: [emrInstance('i-0f1e2d3c4b5a69788')] }),
      reason: /ListClusters shows no Status.State/,
    },
    {
      name: 'cluster created after collection ended',
      evidence: emr({
        cluster: emrCluster('j-2AXXXXXXGAPLF', {
          Status: { State: 'WAITING', Timeline: { CreationDateTime: '2026-10-01T00:00:00.000Z' } },
        }),
        masters: 'missing',
      }),
      reason: /Status.Timeline.CreationDateTime 2026-10-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'ListClusters denied in eu-west-1',
      evidence: { files: (emr().files ?? []).filter((f) => f.region === 'us-east-1') },
      collectionError: { service: 'emr', operation: 'ListClusters', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /emr:ListClusters in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
  ],
});
