import check from '../../../src/checks/elb/elb-access-logs-enabled.js';
import { classicAttributes, classicEvidence, classicLb, v2Evidence } from '../../helpers/elb-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const classicLog = (accessLog: Record<string, unknown>) =>
  classicEvidence([classicLb('acme-legacy')], { 'acme-legacy': classicAttributes(true, accessLog) });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { s3BucketNames: [] },
  pass: [
    {
      name: 'classic load balancer logging',
      evidence: classicLog({ Enabled: true, S3BucketName: 'acme-elb-logs' }),
      reason: /Classic Load Balancer acme-legacy writes access logs to acme-elb-logs/,
    },
    {
      name: 'application load balancer logging',
      evidence: v2Evidence({ name: 'acme-web' }),
      reason: /application load balancer acme-web writes access logs to acme-elb-logs/,
    },
    {
      name: 'logging to one of the named buckets',
      evidence: v2Evidence({ name: 'acme-web' }),
      params: { s3BucketNames: ['acme-audit-logs', ' acme-elb-logs'] },
      reason: /to acme-elb-logs \(required: access logs on, to acme-audit-logs or acme-elb-logs\)/,
    },
    {
      name: 'network and gateway load balancers without logs are not applicable',
      evidence: v2Evidence(
        { name: 'acme-mqtt', type: 'network', attributes: { 'access_logs.s3.enabled': 'false' } },
        { name: 'acme-inspect', type: 'gateway', attributes: { 'access_logs.s3.enabled': 'false' } },
      ),
      reason: /nothing in scope/,
    },
  ],
  fail: [
    {
      name: 'classic access log off',
      evidence: classicLog({ Enabled: false }),
      reason: /Classic Load Balancer acme-legacy has access logs off \(required: access logs on\)/,
    },
    {
      name: 'application load balancer access logs off',
      evidence: v2Evidence({ name: 'acme-web', attributes: { 'access_logs.s3.enabled': 'false', 'access_logs.s3.bucket': '' } }),
      reason: /application load balancer acme-web has access logs off/,
    },
    {
      name: 'logging to a bucket not named',
      evidence: classicLog({ Enabled: true, S3BucketName: 'tmp-logs' }),
      params: { s3BucketNames: ['acme-elb-logs'] },
      reason: /acme-legacy writes access logs to tmp-logs \(required: access logs on, to acme-elb-logs\)/,
    },
  ],
  notEvaluated: [
    { name: 'classic AccessLog without Enabled', evidence: classicLog({ Enabled: undefined }), reason: /shows no AccessLog.Enabled/ },
    {
      name: 'access_logs.s3.enabled is neither true nor false',
      evidence: v2Evidence({ name: 'acme-web', attributes: { 'access_logs.s3.enabled': 'yes' } }),
      reason: /shows access_logs.s3.enabled "yes"/,
    },
    {
      name: 'logging on, no bucket named, buckets required',
      evidence: v2Evidence({ name: 'acme-web', attributes: { 'access_logs.s3.bucket': '' } }),
      params: { s3BucketNames: ['acme-elb-logs'] },
      reason: /access logs on, but the attributes name no bucket/,
    },
    {
      name: 'v2 load balancer without Type',
      evidence: v2Evidence({ name: 'acme-web', fields: { Type: undefined } }),
      reason: /shows no Type/,
    },
    {
      name: 'classic listing denied: the check cannot see every load balancer',
      evidence: { files: (v2Evidence({ name: 'acme-web' }).files ?? []).filter((f) => !(f.service === 'elb' && f.region === 'us-east-1')) },
      collectionError: { service: 'elb', operation: 'DescribeLoadBalancers', code: 'AccessDenied', region: 'us-east-1' },
      reason: /DescribeLoadBalancers .*AccessDenied/,
    },
  ],
});
