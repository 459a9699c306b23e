import { describe, expect, it } from 'vitest';
import { regionalMonitoring } from '../../../src/bundle/evidence/cloudwatch.js';
import { ec2Instances } from '../../../src/bundle/evidence/ec2.js';
import { kmsKeys } from '../../../src/bundle/evidence/kms.js';
import { testBundle } from '../../helpers/bundle-builder.js';
import * as aws from '../../helpers/aws-builders.js';

describe('KMS evidence', () => {
  it('finds per-key calls by KeyId, whether the collector passed the id or the ARN', async () => {
    const key = aws.kmsKey('1234abcd-12ab-34cd-56ef-1234567890ab');
    const byArn = { ...aws.keyRotation(key, true), parameters: { KeyId: key.KeyArn } };
    const bundle = await testBundle({ files: [aws.listKeys('us-east-1', [key]), aws.describeKey(key), byArn] });
    const evidence = await kmsKeys.load(bundle, { account: '111122223333', region: 'us-east-1' });
    if (!evidence.ok) throw new Error(evidence.reason);
    const [only] = evidence.value;
    expect(only?.metadata).toMatchObject({ ok: true, value: { KeyManager: 'CUSTOMER', CreationDate: new Date('2024-03-12T10:00:00.000Z') } });
    expect(only?.rotation).toMatchObject({ ok: true, value: { KeyRotationEnabled: true, NextRotationDate: new Date('2027-03-12T10:00:00.000Z') } });
  });
});

describe('CloudWatch monitoring evidence', () => {
  it('keys metric filters by log group and names a group that was never asked about', async () => {
    const bundle = await testBundle({ files: [aws.metricFilters('us-east-1', 'trail-logs', [{ name: 'RootUsage', pattern: '{ $.userIdentity.type = "Root" }' }])] });
    const evidence = await regionalMonitoring.load(bundle, { account: '111122223333', region: 'global' });
    if (!evidence.ok) throw new Error('unavailable');
    const east = evidence.value.find((r) => r.region === 'us-east-1');
    expect(east?.metricFilters('trail-logs')).toMatchObject({ ok: true, value: [{ name: 'RootUsage', metrics: [{ name: 'RootUsage', namespace: 'CISBenchmark' }], parsed: { ok: true } }] });
    expect(east?.metricFilters('other')).toMatchObject({ ok: false, reason: 'logs:DescribeMetricFilters logGroupName=other in 111122223333/us-east-1 is not in the bundle (it was not collected)' });
    expect(east?.alarms.ok).toBe(false);
  });
});

describe('EC2 instance evidence', () => {
  it('builds instance ARNs from the reservation owner and reads the Name tag', async () => {
    const bundle = await testBundle({ files: [aws.describeInstances('eu-west-1', [aws.instance('i-0aaa', { Tags: [{ Key: 'Name', Value: 'web-1' }] })])] });
    const evidence = await ec2Instances.load(bundle, { account: '111122223333', region: 'eu-west-1' });
    expect(evidence.ok && evidence.value[0]).toMatchObject({ id: 'i-0aaa', arn: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0aaa', state: 'running', name: 'web-1' });
  });
});
