// Writes controls/nist-800-53-rev5.yaml: the NIST SP 800-53 rev5 MODERATE-baseline controls and enhancements of
// the families AWS configuration evidence can speak to (AC, AU, CM, CP, IA, SC, SI), with official ids and titles
// from the NIST OSCAL catalog, our checks as evidence, and AWS's own Config-rule mapping as comments.
//
// Usage: node scripts/gen-nist-catalog.mjs [--nist DIR] [--mapping TSV] [--out FILE]
//   --nist     folder with NIST_SP-800-53_rev5_catalog.json and NIST_SP-800-53_rev5_MODERATE-baseline_profile.json
//              (default ../shared/nist)
//   --mapping  AWS Config rules to controls TSV (default ../shared/mappings/config-rules-to-controls.tsv)
//   --out      output file (default controls/nist-800-53-rev5.yaml)
//
// What maps to which check, and what is automated, is written down below (CONTROLS): the judgement is ours,
// the ids and titles are NIST's. A control is automated only where our checks decide its whole AWS-configuration
// aspect; everything else is manual, with checks listed where their evidence helps the reviewer. Node 20, no
// dependencies beyond node:*. The output is deterministic: run it twice, get the same bytes.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const nistDir = resolve(args.nist ?? join(root, '../shared/nist'));
const mappingFile = resolve(args.mapping ?? join(root, '../shared/mappings/config-rules-to-controls.tsv'));
const outFile = resolve(args.out ?? join(root, 'controls/nist-800-53-rev5.yaml'));

const FAMILIES = ['ac', 'au', 'cm', 'cp', 'ia', 'sc', 'si'];

const sgAdmin = ['ec2-security-group-admin-ports-restricted', { ports: [22, 3389], sources: ['0.0.0.0/0', '::/0'] }];
const naclAdmin = ['ec2-network-acl-admin-ports-restricted', { ports: [22, 3389], sources: ['0.0.0.0/0', '::/0'] }];
const metric = (pattern) => ['cloudwatch-metric-filter-alarm-configured', { pattern }];

