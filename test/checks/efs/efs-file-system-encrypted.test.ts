import check from '../../../src/checks/efs/efs-file-system-encrypted.js';
import { describeFileSystems, fileSystem } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const systems = (...list: object[]) => ({ files: [describeFileSystems('us-east-1', list), describeFileSystems('eu-west-1', [])] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'file system without FileSystemId: the id comes from FileSystemArn',
      evidence: systems({ ...fileSystem('fs-0123456789abcdef0'), FileSystemId: undefined }),
      reason: /file system fs-0123456789abcdef0 /,
    },
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
      name: 'file system answer omits Encrypted',
      evidence: systems({ ...fileSystem('fs-0123456789abcdef0'), Encrypted: undefined }),
      reason: /DescribeFileSystems shows no Encrypted/,
    },
    {
      name: 'file system without FileSystemId or FileSystemArn, beside an encrypted one',
      evidence: systems(fileSystem('fs-0123456789abcdef0'), { ...fileSystem('fs-0aaaaaaaaaaaaaaaa'), FileSystemId: undefined, FileSystemArn: undefined }),
      reason: /lacks FileSystemId/,
    },
    {
      name: 'file system created after collection ended',
      evidence: systems({ ...fileSystem('fs-0123456789abcdef0'), CreationTime: '2027-01-01T00:00:00.000Z' }),
      reason: /CreationTime 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'DescribeFileSystems denied in eu-west-1',
      evidence: { files: [describeFileSystems('us-east-1', [fileSystem('fs-0123456789abcdef0')])] },
      collectionError: { service: 'efs', operation: 'DescribeFileSystems', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /efs:DescribeFileSystems in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
  ],
});
