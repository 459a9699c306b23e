import check from '../../../src/checks/vpc/vpc-flow-logs-enabled.js';
import { describeFlowLogs, describeVpcs, flowLog, vpc } from '../../helpers/aws-builders.js';
import { without } from '../../helpers/ec2-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const APP = 'vpc-0a3f5c9e1d2b47e86';
const DEFAULT = 'vpc-0default0000000001';
/** VPCs and flow logs in us-east-1; eu-west-1 has none of either. */
const network = (vpcs: object[], logs: object[]) => ({
  files: [
    describeVpcs('us-east-1', vpcs),
    describeFlowLogs('us-east-1', logs),
    describeVpcs('eu-west-1', []),
    describeFlowLogs('eu-west-1', []),
  ],
});

// CIS 3.7: every VPC has a flow log with status Active; the benchmark asks for rejected packets to be logged (REJECT or ALL).
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'VPC with an ACTIVE flow log of all traffic',
      evidence: network([vpc(APP)], [flowLog('fl-1', APP)]),
      reason: /VPC vpc-0a3f5c9e1d2b47e86 has ACTIVE flow log fl-1 \(traffic ALL to cloud-watch-logs\)/,
    },
    {
      name: 'VPC with an ACTIVE flow log of rejected traffic',
      evidence: network([vpc(APP)], [flowLog('fl-1', APP, { TrafficType: 'REJECT' })]),
    },
    {
      name: 'an ACCEPT log beside a REJECT log',
      evidence: network([vpc(APP)], [flowLog('fl-1', APP, { TrafficType: 'ACCEPT' }), flowLog('fl-2', APP, { TrafficType: 'REJECT' })]),
      reason: /fl-2/,
    },
    {
      name: 'a qualifying log whose delivery failed (the procedure reads the status only)',
      evidence: network([vpc(APP)], [flowLog('fl-1', APP, { DeliverLogsStatus: 'FAILED' })]),
      reason: /delivery status is FAILED/,
    },
    {
      name: 'a qualifying log without optional destination fields',
      evidence: network([vpc(APP)], [without(flowLog('fl-1', APP), 'LogDestinationType', 'DeliverLogsStatus', 'LogDestination')]),
    },
    { name: 'no VPCs', evidence: network([], []) },
  ],
  fail: [
    {
      name: 'default VPC without a flow log beside a logged VPC',
      evidence: network([vpc(APP), vpc(DEFAULT, true)], [flowLog('fl-1', APP)]),
      reason:
        /VPC vpc-0default0000000001 \(default VPC\) has no ACTIVE flow log with traffic REJECT or ALL \(none at all\) \(required: one ACTIVE flow log on the VPC with traffic REJECT or ALL\)/,
    },
    {
      name: 'only an ACCEPT flow log',
      evidence: network([vpc(APP)], [flowLog('fl-1', APP, { TrafficType: 'ACCEPT' })]),
      reason: /fl-1 is ACTIVE with traffic ACCEPT/,
    },
    { name: 'only a subnet flow log', evidence: network([vpc(APP)], [flowLog('fl-2', 'subnet-0b1c2d3e4f5a6b7c8')]), reason: /none at all/ },
    { name: 'a flow log of another VPC', evidence: network([vpc(APP)], [flowLog('fl-3', 'vpc-0other')]), reason: /none at all/ },
    {
      name: 'a flow log that is not ACTIVE',
      evidence: network([vpc(APP)], [flowLog('fl-4', APP, { FlowLogStatus: 'INACTIVE' })]),
      reason: /fl-4 is INACTIVE/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeFlowLogs unauthorized in us-east-1',
      evidence: { files: [describeVpcs('us-east-1', [vpc(APP)]), describeVpcs('eu-west-1', []), describeFlowLogs('eu-west-1', [])] },
      collectionError: { service: 'ec2', operation: 'DescribeFlowLogs', code: 'UnauthorizedOperation', region: 'us-east-1' },
      reason: /ec2:DescribeFlowLogs in 111122223333\/us-east-1 failed during collection: UnauthorizedOperation/,
    },
    {
      name: 'an ACTIVE flow log without TrafficType',
      evidence: network([vpc(APP)], [without(flowLog('fl-1', APP), 'TrafficType')]),
      reason: /fl-1 is ACTIVE with traffic \(no TrafficType\)/,
    },
    {
      name: 'a REJECT flow log without FlowLogStatus',
      evidence: network([vpc(APP)], [without(flowLog('fl-1', APP, { TrafficType: 'REJECT' }), 'FlowLogStatus')]),
      reason: /without FlowLogStatus/,
    },
    {
      name: "a flow log without ResourceId may be the VPC's",
      evidence: network([vpc(APP)], [without(flowLog('fl-5', APP), 'ResourceId')]),
      reason: /fl-5 names no ResourceId/,
    },
    {
      name: 'a VPC record without VpcId beside a logged VPC',
      evidence: network([vpc(APP), without(vpc('vpc-0lost'), 'VpcId')], [flowLog('fl-1', APP)]),
      reason: /lacks VpcId/,
    },
  ],
});
