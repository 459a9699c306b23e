import { describe, expect, it } from 'vitest';
import { bucketAcls, bucketLifecycle, bucketNotifications, bucketReplication } from '../../src/bundle/evidence/s3.js';
import { openBundle } from '../../src/bundle/read-bundle.js';
import { ACME } from './helpers/acme.js';
import { s3Error, xml, type FakeAws, type WireReply, type WireRequest } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const BUCKET_REGION: Record<string, string> = {
  'acme-cloudtrail-logs-111122223333': 'us-east-1',
  'acme-data-lake-raw': 'us-east-1',
  'acme-public-website': 'eu-west-1',
};

// The fake routes ?acl, ?replication, ?notification and ?lifecycle as `GET /<bucket>/`: each answer is
// picked by the request's subresource, in the bucket's own region only (elsewhere S3 redirects).
type Answers = Partial<Record<'acl' | 'replication' | 'notification' | 'lifecycle', (bucket: string, r: WireRequest) => WireReply>>;
function serveBucketConfigurations(answers: Answers): void {
  const respond = (r: WireRequest): WireReply | undefined => {
    const region = BUCKET_REGION[r.bucket ?? ''];
    const sub = (['acl', 'replication', 'notification', 'lifecycle'] as const).find((k) => k in r.params);
    const answer = sub ? answers[sub] : undefined;
    if (!answer || region === undefined || r.bucket === undefined) return undefined;
    if (r.region !== region)
      return s3Error('PermanentRedirect', 'The bucket you are attempting to access must be addressed using the specified endpoint.', 301);
    return answer(r.bucket, r);
  };
  for (const bucket of Object.keys(BUCKET_REGION)) fake.on('s3', `GET /${bucket}/`, respond);
  // The same answers under the operations' names, for a fake that knows these subresources.
  for (const operation of ['GetBucketAcl', 'GetBucketReplication', 'GetBucketNotificationConfiguration', 'GetBucketLifecycleConfiguration'])
    fake.on('s3', operation, respond);
}

const recorded: Answers = {
  acl: (b) => xml(b === 'acme-public-website' ? 's3/GetBucketAcl.acme-public-website.xml' : 's3/GetBucketAcl.private.xml'),
  replication: (b) =>
    b === 'acme-data-lake-raw'
      ? xml('s3/GetBucketReplication.acme-data-lake-raw.xml')
      : xml('s3/ReplicationConfigurationNotFoundError.xml', 404),
  notification: (b) =>
    b === 'acme-cloudtrail-logs-111122223333'
      ? xml('s3/GetBucketNotificationConfiguration.empty.xml')
      : xml(`s3/GetBucketNotificationConfiguration.${b}.xml`),
  lifecycle: (b) =>
    b === 'acme-cloudtrail-logs-111122223333'
      ? xml('s3/GetBucketLifecycleConfiguration.acme-cloudtrail-logs-111122223333.xml')
      : xml('s3/NoSuchLifecycleConfiguration.xml', 404),
};