// label -> { checks: [[check, params?]], automated?, description, because }
const CONTROLS = {
  'AC-2': {
    checks: [['iam-credentials-unused-disabled', { maxUnusedDays: 45 }], ['iam-root-access-key-absent']],
    description: 'Evidence: IAM credentials unused for 45 days are disabled and the root user has no access key.',
    because: 'Account management covers approval, roles, reviews and removal of accounts across the organisation; the evidence shows only IAM credential hygiene.',
  },
  'AC-2(3)': {
    checks: [['iam-credentials-unused-disabled', { maxUnusedDays: 45 }]],
    description: 'Evidence: IAM passwords and access keys unused for 45 days are disabled.',
    because: 'The inactivity period is organisation-defined, and the other triggers (expiry, departure, policy violation) need HR and policy records.',
  },
  'AC-2(4)': {
    checks: [['cloudtrail-multi-region-trail-logging']],
    description: 'Evidence: a multi-region trail records account management API calls.',
    because: 'CloudTrail records IAM changes; whether those records reach and notify the defined personnel is an organisational arrangement.',
  },
  'AC-3': {
    checks: [['s3-public-access-blocked'], ['iam-policy-no-full-admin-attached']],
    description: 'Evidence: S3 Block Public Access is on and no attached policy grants full administrator access.',
    because: 'Whether the authorisations IAM enforces are the approved ones needs the organisation\'s access policy.',
  },
  'AC-4': {
    checks: [sgAdmin, naclAdmin, ['ec2-default-security-group-restricted']],
    description: 'Evidence: administration ports are closed to the internet and default security groups allow no traffic.',
    because: 'Approved information flows are defined by the organisation; the evidence shows only that well-known risky flows are closed.',
  },
  'AC-6': {
    checks: [['iam-policy-no-full-admin-attached'], ['iam-user-no-direct-policies']],
    description: 'Evidence: no full-administrator policy is attached and users get permissions only through groups.',
    because: 'Least privilege is judged against each person\'s duties, which configuration evidence does not record.',
  },
  'AC-6(5)': {
    checks: [['iam-policy-no-full-admin-attached']],
    description: 'Evidence: whether any principal holds a policy allowing every action on every resource.',
    because: 'Which personnel may hold privileged accounts is organisation-defined.',
  },
  'AC-6(9)': {
    checks: [['cloudtrail-multi-region-trail-logging']],
    description: 'Evidence: a multi-region trail records management API calls, privileged ones included.',
    because: 'Privileged functions on hosts and in applications are outside CloudTrail; whether the organisation-defined functions are logged needs review.',
  },
  'AC-17': {
    checks: [sgAdmin, naclAdmin],
    description: 'Evidence: SSH and RDP are not open to the internet through security groups or network ACLs.',
    because: 'Remote access rules, configuration and authorisation are organisational; the evidence shows only that administration ports are not public.',
  },
  'AC-17(2)': {
    automated: true,
    checks: [],
    description:
      "AWS aspect, as AWS's conformance pack defines it: remote access to the account's endpoints is encrypted: S3 buckets refuse requests without TLS, load balancers listen on HTTPS or SSL (HTTP redirected) with ACM certificates, and API Gateway stages use client certificates. Remote access that does not pass through these services (VPN clients, bastion hosts) is not part of this verdict.",
  },
  'AC-17(1)': {
    checks: [['vpc-flow-logs-enabled']],
    description: 'Evidence: VPC flow logs record network connections, remote access sessions included.',
    because: 'Monitoring means someone or something reviews the records; the evidence shows only that they are captured.',
  },
  'AC-22': {
    checks: [['s3-public-access-blocked']],
    description: 'Evidence: S3 Block Public Access keeps bucket content from being made public.',
    because: 'Which content may be public, and who reviews it before posting, is an organisational decision.',
  },
  'AU-2': {
    checks: [
      ['cloudtrail-multi-region-trail-logging'],
      ['cloudtrail-s3-object-logging-enabled', { events: 'write' }],
      ['cloudtrail-s3-object-logging-enabled', { events: 'read' }],
      ['vpc-flow-logs-enabled'],
    ],
    description: 'Evidence: AWS API calls, S3 object access and VPC network flows are recorded.',
    because: 'The event types to log are selected by the organisation with its risk and coordination needs; the evidence shows which AWS sources are recorded.',
  },
  'AU-5': {
    checks: [metric('cloudtrail-changes')],
    description: 'Evidence: changes to trails, stopped logging included, raise a CloudWatch alarm.',
    because: 'Who is alerted about logging failures, and what they then do, is organisational.',
  },
  'AU-6(1)': {
    checks: [['securityhub-hub-enabled']],
    description: 'Evidence: Security Hub aggregates findings for automated review in every region in scope.',
    because: 'Integration of audit review with the organisation\'s investigation and response processes needs review.',
  },
  'AU-9': {
    checks: [['cloudtrail-log-file-validation-enabled'], ['cloudtrail-kms-encryption-enabled']],
    description: 'Evidence: trail logs are signed for tamper detection and encrypted with customer-managed KMS keys.',
    because: 'Protection also depends on who can read and delete the log bucket, which often lives in another account.',
  },
  'AU-12': {
    checks: [['cloudtrail-multi-region-trail-logging'], ['vpc-flow-logs-enabled']],
    description: 'Evidence: a multi-region trail and VPC flow logs generate audit records for the AWS account.',
    because: 'Audit records of operating systems and applications, and who selects the logged events, are outside AWS configuration.',
  },
  'CM-2': {
    checks: [['config-recorder-recording']],
    description: 'Evidence: AWS Config records resource configurations in every region in scope.',
    because: 'A baseline is a documented, approved configuration; recording shows the current state is captured, not that a baseline exists.',
  },
  'CM-2(2)': {
    checks: [['config-recorder-recording']],
    description: 'Evidence: AWS Config keeps the recorded configuration current automatically.',
    because: 'Whether the recorded configurations are compared with the approved baseline needs review.',
  },
  'CM-2(3)': {
    checks: [['config-recorder-recording']],
    description: 'Evidence: AWS Config keeps configuration history of recorded resources.',
    because: 'How many previous versions are kept, and for how long, is organisation-defined and set outside the recorder.',
  },
  'CM-8': {
    checks: [['config-recorder-recording']],
    description: 'Evidence: AWS Config keeps an inventory of the account\'s resources in every region in scope.',
    because: 'An inventory also names owners and covers components outside AWS, which the recorder does not.',
  },
  'CM-8(1)': {
    checks: [['config-recorder-recording']],
    description: 'Evidence: AWS Config records resources as they are created and deleted.',
    because: 'Whether the component inventory of record is updated from these changes needs review.',
  },
  'CM-8(3)': {
    checks: [['config-recorder-recording']],
    description: 'Evidence: AWS Config records new resources as they appear.',
    because: 'Detecting unauthorised components needs a list of authorised ones and someone acting on differences.',
  },
  'CP-9(8)': {
    checks: [['rds-instance-storage-encrypted'], ['ec2-ebs-default-encryption-enabled']],
    description: 'Evidence: RDS instances and new EBS volumes, and so their snapshots, are encrypted.',
    because: 'Backups outside RDS and EBS snapshots (AWS Backup vaults, S3 copies, off-site media) are not in the evidence.',
  },
  'IA-2(1)': {
    automated: true,
    checks: [['iam-root-mfa-enabled'], ['iam-user-console-mfa-enabled']],
    description:
      'AWS aspect: console sign-in as the root user, or as an IAM user with a password, needs a second factor. Federated sign-in is enforced at the identity provider.',
  },
  'IA-2(2)': {
    automated: true,
    checks: [['iam-user-console-mfa-enabled']],
    description:
      'AWS aspect: console sign-in as an IAM user with a password needs a second factor. Federated sign-in is enforced at the identity provider.',
  },
  'IA-5': {
    checks: [
      ['iam-password-policy-minimum-length', { minLength: 14 }],
      ['iam-password-policy-reuse-prevented', { minReusePrevention: 24 }],
      ['iam-access-key-rotated', { maxAgeDays: 90 }],
      ['iam-user-single-active-access-key'],
      ['iam-server-certificate-unexpired'],
    ],
    description: 'Evidence: IAM password rules, access key age and count, and expired server certificates.',
    because: 'Authenticator management covers issuing, distributing, protecting and revoking authenticators across the organisation; IAM is one part.',
  },
  'IA-5(1)': {
    checks: [
      ['iam-password-policy-minimum-length', { minLength: 14 }],
      ['iam-password-policy-reuse-prevented', { minReusePrevention: 24 }],
    ],
    description: 'Evidence: the IAM password policy enforces length 14 and prevents reuse of the last 24 passwords.',
    because: 'Screening against compromised-password lists and the other password rules are outside IAM\'s password policy settings.',
  },
  'IA-5(2)': {
    checks: [['iam-server-certificate-unexpired']],
    description: 'Evidence: no expired server certificate is kept in IAM.',
    because: 'Certificate path validation and private-key protection are not in the evidence.',
  },
  'SC-7': {
    checks: [sgAdmin, naclAdmin, ['ec2-default-security-group-restricted'], ['rds-instance-not-publicly-accessible'], ['s3-public-access-blocked']],
    description: 'Evidence: administration ports closed to the internet, default security groups empty, no public RDS instances, S3 public access blocked.',
    because: 'Boundary protection follows the organisation\'s architecture; the evidence shows only that common exposures are closed.',
  },
  'SC-7(5)': {
    checks: [['ec2-default-security-group-restricted']],
    description: 'Evidence: the default security group of every VPC allows nothing, so traffic needs an explicit rule.',
    because: 'Network ACLs allow all traffic by default; whether every managed interface denies by default needs review.',
  },
  'SC-8': {
    checks: [['s3-bucket-secure-transport-required']],
    description:
      'Evidence: TLS required by S3 bucket policies, load balancer listeners (HTTPS or SSL only, HTTP redirected, ACM certificates), API Gateway stages, Redshift parameter groups and OpenSearch domains.',
    because: 'Integrity of transmissions outside these services (applications on EC2, links to other networks) is not in the evidence.',
  },
  'SC-8(1)': {
    automated: true,
    checks: [['s3-bucket-secure-transport-required']],
    description:
      "AWS aspect, as AWS's conformance pack defines it: S3 buckets refuse requests without TLS; Classic load balancers listen only on HTTPS or SSL with ACM certificates; HTTP listeners of application load balancers redirect to HTTPS and their TLS listeners use ACM certificates; API Gateway stages use client certificates; Redshift requires SSL; OpenSearch domains require HTTPS and encrypt node-to-node traffic. Encryption inside applications on EC2 or outside AWS is not AWS configuration and not part of this verdict.",
  },
  'SC-12': {
    checks: [['kms-key-rotation-enabled']],
    description: 'Evidence: customer-managed symmetric KMS keys rotate automatically.',
    because: 'Key management covers generation, distribution, storage, access and destruction under organisation-defined requirements.',
  },
  'SC-28': {
    checks: [['ec2-ebs-default-encryption-enabled'], ['rds-instance-storage-encrypted'], ['efs-file-system-encrypted'], ['cloudtrail-kms-encryption-enabled']],
    description: 'Evidence: encryption at rest of the data stores the conformance pack names (see SC-28(1)).',
    because: 'Which information needs protection at rest is organisation-defined, and integrity at rest is not in the evidence.',
  },
  'SC-28(1)': {
    automated: true,
    checks: [['ec2-ebs-default-encryption-enabled'], ['rds-instance-storage-encrypted'], ['efs-file-system-encrypted'], ['cloudtrail-kms-encryption-enabled']],
    description:
      "AWS aspect, as AWS's conformance pack defines it: encryption at rest of EBS (by default, and every attached volume), RDS instances and snapshots, EFS, S3 buckets, DynamoDB tables (KMS), Redshift clusters, OpenSearch domains, SageMaker notebooks and endpoint configurations, Secrets Manager secrets (customer managed keys), SNS topics, Kinesis streams, CodeBuild artifacts, API Gateway caches and CloudTrail logs. Data kept elsewhere (inside instances, outside AWS) is not AWS configuration and not part of this verdict.",
  },
  'SI-2': {
    checks: [['rds-instance-auto-minor-upgrade-enabled']],
    description: 'Evidence: RDS instances take minor engine upgrades automatically.',
    because: 'Flaw remediation covers every component and the organisation\'s time frames; only RDS engine upgrades are in the evidence.',
  },
  'SI-4': {
    checks: [['securityhub-hub-enabled'], ['vpc-flow-logs-enabled'], metric('unauthorized-api-calls')],
    description: 'Evidence: Security Hub enabled, VPC flow logs captured, and an alarm on unauthorised API calls.',
    because: 'Monitoring objectives, coverage of hosts and applications, and who acts on alerts are organisational.',
  },
  'SI-4(2)': {
    checks: [['securityhub-hub-enabled']],
    description: 'Evidence: Security Hub analyses findings automatically in every region in scope.',
    because: 'Whether analysis is near real time for the events the organisation cares about needs review.',
  },
  'SI-4(4)': {
    checks: [['vpc-flow-logs-enabled']],
    description: 'Evidence: VPC flow logs capture inbound and outbound traffic.',
    because: 'Monitoring means the records are analysed for unusual conditions, which the evidence does not show.',
  },
  'SI-4(5)': {
    checks: [metric('root-usage'), metric('unauthorized-api-calls'), metric('console-signin-without-mfa')],
    description: 'Evidence: CloudWatch alarms on root use, unauthorised API calls and console sign-in without MFA.',
    because: 'The compromise indicators to alert on, and the personnel alerted, are organisation-defined.',
  },
  'SI-7': {
    checks: [['cloudtrail-log-file-validation-enabled']],
    description: 'Evidence: trail log files are signed so changes to them can be detected.',
    because: 'Integrity verification of software, firmware and other information is outside the evidence.',
  },
  'SI-7(1)': {
    checks: [['cloudtrail-log-file-validation-enabled']],
    description: 'Evidence: trail log files have signed digests that integrity checks can use.',
    because: 'Whether integrity checks actually run, and when, is not in the evidence.',
  },
};

