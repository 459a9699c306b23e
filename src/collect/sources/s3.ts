import type { SourceContext } from '../context.js';
import { settleAll } from '../limiter.js';
import { defineSource } from './source.js';

// ListBuckets returns at most 10,000 buckets a page.
const PAGE_SIZE = 10_000;

/**
 * S3: the bucket list and the account-level public access block (global), then for each bucket,
 * in the bucket's own region: public access block, default encryption, policy, versioning (with
 * MFA delete), server access logging, ACL, replication, event notifications and lifecycle rules.
 * Absence answers are `not-found` files.
 */
export default defineSource({
  id: 's3',
  scope: 'account',
  services: ['s3', 's3control'],
  async collect(ctx) {
    const { GetPublicAccessBlockCommand: GetAccountPublicAccessBlockCommand } = await import('../../shared/aws-sdk/client-s3-control.js');
    const account = ctx.account.id;
    await ctx.call(
      {
        service: 's3control',
        operation: 'GetPublicAccessBlock',
        parameters: { AccountId: account },
        notFound: ['NoSuchPublicAccessBlockConfiguration'],
      },
      (client, options) => client.send(new GetAccountPublicAccessBlockCommand({ AccountId: account }), options),
    );
    const buckets = (await listBuckets(ctx)) ?? [];
    const outside: string[] = [];
    await settleAll(
      buckets.map(async (bucket) => {
        const region = bucket.region ?? (await locate(ctx, bucket.name));
        if (region === undefined) return;
        // A bucket's calls are filed under its region, which must be one the run covers.
        if (!ctx.account.regions.includes(region)) {
          outside.push(`${bucket.name} (${region})`);
          return;
        }
        await perBucket(ctx, bucket.name, region);
      }),
    );
    if (outside.length > 0) {
      ctx.warn(
        `${outside.length} bucket(s) of ${account} are in regions outside --regions and were not collected: ${outside.sort().slice(0, 5).join(', ')}${outside.length > 5 ? ', …' : ''}`,
      );
    }
  },
});

/**
 * The account's buckets (`ListBuckets`, filed under `global`), with the region ListBuckets gives;
 * undefined when the listing failed. Other sources asking for it share the s3 source's call.
 */
export async function listBuckets(ctx: SourceContext): Promise<{ name: string; region: string | undefined }[] | undefined> {
  const { paginateListBuckets } = await import('../../shared/aws-sdk/client-s3.js');
  const pages = await ctx.pages(
    { service: 's3', operation: 'ListBuckets', region: 'global' },
    (client, startingToken, options) => paginateListBuckets({ client, startingToken }, { MaxBuckets: PAGE_SIZE }, options),
    (page) => page.ContinuationToken,
  );
  return pages?.flatMap((page) => page.Buckets ?? []).flatMap((b) => (b.Name ? [{ name: b.Name, region: b.BucketRegion }] : []));
}

/**
 * A bucket this account's ListBuckets does not list, such as an organisation's log-archive bucket
 * that a trail delivers to: `GetBucketLocation` (filed under `global`, its answer is the same
 * everywhere), then `GetBucketLogging`, `GetBucketPolicy` and `GetPublicAccessBlock`, whatever AWS
 * answers (AccessDenied from the owner's policy is the usual one, and evidence of why the bucket's
 * settings are missing). They are filed under the bucket's region when the run covers it, else
 * under `global`; without a location they are asked in the home region.
 */
export async function otherBucket(ctx: SourceContext, name: string): Promise<void> {
  const { GetBucketLocationCommand, GetBucketLoggingCommand, GetBucketPolicyCommand, GetPublicAccessBlockCommand } =
    await import('../../shared/aws-sdk/client-s3.js');
  const location = await ctx.call(
    { service: 's3', operation: 'GetBucketLocation', region: 'global', parameters: { Bucket: name }, key: name },
    (client, options) => client.send(new GetBucketLocationCommand({ Bucket: name }), options),
  );
  const region = location ? regionOf(location.LocationConstraint) : 'global';
  const filed = region !== 'global' && ctx.account.regions.includes(region) ? region : 'global';
  // The endpoint is the bucket's own region even when the file goes under `global`.
  const s3 = await ctx.client('s3', region);
  const at = { region: filed, parameters: { Bucket: name }, key: name };
  await ctx.call({ service: 's3', operation: 'GetBucketLogging', ...at }, (_client, options) =>
    s3.send(new GetBucketLoggingCommand({ Bucket: name }), options),
  );
  await ctx.call({ service: 's3', operation: 'GetBucketPolicy', ...at, notFound: ['NoSuchBucketPolicy'] }, (_client, options) =>
    s3.send(new GetBucketPolicyCommand({ Bucket: name }), options),
  );
  await ctx.call(
    { service: 's3', operation: 'GetPublicAccessBlock', ...at, notFound: ['NoSuchPublicAccessBlockConfiguration'] },
    (_client, options) => s3.send(new GetPublicAccessBlockCommand({ Bucket: name }), options),
  );
}

