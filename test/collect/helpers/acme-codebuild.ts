import { json, type FakeAws, type WireRequest } from './fake-aws.js';

const isEast = (r: WireRequest): boolean => r.region === 'us-east-1';

/** The names a BatchGetProjects request asks for, joined by "." as the wire files are named. */
const projectNames = (r: WireRequest): string => (Array.isArray(r.body.names) ? r.body.names.map(String).join('.') : '');
const field = (r: WireRequest, name: string): string => (typeof r.body[name] === 'string' ? r.body[name] : '');

/**
 * Serves the sample company's CodeBuild projects and Kinesis data streams (both awsJson1_1).
 * us-east-1: ListProjects in two pages; acme-api-build (S3 artifacts and a secondary "reports"
 * artifact encrypted, AWS credentials taken from Secrets Manager) and acme-legacy-deploy (artifact
 * encryption disabled, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in plaintext), described in one
 * BatchGetProjects; streams acme-clickstream (KMS, alias/aws/kinesis) and acme-raw-events
 * (EncryptionType NONE). eu-west-1: none.
 */
export function serveAcmeCodebuild(fake: FakeAws): void {
  fake.on('codebuild', 'ListProjects', (r) =>
    json(`codebuild/ListProjects.${isEast(r) ? `us-east-1.p${field(r, 'nextToken') ? 2 : 1}` : 'empty'}.json`),
  );
  fake.on('codebuild', 'BatchGetProjects', (r) => json(`codebuild/BatchGetProjects.${projectNames(r)}.json`));
  fake.on('kinesis', 'ListStreams', (r) => json(`kinesis/ListStreams.${isEast(r) ? 'us-east-1' : 'empty'}.json`));
  fake.on('kinesis', 'DescribeStreamSummary', (r) => json(`kinesis/DescribeStreamSummary.${field(r, 'StreamName')}.json`));
}