const DEFAULT_BECAUSE = {
  policy: 'Policies and procedures are organisational documents; AWS configuration cannot show that they exist, are disseminated or are reviewed.',
  ac: 'An organisational access-control process or a function of hosts and applications; AWS account configuration evidence does not decide it.',
  au: 'Depends on how the organisation selects, reviews, retains and acts on audit records, which AWS configuration evidence does not show.',
  cm: 'A configuration-management process (plans, approvals, analyses, software rules) that configuration snapshots cannot demonstrate.',
  cp: 'Contingency plans, training, testing, alternate sites and recovery are organisational arrangements AWS configuration evidence cannot show.',
  ia: 'Depends on identity processes, devices or components outside AWS account configuration.',
  sc: 'Depends on system design or on hosts, applications and networks outside AWS account configuration evidence.',
  si: 'Depends on processes or on host and application components outside AWS account configuration evidence.',
};

const catalog = JSON.parse(readFileSync(join(nistDir, 'NIST_SP-800-53_rev5_catalog.json'), 'utf8')).catalog;
const profile = JSON.parse(readFileSync(join(nistDir, 'NIST_SP-800-53_rev5_MODERATE-baseline_profile.json'), 'utf8')).profile;
const baseline = profile.imports.flatMap((i) => i['include-controls'].flatMap((c) => c['with-ids']));

const controls = new Map();
for (const group of catalog.groups) {
  const walk = (list) => {
    for (const c of list ?? []) {
      const label = c.props?.find((p) => p.name === 'label')?.value;
      const status = c.props?.find((p) => p.name === 'status')?.value;
      controls.set(c.id, { id: c.id, family: group.id, label, title: c.title, withdrawn: status === 'withdrawn' });
      walk(c.controls);
    }
  };
  walk(group.controls);
}

