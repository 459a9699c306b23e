import { flowLogs, vpcs } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

/** Every VPC records its traffic in a flow log. */
export default defineCheck({
  id: 'vpc-flow-logs-enabled',
  title: 'VPC flow logging is enabled in all VPCs',
  description: 'For every VPC in DescribeVpcs, DescribeFlowLogs must show at least one flow log on the VPC with FlowLogStatus ACTIVE.',
  scope: 'region',
  needs: { vpcs, flowLogs },
  params: {},
  *run({ vpcs: list, flowLogs: logs }, ctx) {
    for (const vpc of list) {
      const name = `VPC ${vpc.id}${vpc.name ? ` (${vpc.name})` : ''}${vpc.isDefault ? ' (default VPC)' : ''}`;
      const own = logs.filter((l) => l.resourceId === vpc.id);
      const active = own.find((l) => l.status === 'ACTIVE');
      if (active) {
        yield ctx.pass(
          vpc.arn,
          `${name} has ACTIVE flow log ${active.id} (traffic ${active.trafficType ?? 'unknown'} to ${active.destinationType ?? 'unknown destination'})`,
        );
      } else {
        const seen = own.map((l) => `${l.id} is ${l.status ?? 'without status'}`);
        yield ctx.fail(vpc.arn, `${name} has no ACTIVE flow log${seen.length > 0 ? ` (${seen.join(', ')})` : ''} (required: at least one)`);
      }
    }
  },
});