async function perBucket(ctx: SourceContext, name: string, region: string): Promise<void> {
  const {
    GetBucketAclCommand,
    GetBucketEncryptionCommand,
    GetBucketLifecycleConfigurationCommand,
    GetBucketLoggingCommand,
    GetBucketNotificationConfigurationCommand,
    GetBucketPolicyCommand,
    GetBucketReplicationCommand,
    GetBucketVersioningCommand,
    GetPublicAccessBlockCommand,
  } = await import('../../shared/aws-sdk/client-s3.js');
  const at = { region, parameters: { Bucket: name }, key: name };
  // The nine calls are independent: they go to the scheduler together.
  await settleAll([
    ctx.call(
      { service: 's3', operation: 'GetPublicAccessBlock', ...at, notFound: ['NoSuchPublicAccessBlockConfiguration'] },
      (client, options) => client.send(new GetPublicAccessBlockCommand({ Bucket: name }), options),
    ),
    ctx.call(
      { service: 's3', operation: 'GetBucketEncryption', ...at, notFound: ['ServerSideEncryptionConfigurationNotFoundError'] },
      (client, options) => client.send(new GetBucketEncryptionCommand({ Bucket: name }), options),
    ),
    ctx.call({ service: 's3', operation: 'GetBucketPolicy', ...at, notFound: ['NoSuchBucketPolicy'] }, (client, options) =>
      client.send(new GetBucketPolicyCommand({ Bucket: name }), options),
    ),
    ctx.call({ service: 's3', operation: 'GetBucketVersioning', ...at }, (client, options) =>
      client.send(new GetBucketVersioningCommand({ Bucket: name }), options),
    ),
    ctx.call({ service: 's3', operation: 'GetBucketLogging', ...at }, (client, options) =>
      client.send(new GetBucketLoggingCommand({ Bucket: name }), options),
    ),
    ctx.call({ service: 's3', operation: 'GetBucketAcl', ...at }, (client, options) =>
      client.send(new GetBucketAclCommand({ Bucket: name }), options),
    ),
    ctx.call(
      { service: 's3', operation: 'GetBucketReplication', ...at, notFound: ['ReplicationConfigurationNotFoundError'] },
      (client, options) => client.send(new GetBucketReplicationCommand({ Bucket: name }), options),
    ),
    // A bucket without notifications answers with an empty NotificationConfiguration, not an error.
    ctx.call({ service: 's3', operation: 'GetBucketNotificationConfiguration', ...at }, (client, options) =>
      client.send(new GetBucketNotificationConfigurationCommand({ Bucket: name }), options),
    ),
    ctx.call(
      { service: 's3', operation: 'GetBucketLifecycleConfiguration', ...at, notFound: ['NoSuchLifecycleConfiguration'] },
      (client, options) => client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: name }), options),
    ),
  ]);
}

/** The region of a bucket ListBuckets did not place (older endpoints omit BucketRegion). */
async function locate(ctx: SourceContext, name: string): Promise<string | undefined> {
  const { GetBucketLocationCommand } = await import('../../shared/aws-sdk/client-s3.js');
  const answer = await ctx.request(
    's3',
    (client, options) => client.send(new GetBucketLocationCommand({ Bucket: name }), options),
    'global',
  );
  if (!answer.ok) {
    ctx.recordError({ service: 's3', operation: 'GetBucketLocation', parameters: { Bucket: name } }, answer.error);
    return undefined;
  }
  return regionOf(answer.value.LocationConstraint);
}

/** The region of a `GetBucketLocation` answer: us-east-1 answers with no constraint, and the oldest EU buckets with "EU". */
function regionOf(constraint: string | undefined): string {
  return !constraint ? 'us-east-1' : constraint === 'EU' ? 'eu-west-1' : constraint;
}
