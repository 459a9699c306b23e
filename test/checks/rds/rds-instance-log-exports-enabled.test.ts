import check from '../../../src/checks/rds/rds-instance-log-exports-enabled.js';
import { describeDbInstances } from '../../helpers/aws-builders.js';
import { dbs } from '../../helpers/rds-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { nistInstance, unusableNistInstanceCases } from './nist-builders.js';

const logs = (engine: string, exported: unknown, fields: Record<string, unknown> = {}) =>
  dbs(nistInstance('orders', { Engine: engine, EnabledCloudwatchLogsExports: exported, ...fields }));

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { additionalLogs: [] },
  pass: [
    {
      name: 'PostgreSQL exporting postgresql and upgrade',
      evidence: logs('postgres', ['postgresql', 'upgrade']),
      reason:
        /DB instance orders \(postgres\) exports postgresql, upgrade to CloudWatch Logs \(required for postgres: postgresql, upgrade\)/,
    },
    {
      name: 'MySQL exporting its four logs and more',
      evidence: logs('mysql', ['slowquery', 'general', 'error', 'audit', 'iam-db-auth-error']),
    },
    { name: 'MariaDB exporting its four logs', evidence: logs('mariadb', ['audit', 'error', 'general', 'slowquery']) },
    { name: 'Oracle EE exporting alert, audit, listener, trace', evidence: logs('oracle-ee', ['trace', 'listener', 'audit', 'alert']) },
    { name: 'SQL Server SE exporting agent and error', evidence: logs('sqlserver-se', ['error', 'agent']) },
    {
      name: 'Aurora PostgreSQL exporting postgresql only',
      evidence: logs('aurora-postgresql', ['postgresql'], { DBClusterIdentifier: 'reports' }),
    },
    {
      name: 'Aurora MySQL exporting its four logs',
      evidence: logs('aurora-mysql', ['audit', 'error', 'general', 'slowquery'], { DBClusterIdentifier: 'reports' }),
    },
    {
      name: 'instance being modified is left out',
      evidence: logs('postgres', undefined, { DBInstanceStatus: 'modifying' }),
      reason: /nothing in scope/,
    },
    { name: 'stopped instance is left out', evidence: logs('mysql', [], { DBInstanceStatus: 'stopped' }) },
    { name: 'engine with no required logs (Db2) is left out', evidence: logs('db2-se', []) },
    {
      name: 'additional log type required and exported',
      evidence: logs('oracle-se2', ['alert', 'audit', 'listener', 'trace', 'oemagent']),
      params: { additionalLogs: ['oracle: oemagent'] },
    },
    {
      name: 'storage-full instance is still checked',
      evidence: logs('postgres', ['postgresql', 'upgrade'], { DBInstanceStatus: 'storage-full' }),
    },
  ],
  fail: [
    {
      name: 'PostgreSQL exporting no logs (AWS leaves the list out)',
      evidence: logs('postgres', undefined),
      reason:
        /DB instance orders \(postgres\) exports no logs to CloudWatch Logs; missing postgresql, upgrade \(required for postgres: postgresql, upgrade\)/,
    },
    {
      name: 'PostgreSQL missing upgrade',
      evidence: logs('postgres', ['postgresql']),
      reason: /exports postgresql to CloudWatch Logs; missing upgrade/,
    },
    {
      name: 'MySQL missing audit',
      evidence: logs('mysql', ['error', 'general', 'slowquery']),
      reason: /missing audit \(required for mysql: audit, error, general, slowquery\)/,
    },
    {
      name: 'Oracle missing listener',
      evidence: logs('oracle-ee-cdb', ['alert', 'audit', 'trace']),
      reason: /missing listener \(required for oracle:/,
    },
    { name: 'SQL Server Express missing agent', evidence: logs('sqlserver-ex', ['error']), reason: /missing agent/ },
    {
      name: 'backing-up instance with an empty list',
      evidence: logs('mariadb', [], { DBInstanceStatus: 'backing-up' }),
      reason: /exports no logs/,
    },
    {
      name: 'additional log type required, not exported',
      evidence: logs('db2-se', ['diag.log']),
      params: { additionalLogs: ['db2-se:notify.log'] },
      reason: /missing notify.log \(required for db2-se: notify.log\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'EnabledCloudwatchLogsExports is a string, beside a compliant instance',
      evidence: dbs(nistInstance('orders'), nistInstance('legacy', { EnabledCloudwatchLogsExports: 'postgresql' })),
      reason: /DB instance legacy \(postgres\): EnabledCloudwatchLogsExports in DescribeDBInstances is not a list of log types/,
    },
    {
      name: 'EnabledCloudwatchLogsExports holds a number',
      evidence: logs('postgres', ['postgresql', 7]),
      reason: /not a list of log types/,
    },
    {
      name: 'instance answer omits DBInstanceStatus',
      evidence: logs('postgres', [], { DBInstanceStatus: undefined }),
      reason: /shows no DBInstanceStatus/,
    },
    {
      name: 'instance answer omits Engine',
      evidence: logs('postgres', [], { Engine: undefined }),
      reason: /DB instance orders \(unknown engine\): DescribeDBInstances shows no Engine/,
    },
    {
      name: 'additionalLogs entry without a log type',
      evidence: logs('postgres', ['postgresql', 'upgrade']),
      params: { additionalLogs: ['oracle'] },
      reason: /additionalLogs entry "oracle" is not "engine:logtype"/,
    },
    ...unusableNistInstanceCases,
    {
      name: 'DescribeDBInstances denied in eu-west-1',
      evidence: { files: [describeDbInstances('us-east-1', [nistInstance('orders')])] },
      collectionError: { service: 'rds', operation: 'DescribeDBInstances', code: 'AccessDenied', region: 'eu-west-1' },
      reason: /DescribeDBInstances in 111122223333\/eu-west-1 failed/,
    },
  ],
});