describe('s3 source: ACL, replication, event notifications and lifecycle of every bucket', () => {
  it('asks each bucket in its own region and files the "none" answers as not-found', async () => {
    serveBucketConfigurations(recorded);
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    const asked = (sub: string) =>
      fake
        .calls('s3')
        .filter((r) => sub in r.params && BUCKET_REGION[r.bucket ?? ''] !== undefined)
        .map((r) => `${r.bucket ?? ''}@${r.region}`)
        .sort();
    for (const sub of ['acl', 'replication', 'notification', 'lifecycle']) {
      expect(asked(sub), sub).toEqual([
        'acme-cloudtrail-logs-111122223333@us-east-1',
        'acme-data-lake-raw@us-east-1',
        'acme-public-website@eu-west-1',
      ]);
    }
    const files = result.manifest.files
      .filter((f) =>
        ['GetBucketReplication', 'GetBucketNotificationConfiguration', 'GetBucketLifecycleConfiguration'].includes(f.operation),
      )
      .map((f) => `${f.path} ${f.status}`)
      .sort();
    expect(files).toEqual([
      'aws/111122223333/eu-west-1/s3/GetBucketLifecycleConfiguration/acme-public-website.json not-found',
      'aws/111122223333/eu-west-1/s3/GetBucketNotificationConfiguration/acme-public-website.json ok',
      'aws/111122223333/eu-west-1/s3/GetBucketReplication/acme-public-website.json not-found',
      'aws/111122223333/us-east-1/s3/GetBucketLifecycleConfiguration/acme-cloudtrail-logs-111122223333.json ok',
      'aws/111122223333/us-east-1/s3/GetBucketLifecycleConfiguration/acme-data-lake-raw.json not-found',
      'aws/111122223333/us-east-1/s3/GetBucketNotificationConfiguration/acme-cloudtrail-logs-111122223333.json ok',
      'aws/111122223333/us-east-1/s3/GetBucketNotificationConfiguration/acme-data-lake-raw.json ok',
      'aws/111122223333/us-east-1/s3/GetBucketReplication/acme-cloudtrail-logs-111122223333.json not-found',
      'aws/111122223333/us-east-1/s3/GetBucketReplication/acme-data-lake-raw.json ok',
    ]);
    expect(result.manifest.errors.filter((e) => e.service === 's3')).toEqual([]);
    expect(
      result.manifest.files
        .filter((f) => f.operation === 'GetBucketAcl')
        .map((f) => `${f.region}/${String(f.parameters.Bucket)} ${f.status}`)
        .sort(),
    ).toEqual(['eu-west-1/acme-public-website ok', 'us-east-1/acme-cloudtrail-logs-111122223333 ok', 'us-east-1/acme-data-lake-raw ok']);

    const bundle = await openBundle(result.dir);
    const scope = { account: ACME, region: 'global' };
    const byBucket = <T>(list: { bucket: { name: string }; evidence: { ok: boolean; value?: T } }[]) =>
      Object.fromEntries(list.map((b) => [b.bucket.name, b.evidence.ok ? b.evidence.value : 'unavailable']));

    const acls = await bucketAcls.load(bundle, scope);
    if (!acls.ok) throw new Error(acls.reason);
    const owner = { granteeType: 'CanonicalUser', uri: undefined, permission: 'FULL_CONTROL' };
    expect(byBucket(acls.value)).toEqual({
      'acme-cloudtrail-logs-111122223333': [owner],
      'acme-data-lake-raw': [owner],
      'acme-public-website': [owner, { granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' }],
    });

    const replication = await bucketReplication.load(bundle, scope);
    if (!replication.ok) throw new Error(replication.reason);
    expect(byBucket(replication.value)).toEqual({
      'acme-cloudtrail-logs-111122223333': undefined,
      'acme-data-lake-raw': [{ id: 'raw-to-eu', status: 'Enabled', destinationBucket: 'arn:aws:s3:::acme-data-lake-raw-replica-eu' }],
      'acme-public-website': undefined,
    });

    const notifications = await bucketNotifications.load(bundle, scope);
    if (!notifications.ok) throw new Error(notifications.reason);
    expect(byBucket(notifications.value)).toEqual({
      'acme-cloudtrail-logs-111122223333': { notifications: [], eventBridge: false },
      'acme-data-lake-raw': {
        notifications: [
          {
            kind: 'topic',
            id: 'raw-object-events',
            destination: 'arn:aws:sns:us-east-1:111122223333:acme-data-lake-events',
            events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'],
          },
          {
            kind: 'queue',
            id: 'raw-ingest',
            destination: 'arn:aws:sqs:us-east-1:111122223333:acme-data-lake-ingest',
            events: ['s3:ObjectCreated:Put'],
          },
        ],
        eventBridge: false,
      },
      'acme-public-website': { notifications: [], eventBridge: true },
    });

    const lifecycle = await bucketLifecycle.load(bundle, scope);
    if (!lifecycle.ok) throw new Error(lifecycle.reason);
    expect(byBucket(lifecycle.value)).toEqual({
      'acme-cloudtrail-logs-111122223333': [
        { id: 'expire-noncurrent-logs', status: 'Enabled' },
        { id: 'abort-incomplete-uploads', status: 'Disabled' },
      ],
      'acme-data-lake-raw': undefined,
      'acme-public-website': undefined,
    });
  });

  it("records a denied call as that bucket's collection error, and the other buckets' answers stand", async () => {
    serveBucketConfigurations({
      ...recorded,
      replication: (b, r) =>
        b === 'acme-public-website'
          ? s3Error('AccessDenied', `Access Denied (${r.operation})`, 403)
          : (recorded.replication?.(b, r) as WireReply),
    });
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    expect(
      result.manifest.errors.filter((e) => e.operation === 'GetBucketReplication').map((e) => [e.region, e.parameters, e.code]),
    ).toEqual([['eu-west-1', { Bucket: 'acme-public-website' }, 'AccessDenied']]);
    const replication = await bucketReplication.load(await openBundle(result.dir), { account: ACME, region: 'global' });
    if (!replication.ok) throw new Error(replication.reason);
    const website = replication.value.find((b) => b.bucket.name === 'acme-public-website');
    expect(website?.evidence.ok).toBe(false);
    expect(website?.evidence.ok === false && website.evidence.reason).toMatch(
      /s3:GetBucketReplication Bucket=acme-public-website .*AccessDenied/,
    );
    expect(replication.value.filter((b) => b.evidence.ok).map((b) => b.bucket.name)).toEqual([
      'acme-cloudtrail-logs-111122223333',
      'acme-data-lake-raw',
    ]);
  });
});
