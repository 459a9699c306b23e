import cloudtrailKmsEncryptionEnabled from './cloudtrail/cloudtrail-kms-encryption-enabled.js';
import cloudtrailLogFileValidationEnabled from './cloudtrail/cloudtrail-log-file-validation-enabled.js';
import cloudtrailMultiRegionTrailLogging from './cloudtrail/cloudtrail-multi-region-trail-logging.js';
import configRecorderRecording from './config/config-recorder-recording.js';
import type { Check } from './define-check.js';
import ec2EbsDefaultEncryptionEnabled from './ec2/ec2-ebs-default-encryption-enabled.js';
import ec2SecurityGroupAdminPortsRestricted from './ec2/ec2-security-group-admin-ports-restricted.js';
import iamAccessKeyRotated from './iam/iam-access-key-rotated.js';
import iamCredentialsUnusedDisabled from './iam/iam-credentials-unused-disabled.js';
import iamPasswordPolicyMinimumLength from './iam/iam-password-policy-minimum-length.js';
import iamPasswordPolicyReusePrevented from './iam/iam-password-policy-reuse-prevented.js';
import iamRootAccessKeyAbsent from './iam/iam-root-access-key-absent.js';
import iamRootMfaEnabled from './iam/iam-root-mfa-enabled.js';
import iamUserConsoleMfaEnabled from './iam/iam-user-console-mfa-enabled.js';
import iamUserSingleActiveAccessKey from './iam/iam-user-single-active-access-key.js';
import s3PublicAccessBlocked from './s3/s3-public-access-blocked.js';

/** Every check, sorted by id. */
export const checks: readonly Check[] = [
  cloudtrailKmsEncryptionEnabled,
  cloudtrailLogFileValidationEnabled,
  cloudtrailMultiRegionTrailLogging,
  configRecorderRecording,
  ec2EbsDefaultEncryptionEnabled,
  ec2SecurityGroupAdminPortsRestricted,
  iamAccessKeyRotated,
  iamCredentialsUnusedDisabled,
  iamPasswordPolicyMinimumLength,
  iamPasswordPolicyReusePrevented,
  iamRootAccessKeyAbsent,
  iamRootMfaEnabled,
  iamUserConsoleMfaEnabled,
  iamUserSingleActiveAccessKey,
  s3PublicAccessBlocked,
];

/** The check with this id, if there is one. */
export function findCheck(id: string): Check | undefined {
  return checks.find((check) => check.id === id);
}