const selected = baseline.filter((id) => FAMILIES.includes(id.split('-')[0])).map((id) => {
  const c = controls.get(id);
  if (!c) fail(`baseline control ${id} is not in the catalog`);
  if (c.withdrawn) fail(`baseline control ${id} is withdrawn in the catalog`);
  if (!c.label) fail(`control ${id} has no label`);
  return c;
});
for (const label of Object.keys(CONTROLS)) {
  if (!selected.some((c) => c.label === label)) fail(`CONTROLS names ${label}, which is not in scope`);
}

// AWS writes statement parts after the id (AC-2d.1, SC-7(4)(b), CP-1a.1(b)); keep the control or enhancement.
// The managed rules cited as evidence (config-rule-compliant): those whose meaning matches one of our
// own checks, as in the CIS catalogs. AWS maps up to 33 rules to one control; citing all would bury
// each control under findings for rules few accounts deploy, so the rest stay as comments.
const CITED_RULES = new Set([
  'ACCESS_KEYS_ROTATED', 'CLOUD_TRAIL_ENCRYPTION_ENABLED', 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED', 'CMK_BACKING_KEY_ROTATION_ENABLED',
  'EC2_EBS_ENCRYPTION_BY_DEFAULT', 'EC2_IMDSV2_CHECK', 'EC2_INSTANCE_PROFILE_ATTACHED', 'EFS_ENCRYPTED_CHECK', 'IAM_PASSWORD_POLICY',
  'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS', 'IAM_ROOT_ACCESS_KEY_CHECK', 'IAM_USER_NO_POLICIES_CHECK', 'IAM_USER_UNUSED_CREDENTIALS_CHECK',
  'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS', 'MULTI_REGION_CLOUD_TRAIL_ENABLED', 'NACL_NO_UNRESTRICTED_SSH_RDP', 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK',
  'RDS_STORAGE_ENCRYPTED', 'ROOT_ACCOUNT_MFA_ENABLED', 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC', 'S3_BUCKET_SSL_REQUESTS_ONLY',
  'SECURITYHUB_ENABLED', 'VPC_FLOW_LOGS_ENABLED',
]);

