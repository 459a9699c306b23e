import check from '../../../src/checks/redshift/redshift-cluster-admin-username-not-default.js';
import { cluster, clusters, deniedClustersCase, unusableClusterCases } from '../../helpers/redshift-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { allowedUsernames: [] },
  pass: [
    {
      name: 'own master user name',
      evidence: clusters([cluster('warehouse')]),
      reason: /Redshift cluster warehouse has master user name "warehouse_admin", not the default/,
    },
    { name: 'name in the allowed list', evidence: clusters([cluster('warehouse')]), params: { allowedUsernames: ['warehouse_admin'] } },
    { name: 'no clusters', evidence: clusters([]) },
  ],
  fail: [
    {
      name: 'default awsuser',
      evidence: clusters([cluster('warehouse', { MasterUsername: 'awsuser' })]),
      reason: /"awsuser", the default \(required: not "awsuser"\)/,
    },
    {
      name: 'awsuser fails even when listed as allowed',
      evidence: clusters([cluster('warehouse', { MasterUsername: 'awsuser' })]),
      params: { allowedUsernames: ['awsuser'] },
      reason: /the default/,
    },
    {
      name: 'name not in the allowed list',
      evidence: clusters([cluster('warehouse')]),
      params: { allowedUsernames: ['dw_owner'] },
      reason: /"warehouse_admin" \(required: one of "dw_owner"\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'answer omits MasterUsername',
      evidence: clusters([cluster('warehouse', { MasterUsername: undefined })]),
      reason: /shows no MasterUsername/,
    },
    ...unusableClusterCases(),
    deniedClustersCase,
  ],
});
