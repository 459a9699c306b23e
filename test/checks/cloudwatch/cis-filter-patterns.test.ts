import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/cloudwatch/cloudwatch-metric-filter-alarm-configured.js';
import { findingsFor } from '../../helpers/test-check.js';
import {
  describeAlarms,
  describeTrails,
  eventSelectors,
  metricAlarm,
  metricFilters,
  topicSubscriptions,
  trail,
  trailStatus,
} from '../../helpers/aws-builders.js';

/** The filter patterns as the CIS AWS Foundations Benchmark's remediation steps print them. */
const CIS: Record<string, string> = {
  'unauthorized-api-calls':
    '{($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
  'console-signin-without-mfa':
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  'root-usage': '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  'iam-policy-changes':
    '{($.eventSource=iam.amazonaws.com) && (($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=SetDefaultPolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy))}',
  'cloudtrail-changes':
    '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
  'console-auth-failures': '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  'cmk-disable-or-delete': '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }',
  's3-bucket-policy-changes':
    '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }',
  'config-changes':
    '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel) ||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }',
  'security-group-changes':
    '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
  'nacl-changes':
    '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
  'network-gateway-changes':
    '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }',
  'route-table-changes':
    '{($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }',
  'vpc-changes':
    '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }',
  'organizations-changes':
    '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
};

const GROUP = 'aws-cloudtrail-logs-acme';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:security-alerts';

describe('cloudwatch-metric-filter-alarm-configured on the benchmark patterns', () => {
  const main = trail('main-trail', { CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:111122223333:log-group:${GROUP}:*` });
  const filters = Object.entries(CIS).map(([name, pattern]) => ({ name, pattern }));
  const files = [
    describeTrails('us-east-1', [main]),
    describeTrails('eu-west-1', [main]),
    trailStatus(main),
    eventSelectors(main),
    metricFilters('us-east-1', GROUP, filters),
    describeAlarms(
      'us-east-1',
      filters.map((f) => metricAlarm('us-east-1', f.name, [TOPIC])),
    ),
    describeAlarms('eu-west-1', []),
    topicSubscriptions(TOPIC, 'confirmed'),
  ];

  it('covers every pattern the check accepts', () => {
    const spec = check.params['pattern'];
    expect(spec?.type === 'string' && [...(spec.enum ?? [])].sort()).toEqual(Object.keys(CIS).sort());
  });

  for (const pattern of Object.keys(CIS)) {
    it(`passes the benchmark's ${pattern} filter through its own metric and alarm`, async () => {
      const findings = await findingsFor(check, '2026-09-30T00:00:00Z', { pattern }, { name: pattern, evidence: { files } });
      expect(findings.map((f) => f.status)).toEqual(['PASS']);
      expect(findings[0]?.reason).toContain(`metric filter ${pattern} → alarm ${pattern}-alarm`);
    });
  }
});
