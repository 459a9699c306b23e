import { openSearchDomains } from '../../bundle/evidence/opensearch.js';
import { defineCheck } from '../define-check.js';

/** Every OpenSearch Service domain (either engine) accepts HTTPS only, with an allowed TLS policy. */
export default defineCheck({
  id: 'opensearch-domain-https-required',
  title: 'OpenSearch and Elasticsearch domains require HTTPS',
  description:
    'For every domain in ListDomainNames (both engines; domains being deleted are left out), DomainEndpointOptions.EnforceHTTPS in DescribeDomains must be true and, when tlsPolicies lists policies, TLSSecurityPolicy must be one of them (AWS Config: OPENSEARCH_HTTPS_REQUIRED, tlsPolicies).',
  scope: 'region',
  needs: { domains: openSearchDomains },
  params: {
    tlsPolicies: {
      type: 'array',
      items: { type: 'string' },
      description: 'TLS security policies domains may use, e.g. ["Policy-Min-TLS-1-2-PFS-2023-10"] ([]: any policy).',
    },
  },
  *run({ domains }, ctx) {
    const allowed = ctx.params.tlsPolicies;
    for (const d of domains.filter((x) => x.deleted !== true)) {
      const name = `${d.engine ?? 'OpenSearch'} domain ${d.name}`;
      const policy = d.tlsPolicy ?? 'no TLS policy';
      if (d.enforceHttps === undefined)
        yield ctx.notEvaluated(d.arn, `${name}: DescribeDomains shows no DomainEndpointOptions.EnforceHTTPS (required: true)`, d.files);
      else if (!d.enforceHttps) yield ctx.fail(d.arn, `${name} has EnforceHTTPS false: it accepts plain HTTP (required: true)`, d.files);
      else if (allowed.length > 0 && (d.tlsPolicy === undefined || !allowed.includes(d.tlsPolicy)))
        yield ctx.fail(d.arn, `${name} enforces HTTPS with ${policy} (required: one of ${allowed.join(', ')})`, d.files);
      else yield ctx.pass(d.arn, `${name} enforces HTTPS with ${policy}`, d.files);
    }
  },
});
