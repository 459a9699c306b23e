import { redshiftClusters } from '../../bundle/evidence/redshift.js';
import { defineCheck } from '../define-check.js';

/** Every Redshift cluster has the required maintenance settings. */
export default defineCheck({
  id: 'redshift-cluster-maintenance-settings-configured',
  title: 'Redshift clusters allow version upgrades and have the required maintenance settings',
  description:
    'For every cluster in DescribeClusters: when allowVersionUpgrade is true, AllowVersionUpgrade must be true; when preferredMaintenanceWindow is set, PreferredMaintenanceWindow must equal it (ignoring case); AutomatedSnapshotRetentionPeriod must be at least minSnapshotRetentionDays (AWS Config: REDSHIFT_CLUSTER_MAINTENANCESETTINGS_CHECK, automatedSnapshotRetentionPeriod default 1). Deviation: allowVersionUpgrade false checks nothing rather than requiring upgrades off.',
  scope: 'region',
  needs: { clusters: redshiftClusters },
  params: {
    allowVersionUpgrade: { type: 'boolean', description: 'Require AllowVersionUpgrade true (false: not checked).' },
    preferredMaintenanceWindow: {
      type: 'string',
      description: 'The maintenance window clusters must have, as ddd:hh24:mi-ddd:hh24:mi, e.g. "Mon:09:30-Mon:10:00" ("": any window).',
    },
    minSnapshotRetentionDays: {
      type: 'integer',
      minimum: 0,
      maximum: 35,
      stricter: 'higher',
      description: 'Fewest days automated snapshots must be kept (0: not checked; passes at exactly this many days).',
    },
  },
  *run({ clusters }, ctx) {
    const { allowVersionUpgrade, preferredMaintenanceWindow, minSnapshotRetentionDays: minDays } = ctx.params;
    const window = preferredMaintenanceWindow.trim().toLowerCase();
    for (const c of clusters) {
      const name = `Redshift cluster ${c.id}`;
      const problems: string[] = [];
      const unknown: string[] = [];
      const seen: string[] = [];
      if (allowVersionUpgrade) {
        if (c.allowVersionUpgrade === undefined) unknown.push('shows no AllowVersionUpgrade');
        else if (!c.allowVersionUpgrade) problems.push('has AllowVersionUpgrade false (required: true)');
        else seen.push('allows version upgrades');
      }
      if (window !== '') {
        if (c.maintenanceWindow === undefined) unknown.push('shows no PreferredMaintenanceWindow');
        else if (c.maintenanceWindow.toLowerCase() !== window)
          problems.push(`has maintenance window ${c.maintenanceWindow} (required: ${preferredMaintenanceWindow})`);
        else seen.push(`has maintenance window ${c.maintenanceWindow}`);
      }
      if (minDays > 0) {
        const days = c.snapshotRetentionDays;
        if (days === undefined) unknown.push('shows no AutomatedSnapshotRetentionPeriod');
        else if (days < minDays) problems.push(`keeps automated snapshots for ${days} days (required: at least ${minDays})`);
        else seen.push(`keeps automated snapshots for ${days} days (required: at least ${minDays})`);
      }
      if (problems.length > 0) yield ctx.fail(c.arn, `${name} ${problems.join('; ')}`);
      else if (unknown.length > 0) yield ctx.notEvaluated(c.arn, `${name}: DescribeClusters ${unknown.join('; ')}`);
      else yield ctx.pass(c.arn, `${name} ${seen.length > 0 ? seen.join('; ') : 'has no maintenance setting required of it'}`);
    }
  },
});