// Our own checks that implement a managed rule of the pack (issue #15): cited for every control AWS maps
// that rule to, after the control's hand-picked checks. Each follows the rule's documented logic; its
// description in src/checks says where it deviates.
const RULE_CHECKS = {
  ACCOUNT_PART_OF_ORGANIZATIONS: [['account-organization-member', { managementAccountIds: [] }]],
  CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED: [['cloudtrail-cloudwatch-logs-delivered', { maxDeliveryAgeHours: 24 }]],
  CLOUDWATCH_ALARM_ACTION_CHECK: [['cloudwatch-alarm-actions-configured', { alarmActionRequired: true, insufficientDataActionRequired: true, okActionRequired: false }]],
  GUARDDUTY_ENABLED_CENTRALIZED: [['guardduty-detector-enabled']],
  IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS: [['iam-customer-policy-kms-actions-scoped', { blockedActionsPatterns: ['kms:*, kms:Decrypt, kms:ReEncrypt*'] }]],
  IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS: [['iam-inline-policy-kms-actions-scoped', { blockedActionsPatterns: ['kms:*, kms:Decrypt, kms:ReEncrypt*'] }]],
  IAM_NO_INLINE_POLICY_CHECK: [['iam-identity-no-inline-policies']],
  IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS: [['iam-customer-policy-no-service-full-access']],
  IAM_USER_GROUP_MEMBERSHIP_CHECK: [['iam-user-in-group', { groupNames: [] }]],
  IAM_USER_MFA_ENABLED: [['iam-user-mfa-enabled']],
  KMS_CMK_NOT_SCHEDULED_FOR_DELETION: [['kms-key-not-pending-deletion']],
  DB_INSTANCE_BACKUP_ENABLED: [['rds-instance-backups-enabled', { minRetentionDays: 1, checkReadReplicas: false }]],
  EBS_OPTIMIZED_INSTANCE: [['ec2-instance-ebs-optimized']],
  EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK: [['ec2-ebs-snapshot-not-public']],
  EC2_INSTANCE_NO_PUBLIC_IP: [['ec2-instance-public-ip-absent']],
  EC2_STOPPED_INSTANCE: [['ec2-stopped-instance-within-limit', { allowedDays: 30 }]],
  EC2_VOLUME_INUSE_CHECK: [['ec2-volume-attached', { requireDeleteOnTermination: false }]],
  ENCRYPTED_VOLUMES: [['ec2-attached-volume-encrypted', { kmsKeyIds: [] }]],
  INCOMING_SSH_DISABLED: [['ec2-security-group-admin-ports-restricted', { ports: [22], sources: ['0.0.0.0/0', '::/0'] }]],
  INSTANCES_IN_VPC: [['ec2-instance-in-vpc', { vpcId: '' }]],
  NO_UNRESTRICTED_ROUTE_TO_IGW: [['vpc-route-table-no-open-igw-route', { allowedRouteTableIds: [] }]],
  RDS_CLUSTER_MULTI_AZ_ENABLED: [['rds-cluster-multi-az-enabled']],
  RDS_ENHANCED_MONITORING_ENABLED: [['rds-instance-enhanced-monitoring-enabled', { maxIntervalSeconds: 60 }]],
  RDS_INSTANCE_DEFAULT_ADMIN_CHECK: [['rds-instance-admin-username-not-default', { allowedUsernames: [] }]],
  RDS_INSTANCE_DELETION_PROTECTION_ENABLED: [['rds-instance-deletion-protection-enabled']],
  RDS_LOGGING_ENABLED: [['rds-instance-log-exports-enabled', { additionalLogs: [] }]],
  RDS_MULTI_AZ_SUPPORT: [['rds-instance-multi-az-enabled']],
  RDS_SNAPSHOT_ENCRYPTED: [['rds-snapshot-encrypted']],
  RDS_SNAPSHOTS_PUBLIC_PROHIBITED: [['rds-snapshot-not-public']],
  RESTRICTED_INCOMING_TRAFFIC: [['ec2-security-group-common-ports-restricted', { blockedPorts: [20, 21, 3389, 3306, 4333] }]],
  S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED: [['s3-bucket-level-public-access-blocked', { allowedPublicBuckets: [] }]],
  S3_BUCKET_LOGGING_ENABLED: [['s3-bucket-server-access-logging-enabled', { targetBuckets: [], targetPrefix: '' }]],
  S3_BUCKET_PUBLIC_READ_PROHIBITED: [['s3-bucket-public-read-prohibited']],
  S3_BUCKET_PUBLIC_WRITE_PROHIBITED: [['s3-bucket-public-write-prohibited']],
  S3_BUCKET_REPLICATION_ENABLED: [['s3-bucket-replication-enabled']],
  S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED: [['s3-bucket-server-side-encryption-enabled']],
  S3_BUCKET_VERSIONING_ENABLED: [['s3-bucket-versioning-enabled', { mfaDeleteRequired: false }]],
  S3_DEFAULT_ENCRYPTION_KMS: [['s3-bucket-default-encryption-uses-kms', { kmsKeyArns: [] }]],
  S3_EVENT_NOTIFICATIONS_ENABLED: [['s3-bucket-event-notifications-enabled', { destinationArn: '', eventTypes: [] }]],
  S3_VERSION_LIFECYCLE_POLICY_CHECK: [['s3-bucket-versioned-lifecycle-configured']],
  SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED: [['vpc-subnet-public-ip-auto-assign-disabled']],
  VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS: [['vpc-security-group-open-ports-authorized', { authorizedTcpPorts: ['443'], authorizedUdpPorts: [] }]],
  VPC_VPN_2_TUNNELS_UP: [['vpc-vpn-tunnels-up']],
  ELB_ACM_CERTIFICATE_REQUIRED: [['elb-classic-certificates-from-acm']],
  ELB_TLS_HTTPS_LISTENERS_ONLY: [['elb-classic-listeners-https-or-ssl']],
  ELB_CROSS_ZONE_LOAD_BALANCING_ENABLED: [['elb-classic-cross-zone-enabled']],
  ELB_LOGGING_ENABLED: [['elb-access-logs-enabled', { s3BucketNames: [] }]],
  ELB_DELETION_PROTECTION_ENABLED: [['elb-deletion-protection-enabled']],
  ELBV2_ACM_CERTIFICATE_REQUIRED: [['elb-v2-certificates-from-acm', { allowedCertificateArns: [] }]],
  ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK: [['elb-alb-http-redirects-to-https']],
  ALB_WAF_ENABLED: [['elb-alb-waf-associated', { wafWebAclIds: [] }]],
  AUTOSCALING_GROUP_ELB_HEALTHCHECK_REQUIRED: [['autoscaling-group-elb-health-check-enabled']],
  AUTOSCALING_LAUNCH_CONFIG_PUBLIC_IP_DISABLED: [['autoscaling-launch-config-public-ip-disabled']],
  BEANSTALK_ENHANCED_HEALTH_REPORTING_ENABLED: [['elasticbeanstalk-environment-enhanced-health-enabled']],
  DMS_REPLICATION_NOT_PUBLIC: [['dms-replication-instance-not-public']],
  ECS_CONTAINERS_READONLY_ACCESS: [['ecs-container-root-filesystem-read-only']],
  ECS_TASK_DEFINITION_USER_FOR_HOST_MODE_CHECK: [['ecs-task-definition-host-network-non-root']],
  ELASTIC_BEANSTALK_MANAGED_UPDATES_ENABLED: [['elasticbeanstalk-environment-managed-updates-enabled', { updateLevel: 'any' }]],
  ELASTICACHE_REDIS_CLUSTER_AUTOMATIC_BACKUP_CHECK: [['elasticache-redis-automatic-backup-enabled', { minRetentionDays: 15 }]],
  EMR_MASTER_NO_PUBLIC_IP: [['emr-cluster-master-public-ip-absent']],
  EC2_INSTANCE_MANAGED_BY_SSM: [['ssm-ec2-instance-managed']],
  EC2_MANAGEDINSTANCE_ASSOCIATION_COMPLIANCE_STATUS_CHECK: [['ssm-instance-association-compliant']],
  EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK: [['ssm-instance-patch-compliant']],
  SSM_DOCUMENT_NOT_PUBLIC: [['ssm-document-not-public']],
  SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED: [['sagemaker-notebook-kms-key-configured', { keyArns: [] }]],
  SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS: [['sagemaker-notebook-direct-internet-access-disabled']],
  SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED: [['sagemaker-endpoint-config-kms-key-configured', { keyArns: [] }]],
  REDSHIFT_BACKUP_ENABLED: [['redshift-cluster-automated-snapshots-enabled', { minRetentionDays: 1, maxRetentionDays: 35 }]],
  REDSHIFT_CLUSTER_CONFIGURATION_CHECK: [['redshift-cluster-encrypted-and-audit-logged', { clusterDbEncrypted: true, loggingEnabled: true, nodeTypes: [] }]],
  REDSHIFT_CLUSTER_KMS_ENABLED: [['redshift-cluster-kms-encrypted', { kmsKeyArns: [] }]],
  REDSHIFT_CLUSTER_MAINTENANCESETTINGS_CHECK: [['redshift-cluster-maintenance-settings-configured', { allowVersionUpgrade: true, preferredMaintenanceWindow: '', minSnapshotRetentionDays: 1 }]],
  REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK: [['redshift-cluster-not-publicly-accessible']],
  REDSHIFT_DEFAULT_ADMIN_CHECK: [['redshift-cluster-admin-username-not-default', { allowedUsernames: [] }]],
  REDSHIFT_ENHANCED_VPC_ROUTING_ENABLED: [['redshift-cluster-enhanced-vpc-routing-enabled']],
  REDSHIFT_REQUIRE_TLS_SSL: [['redshift-cluster-ssl-required']],
  OPENSEARCH_ENCRYPTED_AT_REST: [['opensearch-domain-encrypted-at-rest']],
  ELASTICSEARCH_ENCRYPTED_AT_REST: [['opensearch-domain-encrypted-at-rest']],
  OPENSEARCH_IN_VPC_ONLY: [['opensearch-domain-in-vpc']],
  ELASTICSEARCH_IN_VPC_ONLY: [['opensearch-domain-in-vpc']],
  OPENSEARCH_LOGS_TO_CLOUDWATCH: [['opensearch-domain-logs-to-cloudwatch', { logTypes: [] }]],
  ELASTICSEARCH_LOGS_TO_CLOUDWATCH: [['opensearch-domain-logs-to-cloudwatch', { logTypes: [] }]],
  OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK: [['opensearch-domain-node-to-node-encryption-enabled']],
  ELASTICSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK: [['opensearch-domain-node-to-node-encryption-enabled']],
  OPENSEARCH_HTTPS_REQUIRED: [['opensearch-domain-https-required', { tlsPolicies: [] }]],
  LAMBDA_DLQ_CHECK: [['lambda-function-dlq-configured', { dlqArns: [] }]],
  LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED: [['lambda-function-not-public']],
  SECRETSMANAGER_ROTATION_ENABLED_CHECK: [['secretsmanager-secret-rotation-enabled', { maxRotationDays: [] }]],
  SECRETSMANAGER_USING_CMK: [['secretsmanager-secret-encrypted-with-cmk', { kmsKeyArns: [] }]],
  API_GW_ASSOCIATED_WITH_WAF: [['apigateway-stage-waf-associated']],
  API_GW_CACHE_ENABLED_AND_ENCRYPTED: [['apigateway-stage-cache-enabled-encrypted']],
  API_GW_EXECUTION_LOGGING_ENABLED: [['apigateway-stage-execution-logging-enabled', { loggingLevels: ['ERROR', 'INFO'] }]],
  API_GW_SSL_ENABLED: [['apigateway-stage-client-certificate-configured']],
  WAFV2_LOGGING_ENABLED: [['wafv2-web-acl-logging-enabled']],
  ACM_CERTIFICATE_EXPIRATION_CHECK: [['acm-certificate-not-expiring', { daysToExpiration: 90 }]],
  SNS_ENCRYPTED_KMS: [['sns-topic-kms-encrypted']],
  DYNAMODB_PITR_ENABLED: [['dynamodb-table-pitr-enabled']],
  DYNAMODB_TABLE_ENCRYPTED_KMS: [['dynamodb-table-encrypted-with-kms', { kmsKeyArns: [] }]],
  DYNAMODB_AUTOSCALING_ENABLED: [['dynamodb-table-autoscaling-enabled']],
  DYNAMODB_THROUGHPUT_LIMIT_CHECK: [['dynamodb-account-throughput-within-limit', { accountRCUThresholdPercentage: 80, accountWCUThresholdPercentage: 80 }]],
  DYNAMODB_IN_BACKUP_PLAN: [['backup-dynamodb-table-in-plan']],
  EBS_IN_BACKUP_PLAN: [['backup-ebs-volume-in-plan']],
  EFS_IN_BACKUP_PLAN: [['backup-efs-file-system-in-plan']],
  CODEBUILD_PROJECT_ARTIFACT_ENCRYPTION: [['codebuild-project-artifacts-encrypted']],
  CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK: [['codebuild-project-no-plaintext-aws-credentials']],
  KINESIS_STREAM_ENCRYPTED: [['kinesis-stream-encrypted']],
  // Checks written for CIS that implement a rule of the pack as AWS documents it.
  ACCESS_KEYS_ROTATED: [['iam-access-key-rotated', { maxAgeDays: 90 }]],
  CLOUD_TRAIL_ENCRYPTION_ENABLED: [['cloudtrail-kms-encryption-enabled']],
  CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED: [['cloudtrail-log-file-validation-enabled']],
  CLOUD_TRAIL_ENABLED: [['cloudtrail-multi-region-trail-logging']],
  MULTI_REGION_CLOUD_TRAIL_ENABLED: [['cloudtrail-multi-region-trail-logging']],
  CMK_BACKING_KEY_ROTATION_ENABLED: [['kms-key-rotation-enabled']],
  EC2_EBS_ENCRYPTION_BY_DEFAULT: [['ec2-ebs-default-encryption-enabled']],
  EC2_IMDSV2_CHECK: [['ec2-instance-imdsv2-required']],
  EC2_INSTANCE_PROFILE_ATTACHED: [['ec2-instance-profile-attached']],
  EFS_ENCRYPTED_CHECK: [['efs-file-system-encrypted']],
  IAM_ROOT_ACCESS_KEY_CHECK: [['iam-root-access-key-absent']],
  IAM_USER_NO_POLICIES_CHECK: [['iam-user-no-direct-policies']],
  IAM_USER_UNUSED_CREDENTIALS_CHECK: [['iam-credentials-unused-disabled', { maxUnusedDays: 90 }]],
  MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS: [['iam-user-console-mfa-enabled']],
  RDS_INSTANCE_PUBLIC_ACCESS_CHECK: [['rds-instance-not-publicly-accessible']],
  RDS_STORAGE_ENCRYPTED: [['rds-instance-storage-encrypted']],
  ROOT_ACCOUNT_HARDWARE_MFA_ENABLED: [['iam-root-hardware-mfa-enabled']],
  ROOT_ACCOUNT_MFA_ENABLED: [['iam-root-mfa-enabled']],
  S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC: [['s3-public-access-blocked']],
  S3_BUCKET_SSL_REQUESTS_ONLY: [['s3-bucket-secure-transport-required']],
  SECURITYHUB_ENABLED: [['securityhub-hub-enabled']],
  VPC_DEFAULT_SECURITY_GROUP_CLOSED: [['ec2-default-security-group-restricted']],
  VPC_FLOW_LOGS_ENABLED: [['vpc-flow-logs-enabled']],
};

