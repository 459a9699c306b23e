import { credentialReport, virtualMfaDevices, type VirtualMfaDevice } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';

// The fixed name a root user's virtual device had before IAM allowed several named devices.
const ROOT_DEVICE_SUFFIX = ':mfa/root-account-mfa-device';

/** The root user's MFA is a hardware device, not a virtual one. */
export default defineCheck({
  id: 'iam-root-hardware-mfa-enabled',
  title: "The root user's MFA is a hardware device",
  description:
    'The <root_account> row of the credential report must show mfa_active, and ListVirtualMFADevices must list no virtual device assigned to the root user (User.Arn of the root user, or the serial number root-account-mfa-device). An MFA device that is not virtual is a hardware TOTP token or a FIDO security key.',
  scope: 'account',
  needs: { report: credentialReport, devices: virtualMfaDevices },
  params: {},
  *run({ report, devices }, ctx) {
    const root = report.root;
    if (!root) {
      yield ctx.notEvaluated(ctx.scope.account, 'the credential report has no <root_account> row');
      return;
    }
    if (!root.mfaActive) {
      yield ctx.fail(root.arn, 'the root user has no MFA device active (required: a hardware MFA device)');
      return;
    }
    const virtual = devices.filter((d) => isRootDevice(d, root.arn));
    if (virtual.length > 0) {
      yield ctx.fail(
        root.arn,
        `root MFA is a virtual device: ${virtual.map((d) => d.serialNumber).join(', ')} (required: a hardware MFA device)`,
      );
      return;
    }
    const listed =
      devices.length === 0
        ? 'the account has no virtual MFA device'
        : `none of the account's ${devices.length} virtual MFA device${devices.length === 1 ? '' : 's'} is assigned to it`;
    yield ctx.pass(
      root.arn,
      `the root user has MFA active and ${listed}, so its MFA is a hardware device (required: a hardware MFA device)`,
    );
  },
});

function isRootDevice(device: VirtualMfaDevice, rootArn: string): boolean {
  if (device.userArn === rootArn) return true;
  // An unassigned device is nobody's MFA, whatever its name (as the CIS audit lists only assigned devices).
  const assigned = device.userArn !== undefined || device.enabledAt !== undefined;
  return assigned && device.serialNumber.endsWith(ROOT_DEVICE_SUFFIX);
}
