import type { LoadBalancerDescription } from '@aws-sdk/client-elastic-load-balancing';
import type { Listener, LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Wire } from '../../bundle/evidence/wire.js';
import { defineSource } from './source.js';

// 400 is the most the load-balancing Describe* listings return a page.
const PAGE_SIZE = 400;

/** The error codes of a load balancer or listener deleted between the listing and the call. */
const LB_GONE = ['LoadBalancerNotFound'];
const LISTENER_GONE = ['LoadBalancerNotFound', 'ListenerNotFound'];

/**
 * Per region: Classic Load Balancers (listeners come with the listing) and the attributes of each
 * (cross-zone, access log); ELBv2 load balancers and the attributes of each (deletion protection,
 * access logs); the listeners of each application and network load balancer; the rules of each
 * HTTP listener of an application load balancer (AWS Config's redirect rule reads every rule);
 * and the WAF web ACL of each application load balancer.
 */
export default defineSource({
  id: 'load-balancing',
  scope: 'region',
  services: ['elb', 'elbv2', 'wafv2'],
  async collect(ctx) {
    const elb = await import('../../shared/aws-sdk/client-elastic-load-balancing.js');
    const elbv2 = await import('../../shared/aws-sdk/client-elastic-load-balancing-v2.js');

    const classic = await ctx.pages(
      { service: 'elb', operation: 'DescribeLoadBalancers' },
      (client, startingToken, options) => elb.paginateDescribeLoadBalancers({ client, startingToken }, { PageSize: PAGE_SIZE }, options),
      (page) => page.NextMarker,
    );
    await ctx.each(unique(classic?.flatMap((page) => page.LoadBalancerDescriptions ?? []) ?? [], classicName), async (name) => {
      await ctx.call(
        {
          service: 'elb',
          operation: 'DescribeLoadBalancerAttributes',
          parameters: { LoadBalancerName: name },
          key: name,
          notFound: LB_GONE,
        },
        (client, options) => client.send(new elb.DescribeLoadBalancerAttributesCommand({ LoadBalancerName: name }), options),
      );
    });

    const v2 = await ctx.pages(
      { service: 'elbv2', operation: 'DescribeLoadBalancers' },
      (client, startingToken, options) => elbv2.paginateDescribeLoadBalancers({ client, startingToken }, { PageSize: PAGE_SIZE }, options),
      (page) => page.NextMarker,
    );
    const loadBalancers = v2?.flatMap((page) => page.LoadBalancers ?? []) ?? [];
    await ctx.each(v2Targets(loadBalancers), async ({ arn, id, type }) => {
      await ctx.call(
        { service: 'elbv2', operation: 'DescribeLoadBalancerAttributes', parameters: { LoadBalancerArn: arn }, key: id, notFound: LB_GONE },
        (client, options) => client.send(new elbv2.DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }), options),
      );
      // Gateway load balancers have no TLS listeners and no HTTP rules: none of the checks reads their listeners.
      if (type !== 'application' && type !== 'network') return;
      const listeners = await ctx.pages(
        { service: 'elbv2', operation: 'DescribeListeners', parameters: { LoadBalancerArn: arn }, key: id, notFound: LB_GONE },
        (client, startingToken, options) =>
          elbv2.paginateDescribeListeners({ client, startingToken }, { LoadBalancerArn: arn, PageSize: PAGE_SIZE }, options),
        (page) => page.NextMarker,
      );
      if (type !== 'application') return;
      await ctx.each(httpListeners(listeners?.flatMap((page) => page.Listeners ?? []) ?? []), async (listener) => {
        await ctx.pages(
          {
            service: 'elbv2',
            operation: 'DescribeRules',
            parameters: { ListenerArn: listener.arn },
            key: listener.id,
            notFound: LISTENER_GONE,
          },
          (client, startingToken, options) =>
            elbv2.paginateDescribeRules({ client, startingToken }, { ListenerArn: listener.arn, PageSize: PAGE_SIZE }, options),
          (page) => page.NextMarker,
        );
      });
      const wafv2 = await import('../../shared/aws-sdk/client-wafv2.js');
      await ctx.call(
        {
          service: 'wafv2',
          operation: 'GetWebACLForResource',
          parameters: { ResourceArn: arn },
          key: id,
          notFound: ['WAFNonexistentItemException'],
        },
        (client, options) => client.send(new wafv2.GetWebACLForResourceCommand({ ResourceArn: arn }), options),
      );
    });
  },
});

function classicName(lb: Wire<LoadBalancerDescription>): string | undefined {
  return typeof lb.LoadBalancerName === 'string' && lb.LoadBalancerName !== '' ? lb.LoadBalancerName : undefined;
}

function unique<T>(records: readonly T[], key: (record: T) => string | undefined): string[] {
  return [...new Set(records.flatMap((r) => key(r) ?? []))];
}

/**
 * The ELBv2 load balancers with an ARN, each once, with the id that ends the ARN (files of
 * per-resource calls are named by a parameter's last segment).
 */
function v2Targets(loadBalancers: readonly Wire<LoadBalancer>[]): { arn: string; id: string; type: string | undefined }[] {
  const seen = new Set<string>();
  return loadBalancers.flatMap((lb) => {
    const arn = lb.LoadBalancerArn;
    if (typeof arn !== 'string' || arn === '' || seen.has(arn)) return [];
    seen.add(arn);
    // arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/acme-web/50dc6c495c0c9188
    return [{ arn, id: arn.split(/[/:]/).pop() || arn, type: typeof lb.Type === 'string' ? lb.Type : undefined }];
  });
}

/** The HTTP listeners of a listing (their ARN and the id at its end), each once. */
function httpListeners(listeners: readonly Wire<Listener>[]): { arn: string; id: string }[] {
  const seen = new Set<string>();
  return listeners.flatMap((l) => {
    const arn = l.ListenerArn;
    if (l.Protocol !== 'HTTP' || typeof arn !== 'string' || arn === '' || seen.has(arn)) return [];
    seen.add(arn);
    return [{ arn, id: arn.split(/[/:]/).pop() || arn }];
  });
}
