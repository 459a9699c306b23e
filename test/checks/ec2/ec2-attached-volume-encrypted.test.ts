import check from '../../../src/checks/ec2/ec2-attached-volume-encrypted.js';
import { testCheck } from '../../helpers/test-check.js';
import { APP_KEY, APP_KEY_ARN, attachment, unusableVolumeCases, vols, volume } from './volume-builders.js';

const OTHER_KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64';

// AWS Config ENCRYPTED_VOLUMES: attached volumes must be encrypted, with the kmsId key when one is given.
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { kmsKeyIds: [] },
  pass: [
    {
      name: 'attached encrypted volume',
      evidence: vols(volume('vol-0aaa', 'i-0aaa')),
      reason: /volume vol-0aaa \(attached to i-0aaa\) is encrypted/,
    },
    {
      name: 'unencrypted volume that is not attached is out of scope',
      evidence: vols(volume('vol-0bbb', null, { Encrypted: false, KmsKeyId: undefined })),
    },
    {
      name: 'unencrypted volume whose only attachment is detached is out of scope',
      evidence: vols(
        volume('vol-0ccc', null, { Encrypted: false, Attachments: [attachment('vol-0ccc', 'i-0ccc', { State: 'detached' })] }),
      ),
    },
    {
      name: 'encrypted with the required key named by its id (the volume names the ARN)',
      evidence: vols(volume('vol-0aaa', 'i-0aaa')),
      params: { kmsKeyIds: [APP_KEY] },
      reason: new RegExp(`encrypted with ${APP_KEY_ARN}`),
    },
    {
      name: 'encrypted with one of two required keys named by ARN',
      evidence: vols(volume('vol-0aaa', 'i-0aaa')),
      params: { kmsKeyIds: [OTHER_KEY_ARN, APP_KEY_ARN] },
    },
    { name: 'no volumes', evidence: vols() },
  ],
  fail: [
    {
      name: 'attached unencrypted volume beside an encrypted one',
      evidence: vols(volume('vol-0aaa', 'i-0aaa'), volume('vol-0bbb', 'i-0bbb', { Encrypted: false, KmsKeyId: undefined })),
      reason: /volume vol-0bbb \(attached to i-0bbb\) has Encrypted false \(required: encrypted\)/,
    },
    {
      name: 'volume still attaching and unencrypted',
      evidence: vols(
        volume('vol-0ccc', null, { Encrypted: false, Attachments: [attachment('vol-0ccc', 'i-0ccc', { State: 'attaching' })] }),
      ),
      reason: /vol-0ccc \(attached to i-0ccc\) has Encrypted false/,
    },
    {
      name: 'encrypted with another key than the required one',
      evidence: vols(volume('vol-0aaa', 'i-0aaa', { KmsKeyId: OTHER_KEY_ARN })),
      params: { kmsKeyIds: [APP_KEY] },
      reason: new RegExp(`is encrypted with ${OTHER_KEY_ARN} \\(required: encrypted with ${APP_KEY}\\)`),
    },
  ],
  notEvaluated: [
    {
      name: 'attached volume whose answer omits Encrypted',
      evidence: vols(volume('vol-0aaa', 'i-0aaa', { Encrypted: undefined })),
      reason: /vol-0aaa \(attached to i-0aaa\): DescribeVolumes shows no Encrypted/,
    },
    {
      name: 'Encrypted given as the string "false"',
      evidence: vols(volume('vol-0aaa', 'i-0aaa', { Encrypted: 'false' })),
      reason: /shows no Encrypted/,
    },
    {
      name: 'attachment without a state',
      evidence: vols(volume('vol-0aaa', null, { Encrypted: false, Attachments: [attachment('vol-0aaa', 'i-0aaa', { State: undefined })] })),
      reason: /attachment whose state cannot be read/,
    },
    {
      name: 'required key, but the volume names none',
      evidence: vols(volume('vol-0aaa', 'i-0aaa', { KmsKeyId: undefined })),
      params: { kmsKeyIds: [APP_KEY] },
      reason: /shows no KmsKeyId/,
    },
    ...unusableVolumeCases,
  ],
});
