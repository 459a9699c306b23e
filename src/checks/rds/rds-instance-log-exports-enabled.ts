import { dbInstances } from '../../bundle/evidence/rds.js';
import { defineCheck } from '../define-check.js';

// The log types AWS Config's RDS_LOGGING_ENABLED requires per engine family (as Security Hub RDS.9 lists them).
const REQUIRED_LOGS: Readonly<Record<string, readonly string[]>> = {
  aurora: ['audit', 'error', 'general', 'slowquery'],
  'aurora-mysql': ['audit', 'error', 'general', 'slowquery'],
  'aurora-postgresql': ['postgresql'],
  mariadb: ['audit', 'error', 'general', 'slowquery'],
  mysql: ['audit', 'error', 'general', 'slowquery'],
  oracle: ['alert', 'audit', 'listener', 'trace'],
  postgres: ['postgresql', 'upgrade'],
  sqlserver: ['agent', 'error'],
};

// The rule leaves instances in other states out (NOT_APPLICABLE): their settings may be mid-change.
const EVALUATED_STATUSES: readonly string[] = ['available', 'backing-up', 'storage-optimization', 'storage-full'];

/** oracle-ee → oracle, sqlserver-se → sqlserver; other engines are their own family. */
function familyOf(engine: string): string {
  return /^(oracle|sqlserver)-/.exec(engine)?.[1] ?? engine;
}

/** Every RDS DB instance exports its engine's logs to CloudWatch Logs. */
export default defineCheck({
  id: 'rds-instance-log-exports-enabled',
  title: "RDS DB instances export their engine's logs to CloudWatch Logs",
  description:
    'For every DB instance in DescribeDBInstances that is available, backing-up, storage-optimization or storage-full, EnabledCloudwatchLogsExports must hold every log type its engine requires (MySQL, MariaDB, Aurora MySQL: audit, error, general, slowquery; PostgreSQL: postgresql, upgrade; Aurora PostgreSQL: postgresql; Oracle: alert, audit, listener, trace; SQL Server: agent, error) plus additionalLogs. Instances of other engines are checked only for their additionalLogs.',
  scope: 'region',
  needs: { instances: dbInstances },
  params: {
    additionalLogs: {
      type: 'array',
      items: { type: 'string' },
      description:
        'More required log types as "engine:logtype" (engine: a family such as oracle or mysql, or an exact engine such as db2-se), e.g. ["oracle:oemagent"].',
    },
  },
  *run({ instances }, ctx) {
    const extra = ctx.params.additionalLogs.map((entry) => {
      const [engine = '', log = ''] = entry.split(':').map((part) => part.trim().toLowerCase());
      if (!engine || !log) throw new Error(`additionalLogs entry "${entry}" is not "engine:logtype"`);
      return { engine, log };
    });
    for (const db of instances) {
      const name = `DB instance ${db.id} (${db.engine ?? 'unknown engine'})`;
      if (db.status === undefined || db.engine === undefined) {
        yield ctx.notEvaluated(db.arn, `${name}: DescribeDBInstances shows no ${db.engine === undefined ? 'Engine' : 'DBInstanceStatus'}`);
        continue;
      }
      if (!EVALUATED_STATUSES.includes(db.status)) continue;
      const engine = db.engine.toLowerCase();
      const family = familyOf(engine);
      const required = [
        ...new Set([
          ...(REQUIRED_LOGS[family] ?? []),
          ...extra.filter((e) => e.engine === family || e.engine === engine).map((e) => e.log),
        ]),
      ].sort();
      if (required.length === 0) continue;
      const limit = `(required for ${family}: ${required.join(', ')})`;
      if (db.logExports === undefined) {
        yield ctx.notEvaluated(db.arn, `${name}: EnabledCloudwatchLogsExports in DescribeDBInstances is not a list of log types ${limit}`);
        continue;
      }
      const exported = new Set(db.logExports.map((log) => log.toLowerCase()));
      const missing = required.filter((log) => !exported.has(log));
      const shown = db.logExports.length === 0 ? 'exports no logs' : `exports ${[...db.logExports].sort().join(', ')}`;
      yield missing.length === 0
        ? ctx.pass(db.arn, `${name} ${shown} to CloudWatch Logs ${limit}`)
        : ctx.fail(db.arn, `${name} ${shown} to CloudWatch Logs; missing ${missing.join(', ')} ${limit}`);
    }
  },
});
