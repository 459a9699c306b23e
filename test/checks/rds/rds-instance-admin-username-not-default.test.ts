import check from '../../../src/checks/rds/rds-instance-admin-username-not-default.js';
import { describeDbInstances } from '../../helpers/aws-builders.js';
import { dbs } from '../../helpers/rds-builders.js';
import { testCheck } from '../../helpers/test-check.js';
import { nistInstance, unusableNistInstanceCases } from './nist-builders.js';

const user = (name: unknown, engine = 'postgres') => dbs(nistInstance('orders', { MasterUsername: name, Engine: engine }));

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { allowedUsernames: [] },
  pass: [
    {
      name: 'own master user name',
      evidence: user('orders_owner'),
      reason: /DB instance orders \(postgres\) has master user name "orders_owner", not a default/,
    },
    { name: 'a name that only contains a default', evidence: user('postgres_admin') },
    { name: 'a name on the allowed list', evidence: user('dba'), params: { allowedUsernames: ['dba', 'owner'] } },
  ],
  fail: [
    {
      name: '"postgres" on PostgreSQL',
      evidence: user('postgres'),
      reason: /master user name "postgres", a default \(required: not "admin" or "postgres"\)/,
    },
    {
      name: '"admin" on MySQL',
      evidence: user('admin', 'mysql'),
      reason: /DB instance orders \(mysql\) has master user name "admin", a default/,
    },
    { name: 'a default is never allowed, even when listed', evidence: user('admin'), params: { allowedUsernames: ['admin'] } },
    {
      name: 'a name not on the allowed list',
      evidence: user('orders_owner'),
      params: { allowedUsernames: ['dba'] },
      reason: /master user name "orders_owner" \(required: one of "dba"\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'instance answer omits MasterUsername',
      evidence: user(undefined),
      reason: /DB instance orders \(postgres\): DescribeDBInstances shows no MasterUsername/,
    },
    { name: 'MasterUsername is empty', evidence: user(''), reason: /shows no MasterUsername/ },
    ...unusableNistInstanceCases,
    {
      name: 'DescribeDBInstances denied in eu-west-1',
      evidence: { files: [describeDbInstances('us-east-1', [nistInstance('orders')])] },
      collectionError: { service: 'rds', operation: 'DescribeDBInstances', code: 'AccessDenied', region: 'eu-west-1' },
      reason: /DescribeDBInstances in 111122223333\/eu-west-1 failed/,
    },
  ],
});
