import { kinesisStreams } from '../../bundle/evidence/kinesis.js';
import { defineCheck } from '../define-check.js';

/** Every Kinesis data stream is encrypted at rest with server-side (KMS) encryption. */
export default defineCheck({
  id: 'kinesis-stream-encrypted',
  title: 'Kinesis data streams are encrypted at rest',
  description:
    'For every stream in ListStreams (any status), EncryptionType in DescribeStreamSummary must be KMS (with the AWS managed key alias/aws/kinesis or a customer managed key); NONE fails, an answer without EncryptionType is not evaluated. Implements AWS Config KINESIS_STREAM_ENCRYPTED, which reads the StreamEncryption of the configuration item.',
  scope: 'region',
  needs: { streams: kinesisStreams },
  params: {},
  *run({ streams }, ctx) {
    for (const s of streams) {
      const name = `Kinesis stream ${s.name}`;
      if (s.encryptionType === undefined)
        yield ctx.notEvaluated(s.arn, `${name}: DescribeStreamSummary shows no EncryptionType (required: KMS)`, s.files);
      else
        yield s.encryptionType === 'KMS'
          ? ctx.pass(s.arn, `${name} is encrypted at rest (EncryptionType KMS${s.keyId ? `, key ${s.keyId}` : ''})`, s.files)
          : ctx.fail(s.arn, `${name} has EncryptionType ${s.encryptionType} (required: KMS)`, s.files);
    }
  },
});