// The pack's rules our CIS checks bear on without implementing them as AWS documents them (other
// parameters, or a narrower scope): cited through CITED_RULES and the hand-picked checks above, and
// listed in the coverage document only.
const EARLIER_RULE_CHECKS = {
  CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED: ['cloudwatch-metric-filter-alarm-configured'],
  CLOUDTRAIL_S3_DATAEVENTS_ENABLED: ['cloudtrail-s3-object-logging-enabled'],
  IAM_PASSWORD_POLICY: ['iam-password-policy-minimum-length', 'iam-password-policy-reuse-prevented'],
  IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS: ['iam-policy-no-full-admin-attached'],
};


// Rules of the pack that AWS maps to no control; we cite their checks where their evidence bears.
const UNMAPPED_RULE_CONTROLS = {
  IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS: ['AC-6'], // least privilege: decryption not granted on every key
  IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS: ['AC-6'],
  RDS_CLUSTER_MULTI_AZ_ENABLED: ['CP-10'], // recovery: a standby in another zone
  RDS_INSTANCE_DEFAULT_ADMIN_CHECK: ['IA-5'], // default, guessable administrator account names
  S3_EVENT_NOTIFICATIONS_ENABLED: ['SI-4'], // object events reach monitoring
  S3_VERSION_LIFECYCLE_POLICY_CHECK: ['SI-12'], // retention of object versions
  CODEBUILD_PROJECT_ARTIFACT_ENCRYPTION: ['SC-28', 'SC-28(1)'], // build artifacts encrypted at rest
  CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK: ['IA-5'], // no access keys in plain text in build settings
  KINESIS_STREAM_ENCRYPTED: ['SC-28', 'SC-28(1)'], // stream data encrypted at rest
  ECS_CONTAINERS_READONLY_ACCESS: ['CM-7'], // least functionality: containers cannot change their own file system
  OPENSEARCH_HTTPS_REQUIRED: ['SC-8', 'SC-8(1)'], // transmission confidentiality (the ELASTICSEARCH_ rules have no such variant)
  OPENSEARCH_LOGS_TO_CLOUDWATCH: ['AU-12'], // audit record generation (ELASTICSEARCH_LOGS_TO_CLOUDWATCH is mapped)
  REDSHIFT_DEFAULT_ADMIN_CHECK: ['IA-5'], // default, guessable administrator account names
  // Mapped by AWS only to enhancements outside the MODERATE selection; cited where their evidence bears.
  ACM_CERTIFICATE_EXPIRATION_CHECK: ['SC-12', 'SC-17'], // SC-7(12), SC-7(16): certificates kept valid
  ALB_WAF_ENABLED: ['SC-7'], // AC-4(21): traffic filtered at the boundary
  API_GW_ASSOCIATED_WITH_WAF: ['SC-7'], // AC-4(21)
};

