import accessanalyzerAnalyzerActive from './accessanalyzer/accessanalyzer-analyzer-active.js';
import accountContactDetailsPresent from './account/account-contact-details-present.js';
import accountOrganizationMember from './account/account-organization-member.js';
import accountSecurityContactRegistered from './account/account-security-contact-registered.js';
import acmCertificateNotExpiring from './acm/acm-certificate-not-expiring.js';
import apigatewayStageCacheEnabledEncrypted from './apigateway/apigateway-stage-cache-enabled-encrypted.js';
import apigatewayStageClientCertificateConfigured from './apigateway/apigateway-stage-client-certificate-configured.js';
import apigatewayStageExecutionLoggingEnabled from './apigateway/apigateway-stage-execution-logging-enabled.js';
import apigatewayStageWafAssociated from './apigateway/apigateway-stage-waf-associated.js';
import autoscalingGroupElbHealthCheckEnabled from './autoscaling/autoscaling-group-elb-health-check-enabled.js';
import autoscalingLaunchConfigPublicIpDisabled from './autoscaling/autoscaling-launch-config-public-ip-disabled.js';
import backupDynamodbTableInPlan from './backup/backup-dynamodb-table-in-plan.js';
import backupEbsVolumeInPlan from './backup/backup-ebs-volume-in-plan.js';
import backupEfsFileSystemInPlan from './backup/backup-efs-file-system-in-plan.js';
import cloudtrailCloudwatchLogsDelivered from './cloudtrail/cloudtrail-cloudwatch-logs-delivered.js';
import cloudtrailKmsEncryptionEnabled from './cloudtrail/cloudtrail-kms-encryption-enabled.js';
import cloudtrailLogFileValidationEnabled from './cloudtrail/cloudtrail-log-file-validation-enabled.js';
import cloudtrailMultiRegionTrailLogging from './cloudtrail/cloudtrail-multi-region-trail-logging.js';
import cloudtrailS3ObjectLoggingEnabled from './cloudtrail/cloudtrail-s3-object-logging-enabled.js';
import cloudwatchAlarmActionsConfigured from './cloudwatch/cloudwatch-alarm-actions-configured.js';
import cloudwatchMetricFilterAlarmConfigured from './cloudwatch/cloudwatch-metric-filter-alarm-configured.js';
import codebuildProjectArtifactsEncrypted from './codebuild/codebuild-project-artifacts-encrypted.js';
import codebuildProjectNoPlaintextAwsCredentials from './codebuild/codebuild-project-no-plaintext-aws-credentials.js';
import configRecorderRecording from './config/config-recorder-recording.js';
import configRuleCompliant from './config/config-rule-compliant.js';
import type { Check } from './define-check.js';
import dmsReplicationInstanceNotPublic from './dms/dms-replication-instance-not-public.js';
import dynamodbAccountThroughputWithinLimit from './dynamodb/dynamodb-account-throughput-within-limit.js';
import dynamodbTableAutoscalingEnabled from './dynamodb/dynamodb-table-autoscaling-enabled.js';
import dynamodbTableEncryptedWithKms from './dynamodb/dynamodb-table-encrypted-with-kms.js';
import dynamodbTablePitrEnabled from './dynamodb/dynamodb-table-pitr-enabled.js';
import ec2AttachedVolumeEncrypted from './ec2/ec2-attached-volume-encrypted.js';
import ec2DefaultSecurityGroupRestricted from './ec2/ec2-default-security-group-restricted.js';
import ec2EbsDefaultEncryptionEnabled from './ec2/ec2-ebs-default-encryption-enabled.js';
import ec2EbsSnapshotNotPublic from './ec2/ec2-ebs-snapshot-not-public.js';
import ec2InstanceEbsOptimized from './ec2/ec2-instance-ebs-optimized.js';
import ec2InstanceImdsv2Required from './ec2/ec2-instance-imdsv2-required.js';
import ec2InstanceInVpc from './ec2/ec2-instance-in-vpc.js';
import ec2InstanceProfileAttached from './ec2/ec2-instance-profile-attached.js';
import ec2InstancePublicIpAbsent from './ec2/ec2-instance-public-ip-absent.js';
import ec2NetworkAclAdminPortsRestricted from './ec2/ec2-network-acl-admin-ports-restricted.js';
import ec2SecurityGroupAdminPortsRestricted from './ec2/ec2-security-group-admin-ports-restricted.js';
import ec2SecurityGroupCommonPortsRestricted from './ec2/ec2-security-group-common-ports-restricted.js';
import ec2StoppedInstanceWithinLimit from './ec2/ec2-stopped-instance-within-limit.js';
import ec2VolumeAttached from './ec2/ec2-volume-attached.js';
import ec2VpcPeeringRoutesLeastAccess from './ec2/ec2-vpc-peering-routes-least-access.js';
import ecsContainerRootFilesystemReadOnly from './ecs/ecs-container-root-filesystem-read-only.js';
import ecsTaskDefinitionHostNetworkNonRoot from './ecs/ecs-task-definition-host-network-non-root.js';
import efsFileSystemEncrypted from './efs/efs-file-system-encrypted.js';
import elasticacheRedisAutomaticBackupEnabled from './elasticache/elasticache-redis-automatic-backup-enabled.js';
import elasticbeanstalkEnvironmentEnhancedHealthEnabled from './elasticbeanstalk/elasticbeanstalk-environment-enhanced-health-enabled.js';
import elasticbeanstalkEnvironmentManagedUpdatesEnabled from './elasticbeanstalk/elasticbeanstalk-environment-managed-updates-enabled.js';
import elbAccessLogsEnabled from './elb/elb-access-logs-enabled.js';
import elbAlbHttpRedirectsToHttps from './elb/elb-alb-http-redirects-to-https.js';
import elbAlbWafAssociated from './elb/elb-alb-waf-associated.js';
import elbClassicCertificatesFromAcm from './elb/elb-classic-certificates-from-acm.js';
import elbClassicCrossZoneEnabled from './elb/elb-classic-cross-zone-enabled.js';
import elbClassicListenersHttpsOrSsl from './elb/elb-classic-listeners-https-or-ssl.js';
import elbDeletionProtectionEnabled from './elb/elb-deletion-protection-enabled.js';
import elbV2CertificatesFromAcm from './elb/elb-v2-certificates-from-acm.js';
import emrClusterMasterPublicIpAbsent from './emr/emr-cluster-master-public-ip-absent.js';
import guarddutyDetectorEnabled from './guardduty/guardduty-detector-enabled.js';
import iamAccessKeyRotated from './iam/iam-access-key-rotated.js';
import iamCredentialsUnusedDisabled from './iam/iam-credentials-unused-disabled.js';
import iamCustomerPolicyKmsActionsScoped from './iam/iam-customer-policy-kms-actions-scoped.js';
import iamCustomerPolicyNoServiceFullAccess from './iam/iam-customer-policy-no-service-full-access.js';
import iamIdentityNoInlinePolicies from './iam/iam-identity-no-inline-policies.js';
import iamInlinePolicyKmsActionsScoped from './iam/iam-inline-policy-kms-actions-scoped.js';
import iamPasswordPolicyMinimumLength from './iam/iam-password-policy-minimum-length.js';
import iamPasswordPolicyReusePrevented from './iam/iam-password-policy-reuse-prevented.js';
import iamPolicyNoFullAdminAttached from './iam/iam-policy-no-full-admin-attached.js';
import iamRootAccessKeyAbsent from './iam/iam-root-access-key-absent.js';
import iamRootHardwareMfaEnabled from './iam/iam-root-hardware-mfa-enabled.js';
import iamRootMfaEnabled from './iam/iam-root-mfa-enabled.js';
import iamServerCertificateUnexpired from './iam/iam-server-certificate-unexpired.js';
import iamSupportRoleExists from './iam/iam-support-role-exists.js';
import iamUserConsoleMfaEnabled from './iam/iam-user-console-mfa-enabled.js';
import iamUserInGroup from './iam/iam-user-in-group.js';
import iamUserMfaEnabled from './iam/iam-user-mfa-enabled.js';
import iamUserNoDirectPolicies from './iam/iam-user-no-direct-policies.js';
import iamUserSingleActiveAccessKey from './iam/iam-user-single-active-access-key.js';
import kinesisStreamEncrypted from './kinesis/kinesis-stream-encrypted.js';
import kmsKeyNotPendingDeletion from './kms/kms-key-not-pending-deletion.js';
import kmsKeyRotationEnabled from './kms/kms-key-rotation-enabled.js';
import lambdaFunctionDlqConfigured from './lambda/lambda-function-dlq-configured.js';
import lambdaFunctionNotPublic from './lambda/lambda-function-not-public.js';
import opensearchDomainEncryptedAtRest from './opensearch/opensearch-domain-encrypted-at-rest.js';
import opensearchDomainHttpsRequired from './opensearch/opensearch-domain-https-required.js';
import opensearchDomainInVpc from './opensearch/opensearch-domain-in-vpc.js';
import opensearchDomainLogsToCloudwatch from './opensearch/opensearch-domain-logs-to-cloudwatch.js';
import opensearchDomainNodeToNodeEncryptionEnabled from './opensearch/opensearch-domain-node-to-node-encryption-enabled.js';
import rdsClusterMultiAzEnabled from './rds/rds-cluster-multi-az-enabled.js';
import rdsInstanceAdminUsernameNotDefault from './rds/rds-instance-admin-username-not-default.js';
import rdsInstanceAutoMinorUpgradeEnabled from './rds/rds-instance-auto-minor-upgrade-enabled.js';
import rdsInstanceBackupsEnabled from './rds/rds-instance-backups-enabled.js';
import rdsInstanceDeletionProtectionEnabled from './rds/rds-instance-deletion-protection-enabled.js';
import rdsInstanceEnhancedMonitoringEnabled from './rds/rds-instance-enhanced-monitoring-enabled.js';
import rdsInstanceLogExportsEnabled from './rds/rds-instance-log-exports-enabled.js';
import rdsInstanceMultiAzEnabled from './rds/rds-instance-multi-az-enabled.js';
import rdsInstanceNotPubliclyAccessible from './rds/rds-instance-not-publicly-accessible.js';
import rdsInstanceStorageEncrypted from './rds/rds-instance-storage-encrypted.js';
import rdsSnapshotEncrypted from './rds/rds-snapshot-encrypted.js';
import rdsSnapshotNotPublic from './rds/rds-snapshot-not-public.js';
import redshiftClusterAdminUsernameNotDefault from './redshift/redshift-cluster-admin-username-not-default.js';
import redshiftClusterAutomatedSnapshotsEnabled from './redshift/redshift-cluster-automated-snapshots-enabled.js';
import redshiftClusterEncryptedAndAuditLogged from './redshift/redshift-cluster-encrypted-and-audit-logged.js';
import redshiftClusterEnhancedVpcRoutingEnabled from './redshift/redshift-cluster-enhanced-vpc-routing-enabled.js';
import redshiftClusterKmsEncrypted from './redshift/redshift-cluster-kms-encrypted.js';
import redshiftClusterMaintenanceSettingsConfigured from './redshift/redshift-cluster-maintenance-settings-configured.js';
import redshiftClusterNotPubliclyAccessible from './redshift/redshift-cluster-not-publicly-accessible.js';
import redshiftClusterSslRequired from './redshift/redshift-cluster-ssl-required.js';
import s3BucketDefaultEncryptionUsesKms from './s3/s3-bucket-default-encryption-uses-kms.js';
import s3BucketEventNotificationsEnabled from './s3/s3-bucket-event-notifications-enabled.js';
import s3BucketLevelPublicAccessBlocked from './s3/s3-bucket-level-public-access-blocked.js';
import s3BucketPublicReadProhibited from './s3/s3-bucket-public-read-prohibited.js';
import s3BucketPublicWriteProhibited from './s3/s3-bucket-public-write-prohibited.js';
import s3BucketReplicationEnabled from './s3/s3-bucket-replication-enabled.js';
import s3BucketSecureTransportRequired from './s3/s3-bucket-secure-transport-required.js';
import s3BucketServerAccessLoggingEnabled from './s3/s3-bucket-server-access-logging-enabled.js';
import s3BucketServerSideEncryptionEnabled from './s3/s3-bucket-server-side-encryption-enabled.js';
import s3BucketVersionedLifecycleConfigured from './s3/s3-bucket-versioned-lifecycle-configured.js';
import s3BucketVersioningEnabled from './s3/s3-bucket-versioning-enabled.js';
import s3PublicAccessBlocked from './s3/s3-public-access-blocked.js';
import sagemakerEndpointConfigKmsKeyConfigured from './sagemaker/sagemaker-endpoint-config-kms-key-configured.js';
import sagemakerNotebookDirectInternetAccessDisabled from './sagemaker/sagemaker-notebook-direct-internet-access-disabled.js';
import sagemakerNotebookKmsKeyConfigured from './sagemaker/sagemaker-notebook-kms-key-configured.js';
import secretsmanagerSecretEncryptedWithCmk from './secretsmanager/secretsmanager-secret-encrypted-with-cmk.js';
import secretsmanagerSecretRotationEnabled from './secretsmanager/secretsmanager-secret-rotation-enabled.js';
import securityhubHubEnabled from './securityhub/securityhub-hub-enabled.js';
import snsTopicKmsEncrypted from './sns/sns-topic-kms-encrypted.js';
import ssmDocumentNotPublic from './ssm/ssm-document-not-public.js';
import ssmEc2InstanceManaged from './ssm/ssm-ec2-instance-managed.js';
import ssmInstanceAssociationCompliant from './ssm/ssm-instance-association-compliant.js';
import ssmInstancePatchCompliant from './ssm/ssm-instance-patch-compliant.js';
import vpcFlowLogsEnabled from './vpc/vpc-flow-logs-enabled.js';
import vpcRouteTableNoOpenIgwRoute from './vpc/vpc-route-table-no-open-igw-route.js';
import vpcSecurityGroupOpenPortsAuthorized from './vpc/vpc-security-group-open-ports-authorized.js';
import vpcSubnetPublicIpAutoAssignDisabled from './vpc/vpc-subnet-public-ip-auto-assign-disabled.js';
import vpcVpnTunnelsUp from './vpc/vpc-vpn-tunnels-up.js';
import wafv2WebAclLoggingEnabled from './wafv2/wafv2-web-acl-logging-enabled.js';

