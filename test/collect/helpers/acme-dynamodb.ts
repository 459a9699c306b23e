import { restJson, restRoute, wire, type FakeAws, type WireReply, type WireRequest } from './fake-aws.js';

// AWS Backup is REST-JSON: the fake learns its three read paths here.
restRoute('GET', /^\/backup\/plans\/?$/, 'ListBackupPlans');
restRoute('GET', /^\/backup\/plans\/[^/]+\/selections\/?$/, 'ListBackupSelections');
restRoute('GET', /^\/backup\/plans\/[^/]+\/selections\/[^/]+$/, 'GetBackupSelection');

/** An awsJson1_0 answer (DynamoDB speaks JSON 1.0). */
export function json10(path: string, status = 200): WireReply {
  return { status, body: wire(path), contentType: 'application/x-amz-json-1.0' };
}

/** An awsJson1_0 error, as DynamoDB sends it. */
export function json10Error(type: string, message: string, status = 400): WireReply {
  return {
    status,
    body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }),
    contentType: 'application/x-amz-json-1.0',
  };
}

/** An awsJson1_1 answer (Application Auto Scaling). */
function json11(path: string): WireReply {
  return { status: 200, body: wire(path), contentType: 'application/x-amz-json-1.1' };
}

const isEast = (r: WireRequest): boolean => r.region === 'us-east-1';
const field = (r: WireRequest, name: string): string => (typeof r.body[name] === 'string' ? r.body[name] : '');

/**
 * The sample company's DynamoDB, Application Auto Scaling and AWS Backup answers: in us-east-1 the
 * provisioned, KMS-encrypted, point-in-time-recoverable table acme-orders (tagged backup=daily, its
 * index's write capacity not auto scaled, 81% of the account read quota provisioned) and the
 * on-demand table acme-sessions (AWS owned key, no PITR, in no backup plan); the plan acme-daily,
 * whose one selection takes the tag backup=daily, EFS file system fs-0a1b2c3d4e5f60718 and EBS
 * volume vol-0a1b2c3d4e5f60718. Nothing in eu-west-1.
 */
export function serveAcmeDynamodb(fake: FakeAws): void {
  fake.on('dynamodb', 'ListTables', (r) => json10(`dynamodb/ListTables.${isEast(r) ? 'us-east-1' : 'empty'}.json`));
  fake.on('dynamodb', 'DescribeTable', (r) => json10(`dynamodb/DescribeTable.${field(r, 'TableName')}.json`));
  fake.on('dynamodb', 'DescribeContinuousBackups', (r) => json10(`dynamodb/DescribeContinuousBackups.${field(r, 'TableName')}.json`));
  fake.on('dynamodb', 'ListTagsOfResource', (r) =>
    json10(`dynamodb/ListTagsOfResource.${field(r, 'ResourceArn').replace(/^.*:table\//, '')}.json`),
  );
  fake.on('dynamodb', 'DescribeLimits', json10('dynamodb/DescribeLimits.json'));
  fake.on('applicationautoscaling', 'DescribeScalableTargets', (r) =>
    json11(`applicationautoscaling/DescribeScalableTargets.${isEast(r) ? 'us-east-1' : 'empty'}.json`),
  );
  fake.on('applicationautoscaling', 'DescribeScalingPolicies', (r) =>
    json11(`applicationautoscaling/DescribeScalingPolicies.${isEast(r) ? 'us-east-1' : 'empty'}.json`),
  );
  fake.on('backup', 'ListBackupPlans', (r) => restJson(`backup/ListBackupPlans.${isEast(r) ? 'us-east-1' : 'empty'}.json`));
  fake.on('backup', 'ListBackupSelections', (r) =>
    restJson(`backup/ListBackupSelections.${(r.params.path ?? '').split('/')[3] ?? ''}.json`),
  );
  fake.on('backup', 'GetBackupSelection', (r) => restJson(`backup/GetBackupSelection.${(r.params.path ?? '').split('/')[5] ?? ''}.json`));
}
