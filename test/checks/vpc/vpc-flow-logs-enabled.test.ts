import check from '../../../src/checks/vpc/vpc-flow-logs-enabled.js';
import { describeFlowLogs, describeVpcs, flowLog, vpc } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const APP = 'vpc-0a3f5c9e1d2b47e86';
/** VPCs and flow logs in us-east-1; eu-west-1 has none of either. */
const network = (vpcs: object[], logs: object[]) => ({
  files: [
    describeVpcs('us-east-1', vpcs),
    describeFlowLogs('us-east-1', logs),
    describeVpcs('eu-west-1', []),
    describeFlowLogs('eu-west-1', []),
  ],
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'VPC with an ACTIVE flow log of all traffic',
      evidence: network([vpc(APP)], [flowLog('fl-1', APP)]),
      reason: /VPC vpc-0a3f5c9e1d2b47e86 has ACTIVE flow log fl-1 \(traffic ALL to cloud-watch-logs\)/,
    },
    { name: 'no VPCs', evidence: network([], []) },
  ],
  fail: [
    {
      name: 'default VPC without a flow log beside a logged VPC',
      evidence: network(
        [vpc(APP), vpc('vpc-0default0000000001', true)],
        [flowLog('fl-1', APP), flowLog('fl-2', 'subnet-0b1c2d3e4f5a6b7c8')],
      ),
      reason: /VPC vpc-0default0000000001 \(default VPC\) has no ACTIVE flow log \(required: at least one\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'DescribeFlowLogs unauthorized in us-east-1',
      evidence: { files: [describeVpcs('us-east-1', [vpc(APP)]), describeVpcs('eu-west-1', []), describeFlowLogs('eu-west-1', [])] },
      collectionError: { service: 'ec2', operation: 'DescribeFlowLogs', code: 'UnauthorizedOperation', region: 'us-east-1' },
      reason: /ec2:DescribeFlowLogs in 111122223333\/us-east-1 failed during collection: UnauthorizedOperation/,
    },
  ],
});
