import check from '../../../src/checks/redshift/redshift-cluster-not-publicly-accessible.js';
import { cluster, clusters, deniedClustersCase, unusableClusterCases } from '../../helpers/redshift-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'private cluster',
      evidence: clusters([cluster('warehouse')]),
      reason: /Redshift cluster warehouse has PubliclyAccessible false/,
    },
    { name: 'no clusters', evidence: clusters([]) },
  ],
  fail: [
    {
      name: 'public cluster beside a private one',
      evidence: clusters([cluster('warehouse'), cluster('bi-sandbox', { PubliclyAccessible: true })]),
      reason: /Redshift cluster bi-sandbox has PubliclyAccessible true/,
    },
  ],
  notEvaluated: [
    {
      name: 'answer omits PubliclyAccessible',
      evidence: clusters([cluster('warehouse', { PubliclyAccessible: undefined })]),
      reason: /shows no PubliclyAccessible/,
    },
    ...unusableClusterCases(),
    deniedClustersCase,
  ],
});
