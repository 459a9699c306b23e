import { dbInstances } from '../../bundle/evidence/rds.js';
import { defineCheck } from '../define-check.js';

/** Every RDS DB instance sends Enhanced Monitoring metrics at least as often as required. */
export default defineCheck({
  id: 'rds-instance-enhanced-monitoring-enabled',
  title: 'RDS DB instances have Enhanced Monitoring enabled',
  description:
    'For every DB instance in DescribeDBInstances, MonitoringInterval (0 = Enhanced Monitoring off) must be above 0 and at most maxIntervalSeconds.',
  scope: 'region',
  needs: { instances: dbInstances },
  params: {
    maxIntervalSeconds: {
      type: 'integer',
      minimum: 1,
      maximum: 60,
      stricter: 'lower',
      description: 'Longest interval between Enhanced Monitoring samples, in seconds (60: any interval; AWS offers 1, 5, 10, 15, 30, 60).',
    },
  },
  *run({ instances }, ctx) {
    const limit = `(required: 1 to ${ctx.params.maxIntervalSeconds} seconds)`;
    for (const db of instances) {
      const name = `DB instance ${db.id} (${db.engine ?? 'unknown engine'})`;
      const seconds = db.monitoringInterval;
      if (seconds === undefined) yield ctx.notEvaluated(db.arn, `${name}: DescribeDBInstances shows no MonitoringInterval`);
      else if (seconds === 0) yield ctx.fail(db.arn, `${name} has MonitoringInterval 0: Enhanced Monitoring is off ${limit}`);
      else
        yield seconds <= ctx.params.maxIntervalSeconds
          ? ctx.pass(db.arn, `${name} has MonitoringInterval ${seconds} seconds ${limit}`)
          : ctx.fail(db.arn, `${name} has MonitoringInterval ${seconds} seconds ${limit}`);
    }
  },
});
