import check from '../../../src/checks/rds/rds-instance-enhanced-monitoring-enabled.js';
import { describeDbInstances } from '../../helpers/aws-builders.js';
import { dbs } from '../../helpers/rds-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { nistInstance, unusableNistInstanceCases } from './nist-builders.js';

const every = (seconds: number) => dbs(nistInstance('orders', { MonitoringInterval: seconds }));

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { maxIntervalSeconds: 60 },
  pass: [
    {
      name: 'every 60 seconds, limit 60',
      evidence: every(60),
      reason: /DB instance orders \(postgres\) has MonitoringInterval 60 seconds \(required: 1 to 60 seconds\)/,
    },
    { name: 'every second', evidence: every(1) },
    { name: 'every 15 seconds, limit exactly 15', evidence: every(15), params: { maxIntervalSeconds: 15 } },
    { name: 'every 10 seconds, limit 15', evidence: every(10), params: { maxIntervalSeconds: 15 } },
  ],
  fail: [
    {
      name: 'Enhanced Monitoring off',
      evidence: every(0),
      reason: /MonitoringInterval 0: Enhanced Monitoring is off \(required: 1 to 60 seconds\)/,
    },
    {
      name: 'every 30 seconds, limit 15',
      evidence: every(30),
      params: { maxIntervalSeconds: 15 },
      reason: /MonitoringInterval 30 seconds \(required: 1 to 15 seconds\)/,
    },
    { name: 'every 16 seconds (not a value AWS offers), limit 15', evidence: every(16), params: { maxIntervalSeconds: 15 } },
  ],
  notEvaluated: [
    {
      name: 'instance answer omits MonitoringInterval',
      evidence: dbs(nistInstance('orders', { MonitoringInterval: undefined })),
      reason: /DB instance orders \(postgres\): DescribeDBInstances shows no MonitoringInterval/,
    },
    { name: 'MonitoringInterval is a fraction', evidence: every(0.5), reason: /shows no MonitoringInterval/ },
    ...unusableNistInstanceCases,
    {
      name: 'DescribeDBInstances denied in eu-west-1',
      evidence: { files: [describeDbInstances('us-east-1', [nistInstance('orders')])] },
      collectionError: { service: 'rds', operation: 'DescribeDBInstances', code: 'AccessDenied', region: 'eu-west-1' },
      reason: /DescribeDBInstances in 111122223333\/eu-west-1 failed/,
    },
  ],
});
