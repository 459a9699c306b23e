import check from '../../../src/checks/redshift/redshift-cluster-ssl-required.js';
import { cluster, clusters, deniedClustersCase, parameters, unusableClusterCases } from '../../helpers/redshift-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const inGroup = (id: string, group: string) =>
  cluster(id, { ClusterParameterGroups: [{ ParameterGroupName: group, ParameterApplyStatus: 'in-sync' }] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'group requires SSL',
      evidence: clusters([cluster('warehouse')], parameters('acme-secure')),
      reason: /Redshift cluster warehouse uses parameter group acme-secure with require_ssl true/,
    },
    { name: 'value in upper case', evidence: clusters([cluster('warehouse')], parameters('acme-secure', 'TRUE')) },
    {
      name: 'require_ssl on the second page of the group',
      evidence: clusters(
        [cluster('warehouse')],
        { ...parameters('acme-secure', null), body: { Parameters: [], Marker: 'bWFya2Vy' } },
        parameters('acme-secure', 'true', 2),
      ),
    },
    { name: 'two clusters share one group', evidence: clusters([cluster('warehouse'), cluster('reporting')], parameters('acme-secure')) },
    { name: 'no clusters', evidence: clusters([]) },
  ],
  fail: [
    {
      name: 'default parameter group (require_ssl false)',
      evidence: clusters(
        [cluster('warehouse'), inGroup('legacy', 'default.redshift-1.0')],
        parameters('acme-secure'),
        parameters('default.redshift-1.0', 'false'),
      ),
      reason: /Redshift cluster legacy uses parameter group default.redshift-1.0 with require_ssl false/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeClusterParameters denied for the group',
      evidence: clusters([cluster('warehouse')]),
      collectionError: { service: 'redshift', operation: 'DescribeClusterParameters', code: 'AccessDenied', region: 'us-east-1' },
      reason: /DescribeClusterParameters.*AccessDenied/,
    },
    {
      name: 'group lists no require_ssl',
      evidence: clusters([cluster('warehouse')], parameters('acme-secure', null)),
      reason: /parameter group acme-secure lists no require_ssl/,
    },
    {
      name: 'require_ssl is neither true nor false',
      evidence: clusters([cluster('warehouse')], parameters('acme-secure', 'yes')),
      reason: /require_ssl "yes", not true or false/,
    },
    {
      name: 'cluster lists no parameter group',
      evidence: clusters([cluster('warehouse', { ClusterParameterGroups: [] })]),
      reason: /lists no parameter group/,
    },
    {
      name: 'ClusterParameterGroups is not a list',
      evidence: clusters([cluster('warehouse', { ClusterParameterGroups: 'acme-secure' })]),
      reason: /is not a list of named groups/,
    },
    ...unusableClusterCases([parameters('acme-secure')]),
    deniedClustersCase,
  ],
});
