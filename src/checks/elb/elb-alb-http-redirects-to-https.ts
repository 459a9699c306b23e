import { elbv2LoadBalancers, type Elbv2Action } from '../../bundle/evidence/elb.js';
import type { FileRef } from '../../bundle/read-bundle.js';
import { defineCheck } from '../define-check.js';

const redirectsToHttps = (a: Elbv2Action): boolean => a.type === 'redirect' && a.redirectProtocol?.toUpperCase() === 'HTTPS';

/** Every HTTP listener of an application load balancer redirects every request to HTTPS. */
export default defineCheck({
  id: 'elb-alb-http-redirects-to-https',
  title: 'Application load balancers redirect all HTTP requests to HTTPS',
  description:
    'For every application load balancer, every HTTP listener in DescribeListeners must redirect to HTTPS: each action of its default actions and of every rule in its DescribeRules (the default rule included) must be a redirect whose RedirectConfig.Protocol is HTTPS, as AWS Config evaluates it. A load balancer with only HTTPS listeners (or none) passes. A failed or unreadable DescribeListeners or DescribeRules answer is not evaluated.',
  scope: 'region',
  needs: { loadBalancers: elbv2LoadBalancers },
  params: {},
  *run({ loadBalancers }, ctx) {
    for (const lb of loadBalancers) {
      if (lb.type === 'network' || lb.type === 'gateway') continue;
      if (lb.type === undefined || lb.listeners === undefined) {
        yield ctx.notEvaluated(
          lb.arn,
          `load balancer ${lb.name}: DescribeLoadBalancers shows no Type, so its listeners were not asked for`,
        );
        continue;
      }
      const name = `application load balancer ${lb.name}`;
      if (!lb.listeners.ok) {
        yield ctx.notEvaluated(lb.arn, `${name}: ${lb.listeners.reason}`);
        continue;
      }
      const files: FileRef[] = [...lb.listeners.files];
      const http = lb.listeners.value.filter((l) => l.protocol === 'HTTP');
      if (http.length === 0) {
        yield ctx.pass(lb.arn, `${name} has no HTTP listener${lb.listeners.value.length === 0 ? ' (no listeners at all)' : ''}`, files);
        continue;
      }
      const unknown: string[] = [];
      const failing: string[] = [];
      for (const l of http) {
        const port = `HTTP:${l.port ?? '?'}`;
        if (!l.defaultActions.ok) unknown.push(`${port}: its DefaultActions could not be read (${l.defaultActions.reason})`);
        else if (!l.defaultActions.value.every(redirectsToHttps))
          failing.push(`${port} default action ${describe(l.defaultActions.value)}`);
        if (l.rules === undefined || !l.rules.ok) {
          unknown.push(`${port}: ${l.rules?.ok === false ? l.rules.reason : 'its rules were not collected'}`);
          continue;
        }
        files.push(...l.rules.files);
        for (const rule of l.rules.value.filter((r) => !r.actions.every(redirectsToHttps)))
          failing.push(`${port} ${rule.isDefault ? 'default rule' : `rule ${rule.priority}`} ${describe(rule.actions)}`);
      }
      if (failing.length > 0) yield ctx.fail(lb.arn, `${name}: ${[...new Set(failing)].join('; ')} (required: redirect to HTTPS)`, files);
      else if (unknown.length > 0) yield ctx.notEvaluated(lb.arn, `${name}: ${unknown.join('; ')}`, files);
      else
        yield ctx.pass(lb.arn, `${name} redirects every request on ${http.map((l) => `HTTP:${l.port ?? '?'}`).join(', ')} to HTTPS`, files);
    }
  },
});

function describe(actions: readonly Elbv2Action[]): string {
  return actions
    .map((a) => (a.type === 'redirect' ? `redirects to ${a.redirectProtocol ?? 'an unknown protocol'}` : `does ${a.type}`))
    .join(', then ');
}
