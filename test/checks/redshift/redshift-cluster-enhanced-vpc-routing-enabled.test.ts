import check from '../../../src/checks/redshift/redshift-cluster-enhanced-vpc-routing-enabled.js';
import { cluster, clusters, deniedClustersCase, unusableClusterCases } from '../../helpers/redshift-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'enhanced VPC routing on',
      evidence: clusters([cluster('warehouse')]),
      reason: /Redshift cluster warehouse has enhanced VPC routing enabled/,
    },
    { name: 'no clusters', evidence: clusters([]) },
  ],
  fail: [
    {
      name: 'enhanced VPC routing off',
      evidence: clusters([cluster('warehouse', { EnhancedVpcRouting: false })]),
      reason: /has EnhancedVpcRouting false \(required: true\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'answer omits EnhancedVpcRouting',
      evidence: clusters([cluster('warehouse', { EnhancedVpcRouting: undefined })]),
      reason: /shows no EnhancedVpcRouting/,
    },
    ...unusableClusterCases(),
    deniedClustersCase,
  ],
});
