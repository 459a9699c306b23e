import { json, xml, type FakeAws, type WireRequest } from './fake-aws.js';

const isEast = (r: WireRequest) => r.region === 'us-east-1';

/** The name in an ELBv2 load balancer or listener ARN: `…:loadbalancer/app/acme-web/4f2c…` → `acme-web`. */
const lbName = (arn: unknown) => (typeof arn === 'string' ? (arn.split('/')[2] ?? '') : '');

/**
 * Serves the sample company's load balancers. us-east-1: Classic Load Balancers acme-legacy-web
 * (HTTP and HTTPS with an IAM certificate, no cross-zone, no access logs) and acme-partner-api (SSL
 * with an ACM certificate, cross-zone, logs); ELBv2 in two listing pages: ALB acme-web (HTTPS with
 * ACM, HTTP redirecting to HTTPS, protected, logging, behind web ACL acme-web-acl), ALB acme-admin
 * (HTTP forwarding, HTTPS with an IAM certificate, unprotected, no logs, no web ACL) and NLB
 * acme-mqtt (TLS with ACM, protected). eu-west-1: no load balancers.
 */
export function serveAcmeElb(fake: FakeAws): void {
  fake.on('elb', 'DescribeLoadBalancers', (r) => xml(`elb/DescribeLoadBalancers.${isEast(r) ? 'us-east-1' : 'empty'}.xml`));
  fake.on('elb', 'DescribeLoadBalancerAttributes', (r) => xml(`elb/DescribeLoadBalancerAttributes.${r.params.LoadBalancerName ?? ''}.xml`));
  fake.on('elbv2', 'DescribeLoadBalancers', (r) =>
    xml(`elbv2/DescribeLoadBalancers.${isEast(r) ? `us-east-1.p${r.params.Marker ? 2 : 1}` : 'empty'}.xml`),
  );
  fake.on('elbv2', 'DescribeLoadBalancerAttributes', (r) =>
    xml(`elbv2/DescribeLoadBalancerAttributes.${lbName(r.params.LoadBalancerArn)}.xml`),
  );
  fake.on('elbv2', 'DescribeListeners', (r) => xml(`elbv2/DescribeListeners.${lbName(r.params.LoadBalancerArn)}.xml`));
  // Only the HTTP listeners of the two ALBs are asked for their rules.
  fake.on('elbv2', 'DescribeRules', (r) => xml(`elbv2/DescribeRules.${lbName(r.params.ListenerArn)}-http.xml`));
  fake.on('wafv2', 'GetWebACLForResource', (r) =>
    json(`wafv2/GetWebACLForResource.${lbName(r.body.ResourceArn) === 'acme-web' ? 'acme-web' : 'none'}.json`),
  );
}
