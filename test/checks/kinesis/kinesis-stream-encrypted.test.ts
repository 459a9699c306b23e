import check from '../../../src/checks/kinesis/kinesis-stream-encrypted.js';
import { stream, streams } from '../../helpers/codebuild-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'encrypted with a customer managed key',
      evidence: streams(stream('clicks')),
      reason: /Kinesis stream clicks is encrypted at rest \(EncryptionType KMS, key arn:aws:kms/,
    },
    {
      name: 'encrypted with the AWS managed key',
      evidence: streams(stream('clicks', { KeyId: 'alias/aws/kinesis' })),
      reason: /key alias\/aws\/kinesis/,
    },
    { name: 'stream being created, already encrypted', evidence: streams(stream('clicks', { StreamStatus: 'CREATING' })) },
    {
      name: 'listing with StreamNames only (no StreamSummaries)',
      evidence: {
        files: (streams(stream('clicks')).files ?? []).map((f) =>
          f.operation === 'ListStreams'
            ? { ...f, body: { StreamNames: f.region === 'us-east-1' ? ['clicks'] : [], HasMoreStreams: false } }
            : f,
        ),
      },
    },
    {
      name: 'stream deleted between listing and its summary (ResourceNotFoundException) is left out',
      evidence: {
        files: (streams(stream('clicks'), stream('old')).files ?? []).map((f) =>
          f.operation === 'DescribeStreamSummary' && f.parameters?.StreamName === 'old'
            ? { ...f, body: {}, status: 'not-found' as const }
            : f,
        ),
      },
    },
    { name: 'no streams', evidence: streams() },
  ],
  fail: [
    {
      name: 'unencrypted, beside an encrypted stream',
      evidence: streams(stream('clicks'), stream('raw-events', { EncryptionType: 'NONE', KeyId: undefined })),
      reason: /Kinesis stream raw-events has EncryptionType NONE \(required: KMS\)/,
    },
    {
      name: 'unencrypted stream being deleted',
      evidence: streams(stream('raw-events', { EncryptionType: 'NONE', StreamStatus: 'DELETING' })),
    },
  ],
  notEvaluated: [
    {
      name: 'answer omits EncryptionType',
      evidence: streams(stream('clicks', { EncryptionType: undefined })),
      reason: /shows no EncryptionType \(required: KMS\)/,
    },
    { name: 'EncryptionType is a number', evidence: streams(stream('clicks', { EncryptionType: 1 })), reason: /shows no EncryptionType/ },
    {
      name: 'DescribeStreamSummary denied for one stream, beside a listing that worked',
      evidence: { files: (streams(stream('clicks')).files ?? []).filter((f) => f.operation !== 'DescribeStreamSummary') },
      collectionError: { service: 'kinesis', operation: 'DescribeStreamSummary', code: 'AccessDeniedException', region: 'us-east-1' },
      reason: /DescribeStreamSummary.*AccessDeniedException/,
    },
    {
      name: 'summary without StreamDescriptionSummary',
      evidence: {
        files: (streams(stream('clicks')).files ?? []).map((f) => (f.operation === 'DescribeStreamSummary' ? { ...f, body: {} } : f)),
      },
      reason: /lacks StreamDescriptionSummary/,
    },
    {
      name: 'stream created after collection ended',
      evidence: streams(stream('clicks', { StreamCreationTimestamp: '2026-10-02T00:00:00.000Z' })),
      reason: /StreamCreationTimestamp 2026-10-02T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'ListStreams denied in eu-west-1',
      evidence: { files: (streams(stream('clicks')).files ?? []).filter((f) => f.region !== 'eu-west-1') },
      collectionError: { service: 'kinesis', operation: 'ListStreams', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /ListStreams in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
  ],
});
