import check from '../../../src/checks/redshift/redshift-cluster-automated-snapshots-enabled.js';
import { cluster, clusters, deniedClustersCase, unusableClusterCases } from '../../helpers/redshift-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const days = (n: unknown) => clusters([cluster('warehouse', { AutomatedSnapshotRetentionPeriod: n })]);

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { minRetentionDays: 7, maxRetentionDays: 14 },
  pass: [
    {
      name: 'retention exactly at the minimum',
      evidence: days(7),
      reason: /Redshift cluster warehouse keeps automated snapshots for 7 days \(required: 7 to 14\)/,
    },
    { name: 'retention one day above the minimum', evidence: days(8) },
    { name: 'retention exactly at the maximum', evidence: days(14) },
    {
      name: 'minimum 1, maximum 35 (the pack): one day passes',
      evidence: days(1),
      params: { minRetentionDays: 1, maxRetentionDays: 35 },
      reason: /\(required: at least 1\)/,
    },
    { name: 'no clusters', evidence: clusters([]) },
  ],
  fail: [
    {
      name: 'retention one day below the minimum',
      evidence: days(6),
      reason: /keeps automated snapshots for 6 days \(required: 7 to 14\)/,
    },
    { name: 'retention one day above the maximum', evidence: days(15), reason: /15 days \(required: 7 to 14\)/ },
    {
      name: 'automated snapshots off, beside a compliant cluster',
      evidence: clusters([cluster('warehouse'), cluster('scratch', { AutomatedSnapshotRetentionPeriod: 0 })]),
      params: { minRetentionDays: 1, maxRetentionDays: 35 },
      reason: /Redshift cluster scratch has AutomatedSnapshotRetentionPeriod 0: automated snapshots are off/,
    },
  ],
  notEvaluated: [
    {
      name: 'answer omits AutomatedSnapshotRetentionPeriod',
      evidence: days(undefined),
      reason: /shows no AutomatedSnapshotRetentionPeriod/,
    },
    { name: 'AutomatedSnapshotRetentionPeriod is a string', evidence: days('7'), reason: /shows no AutomatedSnapshotRetentionPeriod/ },
    {
      name: 'minimum above maximum',
      evidence: days(7),
      params: { minRetentionDays: 20, maxRetentionDays: 10 },
      reason: /minRetentionDays 20 is greater than maxRetentionDays 10/,
    },
    ...unusableClusterCases(),
    deniedClustersCase,
  ],
});
