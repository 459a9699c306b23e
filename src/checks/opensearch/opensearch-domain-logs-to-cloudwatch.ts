import { openSearchDomains } from '../../bundle/evidence/opensearch.js';
import { defineCheck } from '../define-check.js';

// The AWS Config logTypes values and the LogPublishingOptions key each stands for.
const LOG_KEYS: Readonly<Record<string, string>> = {
  search: 'SEARCH_SLOW_LOGS',
  index: 'INDEX_SLOW_LOGS',
  error: 'ES_APPLICATION_LOGS',
};

/** Every OpenSearch Service domain (either engine) publishes its logs to CloudWatch Logs. */
export default defineCheck({
  id: 'opensearch-domain-logs-to-cloudwatch',
  title: 'OpenSearch and Elasticsearch domains publish logs to CloudWatch Logs',
  description:
    'For every domain in ListDomainNames (both engines; domains being deleted are left out), LogPublishingOptions in DescribeDomains must have every log type of logTypes (search: SEARCH_SLOW_LOGS, index: INDEX_SLOW_LOGS, error: ES_APPLICATION_LOGS) enabled with a log group; with logTypes [] at least one of the three must be. Covers AWS Config OPENSEARCH_LOGS_TO_CLOUDWATCH and ELASTICSEARCH_LOGS_TO_CLOUDWATCH (logTypes has no documented default; [] follows "COMPLIANT if a log is enabled"). Audit logs do not count.',
  scope: 'region',
  needs: { domains: openSearchDomains },
  params: {
    logTypes: {
      type: 'array',
      items: { type: 'string' },
      description: 'Log types that must be published: any of "search", "index", "error" ([]: at least one of them).',
    },
  },
  *run({ domains }, ctx) {
    const wanted = ctx.params.logTypes.map((t) => t.trim().toLowerCase());
    for (const t of wanted) if (LOG_KEYS[t] === undefined) throw new Error(`logTypes holds "${t}"; use "search", "index" or "error"`);
    const limit = wanted.length > 0 ? `(required: ${wanted.join(', ')})` : '(required: at least one of search, index, error)';
    for (const d of domains.filter((x) => x.deleted !== true)) {
      const name = `${d.engine ?? 'OpenSearch'} domain ${d.name}`;
      const logs = d.logs;
      if (logs === undefined) {
        yield ctx.notEvaluated(d.arn, `${name}: LogPublishingOptions in DescribeDomains is not a map of log options ${limit}`, d.files);
        continue;
      }
      const state = (type: string): boolean | undefined => {
        const option = logs[LOG_KEYS[type] as string];
        if (option === undefined) return false;
        if (option.enabled === undefined) return undefined;
        return option.enabled && option.logGroupArn !== undefined;
      };
      const types = wanted.length > 0 ? wanted : Object.keys(LOG_KEYS);
      const on = types.filter((t) => state(t) === true);
      const unknown = types.filter((t) => state(t) === undefined);
      const shown = on.length === 0 ? 'publishes none of these logs' : `publishes ${on.join(', ')} logs`;
      const ok = wanted.length > 0 ? on.length === types.length : on.length > 0;
      if (ok) yield ctx.pass(d.arn, `${name} ${shown} to CloudWatch Logs ${limit}`, d.files);
      else if (unknown.length > 0)
        yield ctx.notEvaluated(
          d.arn,
          `${name}: DescribeDomains shows no Enabled for ${unknown.map((t) => LOG_KEYS[t]).join(', ')} ${limit}`,
          d.files,
        );
      else yield ctx.fail(d.arn, `${name} ${shown} to CloudWatch Logs ${limit}`, d.files);
    }
  },
});
