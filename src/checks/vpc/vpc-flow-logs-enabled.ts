import { flowLogs, vpcs, type FlowLog } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

// The benchmark asks for flow logs that capture rejected packets: REJECT, or ALL which includes them.
const CAPTURES_REJECTS = ['REJECT', 'ALL'];

/** Every VPC records its rejected traffic in an active flow log. */
export default defineCheck({
  id: 'vpc-flow-logs-enabled',
  title: 'VPC flow logging is enabled in all VPCs',
  description:
    'For every VPC in DescribeVpcs, DescribeFlowLogs must show a flow log on the VPC itself (ResourceId) with FlowLogStatus ACTIVE and TrafficType REJECT or ALL. Subnet and interface flow logs do not count; a flow log that leaves out its status, traffic type or resource makes an otherwise failing VPC not evaluated.',
  scope: 'region',
  needs: { vpcs, flowLogs },
  params: {},
  *run({ vpcs: list, flowLogs: logs }, ctx) {
    const upper = (value: string | undefined): string | undefined => value?.toUpperCase();
    const qualifies = (l: FlowLog): boolean => upper(l.status) === 'ACTIVE' && CAPTURES_REJECTS.includes(upper(l.trafficType) ?? '');
    const describe = (l: FlowLog): string =>
      `${l.id} is ${l.status ?? 'without FlowLogStatus'} with traffic ${l.trafficType ?? '(no TrafficType)'}`;
    const limit = 'required: one ACTIVE flow log on the VPC with traffic REJECT or ALL';
    const unplaced = logs.filter((l) => l.resourceId === undefined);
    for (const vpc of list) {
      const name = `VPC ${vpc.id}${vpc.name ? ` (${vpc.name})` : ''}${vpc.isDefault ? ' (default VPC)' : ''}`;
      const own = logs.filter((l) => l.resourceId === vpc.id);
      const good = own.find(qualifies);
      // A log that might qualify if its missing fields were known, or might be this VPC's, forbids a FAIL as much as a PASS.
      const unclear = [
        ...own.filter(
          (l) =>
            (l.status === undefined || upper(l.status) === 'ACTIVE') &&
            (l.trafficType === undefined || CAPTURES_REJECTS.includes(upper(l.trafficType) ?? '')) &&
            !qualifies(l),
        ),
        ...unplaced,
      ];
      if (good) {
        const delivery =
          good.deliverLogsStatus && upper(good.deliverLogsStatus) !== 'SUCCESS' ? `; its delivery status is ${good.deliverLogsStatus}` : '';
        yield ctx.pass(
          vpc.arn,
          `${name} has ACTIVE flow log ${good.id} (traffic ${good.trafficType ?? ''} to ${good.destinationType ?? 'an unstated destination'})${delivery} (${limit})`,
        );
      } else if (unclear.length > 0) {
        yield ctx.notEvaluated(
          vpc.arn,
          `${name} has no flow log that is known to qualify, and the evidence leaves some unclear: ${unclear.map((l) => (l.resourceId === undefined ? `${l.id} names no ResourceId` : describe(l))).join(', ')} (${limit})`,
        );
      } else {
        const seen = own.map(describe);
        yield ctx.fail(
          vpc.arn,
          `${name} has no ACTIVE flow log with traffic REJECT or ALL${seen.length > 0 ? ` (${seen.join(', ')})` : ' (none at all)'} (${limit})`,
        );
      }
    }
  },
});
