import { elbv2LoadBalancers } from '../../bundle/evidence/elb.js';
import { defineCheck } from '../define-check.js';

/** Every application load balancer is protected by an AWS WAF web ACL. */
export default defineCheck({
  id: 'elb-alb-waf-associated',
  title: 'Application load balancers are associated with an AWS WAF web ACL',
  description:
    'For every application load balancer, wafv2 GetWebACLForResource must return a WebACL and, when wafWebAclIds is not empty, its ARN or Id must be one of them. Deviation: only WAFv2 is asked; an association with a WAF Classic (waf-regional) web ACL is not seen and fails. A failed call is not evaluated; a load balancer deleted before the call (WAFNonexistentItemException) is not evaluated.',
  scope: 'region',
  needs: { loadBalancers: elbv2LoadBalancers },
  params: {
    wafWebAclIds: {
      type: 'array',
      items: { type: 'string' },
      description: 'Web ACL ARNs or ids the load balancers must be associated with (AWS Config: wafWebAclIds); empty: any web ACL.',
    },
  },
  *run({ loadBalancers }, ctx) {
    const allowed = ctx.params.wafWebAclIds.map((a) => a.trim()).filter((a) => a !== '');
    const limit = allowed.length === 0 ? 'required: a WAF web ACL' : `required: one of ${allowed.join(', ')}`;
    for (const lb of loadBalancers) {
      if (lb.type === 'network' || lb.type === 'gateway') continue;
      if (lb.type === undefined || lb.webAcl === undefined) {
        yield ctx.notEvaluated(lb.arn, `load balancer ${lb.name}: DescribeLoadBalancers shows no Type, so its web ACL was not asked for`);
        continue;
      }
      const name = `application load balancer ${lb.name}`;
      if (!lb.webAcl.ok) {
        yield ctx.notEvaluated(lb.arn, `${name}: ${lb.webAcl.reason}`);
        continue;
      }
      const files = lb.webAcl.files;
      const acl = lb.webAcl.value;
      if (acl === null) {
        yield ctx.fail(lb.arn, `${name} is associated with no WAF web ACL (${limit})`, files);
        continue;
      }
      const shown = acl.name ?? acl.id ?? acl.arn ?? 'a web ACL';
      const listed = allowed.length === 0 || allowed.some((a) => a === acl.arn || a === acl.id);
      yield listed
        ? ctx.pass(lb.arn, `${name} is associated with web ACL ${shown} (${limit})`, files)
        : ctx.fail(lb.arn, `${name} is associated with web ACL ${acl.arn ?? shown}, not an allowed one (${limit})`, files);
    }
  },
});
