import check from '../../../src/checks/efs/efs-file-system-encrypted.js';
import { describeFileSystems, fileSystem } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const systems = (...list: object[]) => ({ files: [describeFileSystems('us-east-1', list), describeFileSystems('eu-west-1', [])] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'encrypted file system',
      evidence: systems(fileSystem('fs-0123456789abcdef0')),
      reason: /file system fs-0123456789abcdef0 \(fs-0123456789abcdef0\) is encrypted with arn:aws:kms:/,
    },
    { name: 'no file systems', evidence: systems() },
  ],
  fail: [
    {
      name: 'unencrypted file system beside an encrypted one',
      evidence: systems(fileSystem('fs-0123456789abcdef0'), fileSystem('fs-0fedcba9876543210', false)),
      reason: /file system fs-0fedcba9876543210 \(fs-0fedcba9876543210\) has Encrypted false \(required: true\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeFileSystems denied in eu-west-1',
      evidence: { files: [describeFileSystems('us-east-1', [fileSystem('fs-0123456789abcdef0')])] },
      collectionError: { service: 'efs', operation: 'DescribeFileSystems', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /efs:DescribeFileSystems in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
  ],
});
