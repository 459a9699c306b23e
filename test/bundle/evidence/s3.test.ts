import { describe, expect, it } from 'vitest';
import { bucketPolicies, publicAccessBlocks, s3Buckets } from '../../../src/bundle/evidence/s3.js';
import { testBundle } from '../../helpers/bundle-builder.js';
import { accountBlock, blockSettings, bucket, bucketBlock, bucketPolicy, callError, listBuckets } from '../../helpers/aws-builders.js';

const scope = { account: '111122223333', region: 'global' };

describe('S3 evidence', () => {
  it('concatenates ListBuckets pages and turns CreationDate into a Date', async () => {
    const bundle = await testBundle({ files: [listBuckets([bucket('a')]), listBuckets([bucket('b', 'eu-west-1')], 2)] });
    const evidence = await s3Buckets.load(bundle, scope);
    expect(evidence.ok && evidence.value).toEqual([
      { name: 'a', arn: 'arn:aws:s3:::a', region: 'us-east-1', createdAt: new Date('2024-03-11T14:18:52.000Z') },
      { name: 'b', arn: 'arn:aws:s3:::b', region: 'eu-west-1', createdAt: new Date('2024-03-11T14:18:52.000Z') },
    ]);
    expect(evidence.ok && evidence.files).toHaveLength(2);
  });

  it('gives each bucket its own evidence: settings, not-found as undefined, or the collection error', async () => {
    const bundle = await testBundle({
      files: [listBuckets([bucket('a'), bucket('b'), bucket('c', 'eu-west-1')]), accountBlock('not-found'), bucketBlock(bucket('a'), blockSettings()), bucketBlock(bucket('b'), 'not-found')],
      errors: [callError('s3', 'GetPublicAccessBlock', 'AccessDenied', 'eu-west-1', { Bucket: 'c' })],
    });
    const evidence = await publicAccessBlocks.load(bundle, scope);
    if (!evidence.ok) throw new Error(evidence.reason);
    expect(evidence.value.account).toMatchObject({ ok: true, value: undefined });
    const [a, b, c] = evidence.value.buckets;
    expect(a?.evidence).toMatchObject({ ok: true, value: blockSettings() });
    expect(b?.evidence).toMatchObject({ ok: true, value: undefined });
    expect(c?.evidence.ok === false && c.evidence.reason).toMatch(/Bucket=c in 111122223333\/eu-west-1 failed during collection: AccessDenied/);
  });

  it('parses bucket policies, a single Statement object included, and one bad policy spoils only its bucket', async () => {
    const statement = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' };
    const bad = { region: 'us-east-1', service: 's3', operation: 'GetBucketPolicy', parameters: { Bucket: 'c' }, body: { Policy: '{not json' } };
    const bundle = await testBundle({ files: [listBuckets([bucket('a'), bucket('b'), bucket('c')]), bucketPolicy(bucket('a'), { Version: '2012-10-17', Statement: statement }), bucketPolicy(bucket('b'), 'not-found'), bad] });
    const evidence = await bucketPolicies.load(bundle, scope);
    if (!evidence.ok) throw new Error(evidence.reason);
    const [a, b, c] = evidence.value.map((bucket) => bucket.evidence);
    expect(a).toMatchObject({ ok: true, value: { Version: '2012-10-17', Statement: [statement] } });
    expect(b).toMatchObject({ ok: true, value: undefined });
    expect(c?.ok === false && c.reason).toMatch(/GetBucketPolicy of c could not be read/);
  });
});
