import { dbInstance, describeDbInstances } from './aws-builders.js';
import type { CheckCase } from './test-check.js';

/** DescribeDBInstances evidence: these instances in us-east-1, none in eu-west-1. */
export const dbs = (...list: object[]): NonNullable<CheckCase['evidence']> => ({
  files: [describeDbInstances('us-east-1', list), describeDbInstances('eu-west-1', [])],
});

/** Records every RDS check must set aside as unusable, whatever it reads: NOT_EVALUATED cases. */
export const unusableDbInstanceCases: CheckCase[] = [
  {
    name: 'instance without DBInstanceIdentifier or DBInstanceArn, beside a compliant one',
    evidence: dbs(dbInstance('orders'), { ...dbInstance('ghost'), DBInstanceIdentifier: undefined, DBInstanceArn: undefined }),
    reason: /lacks DBInstanceIdentifier/,
  },
  {
    name: 'instance created after collection ended',
    evidence: dbs(dbInstance('orders', { InstanceCreateTime: '2027-01-01T00:00:00.000Z' })),
    reason: /InstanceCreateTime 2027-01-01T00:00:00.000Z is after collection ended/,
  },
];
