import check from '../../../src/checks/opensearch/opensearch-domain-logs-to-cloudwatch.js';
import { domain, domains, unusableDomainCases } from '../../helpers/redshift-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const GROUP = 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/opensearch/logs';
const logs = (options: unknown) => domains(domain('logs', { LogPublishingOptions: options }));

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { logTypes: [] },
  pass: [
    {
      name: 'all three logs published',
      evidence: domains(domain('logs')),
      reason: /OpenSearch domain logs publishes search, index, error logs to CloudWatch Logs \(required: at least one of/,
    },
    {
      name: 'only error logs, none required in particular',
      evidence: logs({ ES_APPLICATION_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: GROUP } }),
    },
    {
      name: 'required error log published',
      evidence: logs({ ES_APPLICATION_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: GROUP } }),
      params: { logTypes: ['error'] },
      reason: /publishes error logs to CloudWatch Logs \(required: error\)/,
    },
    { name: 'no domains', evidence: domains() },
  ],
  fail: [
    { name: 'no LogPublishingOptions at all', evidence: logs(undefined), reason: /publishes none of these logs to CloudWatch Logs/ },
    {
      name: 'only audit logs',
      evidence: logs({ AUDIT_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: GROUP } }),
      reason: /publishes none of these logs/,
    },
    {
      name: 'error log configured but disabled',
      evidence: logs({ ES_APPLICATION_LOGS: { Enabled: false, CloudWatchLogsLogGroupArn: GROUP } }),
      reason: /publishes none of these logs/,
    },
    {
      name: 'required index log missing',
      evidence: logs({ ES_APPLICATION_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: GROUP } }),
      params: { logTypes: ['error', 'index'] },
      reason: /publishes error logs to CloudWatch Logs \(required: error, index\)/,
    },
  ],
  notEvaluated: [
    { name: 'LogPublishingOptions is a list', evidence: logs([]), reason: /is not a map of log options/ },
    {
      name: 'log option without Enabled',
      evidence: logs({ ES_APPLICATION_LOGS: { CloudWatchLogsLogGroupArn: GROUP } }),
      reason: /shows no Enabled for ES_APPLICATION_LOGS/,
    },
    {
      name: 'unknown log type in logTypes',
      evidence: domains(domain('logs')),
      params: { logTypes: ['audit'] },
      reason: /logTypes holds "audit"/,
    },
    ...unusableDomainCases,
  ],
});
