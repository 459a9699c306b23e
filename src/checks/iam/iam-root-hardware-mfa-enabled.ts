import { credentialReport, virtualMfaDevices, type VirtualMfaDevice } from '../../bundle/evidence/iam.js';
import { defineCheck } from '../define-check.js';
import { reportFinding } from './credential-report-findings.js';

// The fixed name a root user's virtual device had before IAM allowed several named devices.
const ROOT_DEVICE_SUFFIX = ':mfa/root-account-mfa-device';

/** The root user's MFA is a hardware device, not a virtual one. */
export default defineCheck({
  id: 'iam-root-hardware-mfa-enabled',
  title: "The root user's MFA is a hardware device",
  description:
    'The <root_account> row of the credential report must show mfa_active (or password_enabled false: no root password), and ListVirtualMFADevices must list no virtual device assigned to the root user (User.Arn of the root user, or the serial number root-account-mfa-device). An MFA device that is not virtual is a hardware TOTP token or a FIDO security key.',
  scope: 'account',
  needs: { report: credentialReport, devices: virtualMfaDevices },
  params: {},
  *run({ report, devices }, ctx) {
    const root = report.root;
    if (!root) {
      yield ctx.notEvaluated(
        ctx.scope.account,
        'the credential report has no readable <root_account> row, so the root user cannot be judged',
      );
      return;
    }
    const required = '(required: a hardware MFA device)';
    const virtual = devices.filter((d) => isRootDevice(d, root.arn));
    if (virtual.length > 0) {
      yield reportFinding(ctx, report, root, {
        status: 'fail',
        reason: `root MFA is a virtual device: ${virtual.map((d) => d.serialNumber).join(', ')} ${required}`,
      });
      return;
    }
    if (!root.mfaActive) {
      yield reportFinding(
        ctx,
        report,
        root,
        root.passwordEnabled === false
          ? { status: 'pass', reason: 'the root user has no console password (password_enabled false), so it needs no MFA device' }
          : { status: 'fail', reason: `the root user has no MFA device active ${required}` },
      );
      return;
    }
    const listed =
      devices.length === 0
        ? 'the account has no virtual MFA device'
        : `none of the account's ${devices.length} virtual MFA device${devices.length === 1 ? '' : 's'} is assigned to it`;
    yield reportFinding(ctx, report, root, {
      status: 'pass',
      reason: `the root user has MFA active and ${listed}, so its MFA is a hardware device ${required}`,
    });
  },
});

function isRootDevice(device: VirtualMfaDevice, rootArn: string): boolean {
  if (device.userArn === rootArn || device.userArn?.endsWith(':root')) return true;
  // An unassigned device is nobody's MFA, whatever its name (as the CIS audit lists only assigned devices).
  return device.assigned && device.serialNumber.endsWith(ROOT_DEVICE_SUFFIX);
}
