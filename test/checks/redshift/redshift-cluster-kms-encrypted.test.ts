import check from '../../../src/checks/redshift/redshift-cluster-kms-encrypted.js';
import { cluster, clusters, deniedClustersCase, unusableClusterCases } from '../../helpers/redshift-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/00000000-0000-4000-8000-00000000000a';
const OTHER = 'arn:aws:kms:us-east-1:111122223333:key/00000000-0000-4000-8000-00000000000b';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { kmsKeyArns: [] },
  pass: [
    {
      name: 'encrypted with a KMS key, any key allowed',
      evidence: clusters([cluster('warehouse')]),
      reason: /Redshift cluster warehouse is encrypted with KMS key arn:aws:kms/,
    },
    { name: 'encrypted with an allowed key', evidence: clusters([cluster('warehouse')]), params: { kmsKeyArns: [OTHER, KEY] } },
    { name: 'no clusters', evidence: clusters([]) },
  ],
  fail: [
    {
      name: 'not encrypted',
      evidence: clusters([cluster('warehouse', { Encrypted: false, KmsKeyId: undefined })]),
      reason: /is not encrypted \(required: encrypted with a KMS key\)/,
    },
    {
      name: 'encrypted without a KmsKeyId',
      evidence: clusters([cluster('warehouse', { KmsKeyId: undefined })]),
      reason: /names no KmsKeyId/,
    },
    {
      name: 'encrypted with a key not in the list',
      evidence: clusters([cluster('warehouse')]),
      params: { kmsKeyArns: [OTHER] },
      reason: /is encrypted with .*0a \(required: one of .*0b\)/,
    },
  ],
  notEvaluated: [
    { name: 'answer omits Encrypted', evidence: clusters([cluster('warehouse', { Encrypted: undefined })]), reason: /shows no Encrypted/ },
    {
      name: 'Encrypted is the string "true"',
      evidence: clusters([cluster('warehouse', { Encrypted: 'true' })]),
      reason: /shows no Encrypted/,
    },
    ...unusableClusterCases(),
    deniedClustersCase,
  ],
});
