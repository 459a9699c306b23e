import check from '../../../src/checks/redshift/redshift-cluster-maintenance-settings-configured.js';
import { cluster, clusters, deniedClustersCase, unusableClusterCases } from '../../helpers/redshift-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { allowVersionUpgrade: true, preferredMaintenanceWindow: '', minSnapshotRetentionDays: 1 },
  pass: [
    {
      name: 'version upgrades allowed, snapshots kept (the pack)',
      evidence: clusters([cluster('warehouse')]),
      reason: /Redshift cluster warehouse allows version upgrades; keeps automated snapshots for 7 days \(required: at least 1\)/,
    },
    { name: 'retention exactly at the minimum', evidence: clusters([cluster('warehouse')]), params: { minSnapshotRetentionDays: 7 } },
    {
      name: 'maintenance window matches, ignoring case',
      evidence: clusters([cluster('warehouse')]),
      params: { preferredMaintenanceWindow: 'Sun:05:00-Sun:05:30' },
      reason: /has maintenance window sun:05:00-sun:05:30/,
    },
    {
      name: 'version upgrades off, not required',
      evidence: clusters([cluster('warehouse', { AllowVersionUpgrade: false })]),
      params: { allowVersionUpgrade: false },
    },
    { name: 'no clusters', evidence: clusters([]) },
  ],
  fail: [
    {
      name: 'version upgrades off',
      evidence: clusters([cluster('warehouse', { AllowVersionUpgrade: false })]),
      reason: /has AllowVersionUpgrade false \(required: true\)/,
    },
    {
      name: 'retention one day below the minimum',
      evidence: clusters([cluster('warehouse')]),
      params: { minSnapshotRetentionDays: 8 },
      reason: /keeps automated snapshots for 7 days \(required: at least 8\)/,
    },
    {
      name: 'automated snapshots off',
      evidence: clusters([cluster('warehouse', { AutomatedSnapshotRetentionPeriod: 0 })]),
      reason: /0 days \(required: at least 1\)/,
    },
    {
      name: 'another maintenance window',
      evidence: clusters([cluster('warehouse')]),
      params: { preferredMaintenanceWindow: 'Mon:09:30-Mon:10:00' },
      reason: /has maintenance window sun:05:00-sun:05:30 \(required: Mon:09:30-Mon:10:00\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'answer omits AllowVersionUpgrade',
      evidence: clusters([cluster('warehouse', { AllowVersionUpgrade: undefined })]),
      reason: /shows no AllowVersionUpgrade/,
    },
    {
      name: 'answer omits PreferredMaintenanceWindow while one is required',
      evidence: clusters([cluster('warehouse', { PreferredMaintenanceWindow: undefined })]),
      params: { preferredMaintenanceWindow: 'Mon:09:30-Mon:10:00' },
      reason: /shows no PreferredMaintenanceWindow/,
    },
    ...unusableClusterCases(),
    deniedClustersCase,
  ],
});
