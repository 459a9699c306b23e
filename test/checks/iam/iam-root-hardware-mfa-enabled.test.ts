import check from '../../../src/checks/iam/iam-root-hardware-mfa-enabled.js';
import { callError, credentialReport, rootRow } from '../../helpers/aws-builders.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { reportGenerated } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const ROOT_ARN = 'arn:aws:iam::111122223333:root';

/** A virtual MFA device as ListVirtualMFADevices lists it: assigned to `userArn`, or unassigned. */
function device(name: string, userArn?: string): object {
  if (!userArn) return { SerialNumber: `arn:aws:iam::111122223333:mfa/${name}` };
  const root = userArn === ROOT_ARN;
  return {
    SerialNumber: `arn:aws:iam::111122223333:mfa/${name}`,
    User: root
      ? { UserId: '111122223333', Arn: ROOT_ARN, CreateDate: '2019-04-02T10:00:00.000Z', PasswordLastUsed: '2026-09-12T08:00:00.000Z' }
      : { Path: '/', UserName: name, UserId: 'AIDARZ5UQ7EXAMPLEUSER', Arn: userArn, CreateDate: '2021-06-14T09:30:02.000Z' },
    EnableDate: '2021-06-14T09:41:19.000Z',
  };
}

function virtualMfaDevices(...devices: object[]): TestFile {
  return { service: 'iam', operation: 'ListVirtualMFADevices', body: { VirtualMFADevices: devices, IsTruncated: false } };
}

const alice = () => device('alice', 'arn:aws:iam::111122223333:user/alice');
const report = (mfaActive: boolean) => credentialReport([], { root: rootRow({ mfa_active: String(mfaActive) }) });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'no root password at all (password_enabled false) and no root device, which the procedure accepts',
      evidence: {
        files: [credentialReport([], { root: rootRow({ mfa_active: 'false', password_enabled: 'false' }) }), virtualMfaDevices()],
      },
      reason: /no console password/,
    },
    {
      name: "root MFA active and only an IAM user's device is virtual",
      evidence: { files: [report(true), virtualMfaDevices(alice())] },
      reason: /MFA active and none of the account's 1 virtual MFA device is assigned to it, so its MFA is a hardware device/,
    },
    {
      name: 'root MFA active and no virtual device at all',
      evidence: { files: [report(true), virtualMfaDevices()] },
      reason: /the account has no virtual MFA device/,
    },
    {
      name: 'an unassigned device left over with the root device name',
      evidence: { files: [report(true), virtualMfaDevices(device('root-account-mfa-device'))] },
    },
    {
      name: "an IAM user's device without EnableDate or User details",
      evidence: { files: [report(true), virtualMfaDevices({ SerialNumber: 'arn:aws:iam::111122223333:mfa/spare' })] },
    },
  ],
  fail: [
    {
      name: 'a virtual device assigned to the root user',
      evidence: { files: [report(true), virtualMfaDevices(alice(), device('root-phone', ROOT_ARN))] },
      reason: /^root MFA is a virtual device: arn:aws:iam::111122223333:mfa\/root-phone \(required: a hardware MFA device\)$/,
    },
    {
      name: 'the legacy root-account-mfa-device serial, enabled, with no User',
      evidence: {
        files: [
          report(true),
          virtualMfaDevices({
            SerialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device',
            EnableDate: '2020-02-03T10:00:00.000Z',
          }),
        ],
      },
      reason: /root MFA is a virtual device: .*root-account-mfa-device/,
    },
    { name: 'root has no MFA at all', evidence: { files: [report(false), virtualMfaDevices()] }, reason: /no MFA device active/ },
    {
      name: 'a virtual root device whose User element gives only the ARN',
      evidence: {
        files: [report(true), virtualMfaDevices({ SerialNumber: 'arn:aws:iam::111122223333:mfa/phone', User: { Arn: ROOT_ARN } })],
      },
      reason: /root MFA is a virtual device/,
    },
    {
      name: 'a device assigned to root that lacks its SerialNumber',
      evidence: { files: [report(true), virtualMfaDevices({ User: { Arn: ROOT_ARN }, EnableDate: '2021-01-01T00:00:00.000Z' })] },
      reason: /root MFA is a virtual device: \(a device without SerialNumber, assigned to arn:aws:iam::111122223333:root\)/,
    },
    {
      name: 'a virtual root device beside a device record without SerialNumber (the FAIL stands)',
      evidence: { files: [report(true), virtualMfaDevices(device('root-phone', ROOT_ARN), { EnableDate: '2021-01-01T00:00:00.000Z' })] },
      reason: /root MFA is a virtual device/,
    },
  ],
  notEvaluated: [
    {
      name: 'ListVirtualMFADevices denied',
      evidence: { files: [report(true)], errors: [callError('iam', 'ListVirtualMFADevices', 'AccessDenied')] },
      reason: /iam:ListVirtualMFADevices .*AccessDenied/,
    },
    {
      name: 'credential report denied',
      evidence: { files: [virtualMfaDevices()] },
      collectionError: { operation: 'GetCredentialReport', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
    {
      name: 'report without a <root_account> row',
      evidence: { files: [credentialReport([], { root: null }), virtualMfaDevices()] },
      reason: /no <root_account> row/,
    },
    {
      name: 'no root device listed, but one device record has neither SerialNumber nor User',
      evidence: { files: [report(true), virtualMfaDevices(alice(), { EnableDate: '2021-01-01T00:00:00.000Z' })] },
      reason: /neither a SerialNumber nor a User.Arn/,
    },
    {
      name: 'a device with a malformed EnableDate',
      evidence: { files: [report(true), virtualMfaDevices({ SerialNumber: 'arn:aws:iam::111122223333:mfa/x', EnableDate: 'yesterday' })] },
      reason: /EnableDate is not an ISO 8601 timestamp/,
    },
    {
      name: 'hardware MFA, but the report was generated more than 4 h before collection',
      evidence: { files: [reportGenerated('2026-09-29T19:00:00.000Z', []), virtualMfaDevices()] },
      reason: /not accepted as a pass/,
    },
  ],
});