/** Every check, sorted by id. */
export const checks: readonly Check[] = [
  accessanalyzerAnalyzerActive,
  accountContactDetailsPresent,
  accountOrganizationMember,
  accountSecurityContactRegistered,
  acmCertificateNotExpiring,
  apigatewayStageCacheEnabledEncrypted,
  apigatewayStageClientCertificateConfigured,
  apigatewayStageExecutionLoggingEnabled,
  apigatewayStageWafAssociated,
  autoscalingGroupElbHealthCheckEnabled,
  autoscalingLaunchConfigPublicIpDisabled,
  backupDynamodbTableInPlan,
  backupEbsVolumeInPlan,
  backupEfsFileSystemInPlan,
  cloudtrailCloudwatchLogsDelivered,
  cloudtrailKmsEncryptionEnabled,
  cloudtrailLogFileValidationEnabled,
  cloudtrailMultiRegionTrailLogging,
  cloudtrailS3ObjectLoggingEnabled,
  cloudwatchAlarmActionsConfigured,
  cloudwatchMetricFilterAlarmConfigured,
  codebuildProjectArtifactsEncrypted,
  codebuildProjectNoPlaintextAwsCredentials,
  configRecorderRecording,
  configRuleCompliant,
  dmsReplicationInstanceNotPublic,
  dynamodbAccountThroughputWithinLimit,
  dynamodbTableAutoscalingEnabled,
  dynamodbTableEncryptedWithKms,
  dynamodbTablePitrEnabled,
  ec2AttachedVolumeEncrypted,
  ec2DefaultSecurityGroupRestricted,
  ec2EbsDefaultEncryptionEnabled,
  ec2EbsSnapshotNotPublic,
  ec2InstanceEbsOptimized,
  ec2InstanceImdsv2Required,
  ec2InstanceInVpc,
  ec2InstanceProfileAttached,
  ec2InstancePublicIpAbsent,
  ec2NetworkAclAdminPortsRestricted,
  ec2SecurityGroupAdminPortsRestricted,
  ec2SecurityGroupCommonPortsRestricted,
  ec2StoppedInstanceWithinLimit,
  ec2VolumeAttached,
  ec2VpcPeeringRoutesLeastAccess,
  ecsContainerRootFilesystemReadOnly,
  ecsTaskDefinitionHostNetworkNonRoot,
  efsFileSystemEncrypted,
  elasticacheRedisAutomaticBackupEnabled,
  elasticbeanstalkEnvironmentEnhancedHealthEnabled,
  elasticbeanstalkEnvironmentManagedUpdatesEnabled,
  elbAccessLogsEnabled,
  elbAlbHttpRedirectsToHttps,
  elbAlbWafAssociated,
  elbClassicCertificatesFromAcm,
  elbClassicCrossZoneEnabled,
  elbClassicListenersHttpsOrSsl,
  elbDeletionProtectionEnabled,
  elbV2CertificatesFromAcm,
  emrClusterMasterPublicIpAbsent,
  guarddutyDetectorEnabled,
  iamAccessKeyRotated,
  iamCredentialsUnusedDisabled,
  iamCustomerPolicyKmsActionsScoped,
  iamCustomerPolicyNoServiceFullAccess,
  iamIdentityNoInlinePolicies,
  iamInlinePolicyKmsActionsScoped,
  iamPasswordPolicyMinimumLength,
  iamPasswordPolicyReusePrevented,
  iamPolicyNoFullAdminAttached,
  iamRootAccessKeyAbsent,
  iamRootHardwareMfaEnabled,
  iamRootMfaEnabled,
  iamServerCertificateUnexpired,
  iamSupportRoleExists,
  iamUserConsoleMfaEnabled,
  iamUserInGroup,
  iamUserMfaEnabled,
  iamUserNoDirectPolicies,
  iamUserSingleActiveAccessKey,
  kinesisStreamEncrypted,
  kmsKeyNotPendingDeletion,
  kmsKeyRotationEnabled,
  lambdaFunctionDlqConfigured,
  lambdaFunctionNotPublic,
  opensearchDomainEncryptedAtRest,
  opensearchDomainHttpsRequired,
  opensearchDomainInVpc,
  opensearchDomainLogsToCloudwatch,
  opensearchDomainNodeToNodeEncryptionEnabled,
  rdsClusterMultiAzEnabled,
  rdsInstanceAdminUsernameNotDefault,
  rdsInstanceAutoMinorUpgradeEnabled,
  rdsInstanceBackupsEnabled,
  rdsInstanceDeletionProtectionEnabled,
  rdsInstanceEnhancedMonitoringEnabled,
  rdsInstanceLogExportsEnabled,
  rdsInstanceMultiAzEnabled,
  rdsInstanceNotPubliclyAccessible,
  rdsInstanceStorageEncrypted,
  rdsSnapshotEncrypted,
  rdsSnapshotNotPublic,
  redshiftClusterAdminUsernameNotDefault,
  redshiftClusterAutomatedSnapshotsEnabled,
  redshiftClusterEncryptedAndAuditLogged,
  redshiftClusterEnhancedVpcRoutingEnabled,
  redshiftClusterKmsEncrypted,
  redshiftClusterMaintenanceSettingsConfigured,
  redshiftClusterNotPubliclyAccessible,
  redshiftClusterSslRequired,
  s3BucketDefaultEncryptionUsesKms,
  s3BucketEventNotificationsEnabled,
  s3BucketLevelPublicAccessBlocked,
  s3BucketPublicReadProhibited,
  s3BucketPublicWriteProhibited,
  s3BucketReplicationEnabled,
  s3BucketSecureTransportRequired,
  s3BucketServerAccessLoggingEnabled,
  s3BucketServerSideEncryptionEnabled,
  s3BucketVersionedLifecycleConfigured,
  s3BucketVersioningEnabled,
  s3PublicAccessBlocked,
  sagemakerEndpointConfigKmsKeyConfigured,
  sagemakerNotebookDirectInternetAccessDisabled,
  sagemakerNotebookKmsKeyConfigured,
  secretsmanagerSecretEncryptedWithCmk,
  secretsmanagerSecretRotationEnabled,
  securityhubHubEnabled,
  snsTopicKmsEncrypted,
  ssmDocumentNotPublic,
  ssmEc2InstanceManaged,
  ssmInstanceAssociationCompliant,
  ssmInstancePatchCompliant,
  vpcFlowLogsEnabled,
  vpcRouteTableNoOpenIgwRoute,
  vpcSecurityGroupOpenPortsAuthorized,
  vpcSubnetPublicIpAutoAssignDisabled,
  vpcVpnTunnelsUp,
  wafv2WebAclLoggingEnabled,
];

/** The check with this id, if there is one. */
export function findCheck(id: string): Check | undefined {
  return checks.find((check) => check.id === id);
}