const configRules = new Map();
// Every rule of the pack, those AWS maps to no control included.
const allPackRules = new Set();
for (const line of readFileSync(mappingFile, 'utf8').trim().split('\n').slice(1)) {
  const [pack, ids, , identifier] = line.split('\t');
  if (pack === 'NIST-800-53-rev-5') allPackRules.add(identifier);
  if (pack !== 'NIST-800-53-rev-5' || !ids) continue;
  for (const raw of ids.split(';')) {
    const m = /^([A-Z]{2}-\d+)(\(\d+\))?/.exec(raw);
    if (!m) fail(`unexpected control id "${raw}" in ${mappingFile}`);
    const label = m[1] + (m[2] ?? '');
    if (!configRules.has(label)) configRules.set(label, new Set());
    configRules.get(label).add(identifier);
  }
}

const out = [
  `# generated by scripts/gen-nist-catalog.mjs; do not edit. Regenerate: node scripts/gen-nist-catalog.mjs`,
  '# NIST SP 800-53 rev5: the MODERATE-baseline controls and enhancements of the AC, AU, CM, CP, IA, SC and SI',
  '# families, with ids and titles from the NIST OSCAL catalog (SP 800-53 5.0.1; baseline 5.1.1). A control is',
  '# automated only where our checks decide its whole AWS-configuration aspect; the rest are manual, and list our',
  '# checks where their evidence helps the reviewer. "AWS Config:" comments name the managed rules AWS maps to',
  '# the control in its NIST 800-53 rev5 conformance pack; those matching one of our checks are cited as evidence.',
  'framework: nist-800-53',
  'version: rev5',
  'title: NIST SP 800-53 Rev. 5 Security and Privacy Controls for Information Systems and Organizations',
  'source: >-',
  '  NIST Special Publication 800-53 Revision 5, OSCAL catalog 5.0.1 (usnistgov/oscal-content); scope: the',
  '  MODERATE baseline 5.1.1 in families AC, AU, CM, CP, IA, SC and SI',
  'sections:',
  ...catalog.groups.filter((g) => FAMILIES.includes(g.id)).map((g) => `  - { id: ${g.id.toUpperCase()}, title: ${g.title} }`),
  'requirements:',
];
const blocks = selected.map((c) => {
  const mapped = CONTROLS[c.label];
  const automated = mapped?.automated === true;
  // An automated control is decided by our checks alone: every rule AWS maps to it must have one.
  const missing = automated ? [...(configRules.get(c.label) ?? [])].filter((r) => !RULE_CHECKS[r]) : [];
  if (missing.length > 0) fail(`${c.label} is marked automated, but these rules of the pack have no check of ours: ${missing.join(', ')}`);
  const lines = [];
  const rules = [...(configRules.get(c.label) ?? [])].sort();
  if (rules.length > 0) lines.push(...wrap(`AWS Config: ${rules.join(', ')}`, '  # ', 116));
  const unmapped = Object.keys(UNMAPPED_RULE_CONTROLS).filter((r) => UNMAPPED_RULE_CONTROLS[r].includes(c.label));
  if (unmapped.length > 0) lines.push(...wrap(`Also (AWS's pack maps these to no control): ${unmapped.join(', ')}`, '  # ', 116));
  lines.push(`  - id: ${JSON.stringify(c.label)}`, `    section: ${c.family.toUpperCase()}`, field('title', c.title));
  lines.push(`    assessment: ${automated ? 'automated' : 'manual'}`);
  if (mapped?.description) lines.push(field('description', mapped.description));
  if (!automated) {
    const because = mapped?.because ?? (/^[a-z]{2}-1$/.test(c.id) ? DEFAULT_BECAUSE.policy : DEFAULT_BECAUSE[c.family]);
    lines.push(field('manual_because', because));
  }
  const cited = rules.filter((r) => CITED_RULES.has(r));
  if (ownChecks(mapped?.checks ?? [], [...rules, ...unmapped]).length > 0 || cited.length > 0) {
    lines.push('    checks:');
    for (const [check, params] of ownChecks(mapped?.checks ?? [], [...rules, ...unmapped])) lines.push(`      - { check: ${check}${params ? `, params: ${flow(params)}` : ''} }`);
    for (const rule of cited) lines.push(`      - { check: config-rule-compliant, params: { identifier: ${rule} } }`);
  }
  return lines.join('\n');
});
writeFileSync(outFile, `${out.join('\n')}\n${blocks.join('\n\n')}\n`);
writeCoverage();
const automatedCount = selected.filter((c) => CONTROLS[c.label]?.automated).length;
process.stdout.write(
  `gen-nist-catalog: wrote ${relative(process.cwd(), outFile)}: ${selected.length} controls, ${automatedCount} automated, ` +
    `${selected.length - automatedCount} manual, ${selected.filter((c) => CONTROLS[c.label]).length} with checks\n`,
);

