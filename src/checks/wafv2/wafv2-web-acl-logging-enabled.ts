import { webAcls } from '../../bundle/evidence/wafv2.js';
import { defineCheck } from '../define-check.js';

/** Every AWS WAFv2 web ACL, regional and CloudFront, logs the requests it inspects. */
export default defineCheck({
  id: 'wafv2-web-acl-logging-enabled',
  title: 'AWS WAFv2 web ACLs have logging enabled',
  description:
    'For every web ACL in ListWebACLs (Scope=REGIONAL in each region; Scope=CLOUDFRONT in us-east-1, where CloudFront web ACLs are filed), GetLoggingConfiguration must return a logging configuration with at least one destination; WAFNonexistentItemException (none) fails. The optional KinesisFirehoseDeliveryStreamArns parameter of the AWS Config rule is not supported.',
  scope: 'region',
  needs: { acls: webAcls },
  params: {},
  *run({ acls }, ctx) {
    for (const acl of acls) {
      const name = `${acl.scope === 'CLOUDFRONT' ? 'CloudFront' : 'regional'} web ACL ${acl.name}`;
      const { logging } = acl;
      if (!logging.ok) yield ctx.notEvaluated(acl.arn, `${name}: ${logging.reason}`);
      else if (logging.value === undefined || logging.value.destinations.length === 0)
        yield ctx.fail(acl.arn, `${name} has no logging configuration (required: logging to a destination)`, logging.files);
      else yield ctx.pass(acl.arn, `${name} logs to ${logging.value.destinations.join(', ')}`, logging.files);
    }
  },
});
