import check from '../../../src/checks/opensearch/opensearch-domain-https-required.js';
import { domain, domains, unusableDomainCases } from '../../helpers/redshift-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const endpoint = (options: unknown) => domains(domain('logs', { DomainEndpointOptions: options }));

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { tlsPolicies: [] },
  pass: [
    {
      name: 'HTTPS enforced, any policy',
      evidence: domains(domain('logs')),
      reason: /OpenSearch domain logs enforces HTTPS with Policy-Min-TLS-1-2-2019-07/,
    },
    {
      name: 'HTTPS enforced with an allowed policy',
      evidence: endpoint({ EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' }),
      params: { tlsPolicies: ['Policy-Min-TLS-1-2-2019-07', 'Policy-Min-TLS-1-2-PFS-2023-10'] },
    },
    { name: 'no domains', evidence: domains() },
  ],
  fail: [
    {
      name: 'HTTPS not enforced',
      evidence: endpoint({ EnforceHTTPS: false, TLSSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' }),
      reason: /has EnforceHTTPS false: it accepts plain HTTP/,
    },
    {
      name: 'policy not in the list',
      evidence: endpoint({ EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' }),
      params: { tlsPolicies: ['Policy-Min-TLS-1-2-2019-07'] },
      reason: /enforces HTTPS with Policy-Min-TLS-1-0-2019-07 \(required: one of Policy-Min-TLS-1-2-2019-07\)/,
    },
    {
      name: 'no policy while policies are listed',
      evidence: endpoint({ EnforceHTTPS: true }),
      params: { tlsPolicies: ['Policy-Min-TLS-1-2-2019-07'] },
      reason: /with no TLS policy/,
    },
  ],
  notEvaluated: [
    { name: 'answer omits DomainEndpointOptions', evidence: endpoint(undefined), reason: /shows no DomainEndpointOptions.EnforceHTTPS/ },
    ...unusableDomainCases,
  ],
});
