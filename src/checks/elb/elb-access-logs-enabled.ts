import { classicLoadBalancers, elbv2LoadBalancers } from '../../bundle/evidence/elb.js';
import { defineCheck } from '../define-check.js';

/** Every Classic and application load balancer writes access logs (to an allowed bucket, when buckets are named). */
export default defineCheck({
  id: 'elb-access-logs-enabled',
  title: 'Classic and application load balancers write access logs to S3',
  description:
    'For every Classic Load Balancer, AccessLog.Enabled in its DescribeLoadBalancerAttributes must be true; for every application load balancer, the attribute access_logs.s3.enabled must be "true". When s3BucketNames is not empty, the log bucket (AccessLog.S3BucketName, access_logs.s3.bucket) must be one of them. Network and gateway load balancers are not checked, as in AWS Config; a failed attributes call or a missing field is not evaluated.',
  scope: 'region',
  needs: { classic: classicLoadBalancers, v2: elbv2LoadBalancers },
  params: {
    s3BucketNames: {
      type: 'array',
      items: { type: 'string' },
      description: 'Buckets the access logs must go to (AWS Config: s3BucketNames); empty: any bucket.',
    },
  },
  *run({ classic, v2 }, ctx) {
    const allowed = ctx.params.s3BucketNames.map((b) => b.trim()).filter((b) => b !== '');
    const limit = allowed.length === 0 ? 'required: access logs on' : `required: access logs on, to ${allowed.join(' or ')}`;
    const judge = (arn: string, name: string, enabled: boolean, bucket: string | undefined, files: Parameters<typeof ctx.pass>[2]) => {
      if (!enabled) return ctx.fail(arn, `${name} has access logs off (${limit})`, files);
      if (allowed.length === 0) return ctx.pass(arn, `${name} writes access logs${bucket ? ` to ${bucket}` : ''}`, files);
      if (bucket === undefined)
        return ctx.notEvaluated(arn, `${name} has access logs on, but the attributes name no bucket (${limit})`, files);
      return allowed.includes(bucket)
        ? ctx.pass(arn, `${name} writes access logs to ${bucket} (${limit})`, files)
        : ctx.fail(arn, `${name} writes access logs to ${bucket} (${limit})`, files);
    };
    for (const lb of classic) {
      const name = `Classic Load Balancer ${lb.name}`;
      if (!lb.attributes.ok) {
        yield ctx.notEvaluated(lb.arn, `${name}: ${lb.attributes.reason}`);
        continue;
      }
      const { enabled, bucket } = lb.attributes.value.accessLog;
      if (enabled === undefined)
        yield ctx.notEvaluated(lb.arn, `${name}: DescribeLoadBalancerAttributes shows no AccessLog.Enabled`, lb.attributes.files);
      else yield judge(lb.arn, name, enabled, bucket, lb.attributes.files);
    }
    for (const lb of v2) {
      if (lb.type === 'network' || lb.type === 'gateway') continue;
      if (lb.type === undefined) {
        yield ctx.notEvaluated(lb.arn, `load balancer ${lb.name}: DescribeLoadBalancers shows no Type, so whether it must log is unknown`);
        continue;
      }
      const name = `${lb.type} load balancer ${lb.name}`;
      if (!lb.attributes.ok) {
        yield ctx.notEvaluated(lb.arn, `${name}: ${lb.attributes.reason}`);
        continue;
      }
      const value = lb.attributes.value.get('access_logs.s3.enabled');
      const bucket = lb.attributes.value.get('access_logs.s3.bucket');
      if (value !== 'true' && value !== 'false')
        yield ctx.notEvaluated(
          lb.arn,
          `${name}: DescribeLoadBalancerAttributes shows ${value === undefined ? 'no access_logs.s3.enabled' : `access_logs.s3.enabled "${value}"`}`,
          lb.attributes.files,
        );
      else yield judge(lb.arn, name, value === 'true', bucket === '' ? undefined : bucket, lb.attributes.files);
    }
  },
});