/** docs/nist-coverage.md: control → our checks → the pack's rules, then every rule of the pack and what implements it. */
function writeCoverage() {
  const implemented = (rule) => [...new Set([...(EARLIER_RULE_CHECKS[rule] ?? []), ...(RULE_CHECKS[rule] ?? []).map(([c]) => c)])];
  const packRules = [...allPackRules].sort();
  const doc = [
    '<!-- generated by scripts/gen-nist-catalog.mjs; do not edit. Regenerate: node scripts/gen-nist-catalog.mjs -->',
    '# NIST SP 800-53 rev5 coverage',
    '',
    "Which of our checks bear on each control of `controls/nist-800-53-rev5.yaml`, and which AWS Config managed rules AWS's",
    '"Operational Best Practices for NIST 800-53 rev5" conformance pack maps to it. A control is automated only where our',
    'checks decide its whole AWS-configuration aspect; otherwise the checks are evidence beside "attestation required".',
    '',
    '| Control | Assessment | Our checks | Config rules of the pack |',
    '|---|---|---|---|',
    ...selected.map((c) => {
      const rules = [...(configRules.get(c.label) ?? [])].sort();
      const unmapped = Object.keys(UNMAPPED_RULE_CONTROLS).filter((r) => UNMAPPED_RULE_CONTROLS[r].includes(c.label));
      const ours = [...new Set(ownChecks(CONTROLS[c.label]?.checks ?? [], [...rules, ...unmapped]).map(([check]) => check))];
      return `| ${c.label} | ${CONTROLS[c.label]?.automated ? 'automated' : 'manual'} | ${ours.map((x) => `\`${x}\``).join(', ') || '—'} | ${rules.join(', ') || '—'} |`;
    }),
    '',
    `## The pack's ${packRules.length} rules`,
    '',
    `${packRules.filter((r) => implemented(r).length > 0).length} are implemented by our own checks, from the raw API answers in the bundle (AWS Config need not be deployed).`,
    '',
    '| Config rule | Our checks | Or why not yet |',
    '|---|---|---|',
    ...packRules.map((rule) => {
      const ours = implemented(rule);
      const why = ours.length > 0 ? '' : 'not implemented yet';
      return `| ${rule} | ${ours.map((x) => `\`${x}\``).join(', ') || '—'} | ${why} |`;
    }),
    '',
  ];
  writeFileSync(resolve(args.coverage ?? join(root, 'docs/nist-coverage.md')), doc.join('\n'));
}

/** The hand-picked checks of a control, then the rule checks of its managed rules (each once, in rule order). */
function ownChecks(picked, rules) {
  const all = [...picked];
  for (const rule of rules) {
    for (const [check, params] of RULE_CHECKS[rule] ?? []) {
      if (!all.some(([c, p]) => c === check && JSON.stringify(p ?? null) === JSON.stringify(params ?? null))) all.push([check, params]);
    }
  }
  return all;
}

function field(key, value) {
  const one = `    ${key}: ${yamlString(value)}`;
  if (one.length <= 116) return one;
  return [`    ${key}: >-`, ...wrap(value, '      ', 116)].join('\n');
}

/** Plain scalar when YAML reads it back as the same string, double-quoted otherwise. */
function yamlString(s) {
  const quote = /: |\s#|^[-?:,[\]{}#&*!|>'"%@`]|^\s|\s$/.test(s) || /^(true|false|null|yes|no|on|off|~)$/i.test(s) || /^[\d.+-]/.test(s);
  return quote ? JSON.stringify(s) : s;
}

function flow(value) {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${flow(v)}`).join(', ')} }`;
  if (typeof value === 'string') return /^[a-z][a-z0-9-]*$/.test(value) ? value : JSON.stringify(value);
  return String(value);
}

function wrap(text, indent, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

function parseArgs(argv) {
  const result = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    if (!['nist', 'mapping', 'out', 'coverage'].includes(key ?? '') || argv[i + 1] === undefined) fail(`unknown or incomplete option "${argv[i]}". Usage: node scripts/gen-nist-catalog.mjs [--nist DIR] [--mapping TSV] [--out FILE] [--coverage FILE]`);
    result[key] = argv[i + 1];
  }
  return result;
}

function fail(message) {
  process.stderr.write(`gen-nist-catalog: ${message}\n`);
  process.exit(1);
}
