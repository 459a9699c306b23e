import { vpnConnections } from '../../bundle/evidence/ec2.js';
import { defineCheck } from '../define-check.js';

/** Both tunnels of every Site-to-Site VPN connection are up. */
export default defineCheck({
  id: 'vpc-vpn-tunnels-up',
  title: 'Site-to-Site VPN connections have both tunnels up',
  description:
    'For every VPN connection in DescribeVpnConnections that is not deleted or being deleted, VgwTelemetry must list two tunnels and each must have Status "UP" (AWS Config: NON_COMPLIANT when one or both tunnels are DOWN). A connection listing fewer than two tunnels (none while pending), or a tunnel without a Status, or with one other than UP or DOWN, is not evaluated.',
  scope: 'region',
  needs: { connections: vpnConnections },
  params: {},
  *run({ connections }, ctx) {
    for (const vpn of connections) {
      if (vpn.state === 'deleted' || vpn.state === 'deleting') continue;
      const name = `VPN connection ${vpn.id}${vpn.name ? ` (${vpn.name})` : ''}`;
      const tunnel = (t: (typeof vpn.tunnels)[number]) =>
        `tunnel ${t.outsideIp ?? '(no outside address)'} ${t.status ?? 'without Status'}${t.statusMessage ? ` (${t.statusMessage})` : ''}`;
      const down = vpn.tunnels.filter((t) => t.status === 'DOWN');
      const unread = vpn.tunnels.filter((t) => t.status !== 'UP' && t.status !== 'DOWN');
      if (down.length > 0) yield ctx.fail(vpn.arn, `${name} has ${down.map(tunnel).join(', ')} (required: both tunnels UP)`);
      else if (vpn.tunnels.length < 2)
        yield ctx.notEvaluated(
          vpn.arn,
          `${name} (${vpn.state ?? 'no State'}) lists ${vpn.tunnels.length} tunnel${vpn.tunnels.length === 1 ? '' : 's'} in VgwTelemetry, but every connection has two`,
        );
      else if (unread.length > 0) yield ctx.notEvaluated(vpn.arn, `${name} has ${unread.map(tunnel).join(', ')}, neither UP nor DOWN`);
      else yield ctx.pass(vpn.arn, `${name} has both tunnels UP (${vpn.tunnels.map((t) => t.outsideIp ?? '?').join(', ')})`);
    }
  },
});
