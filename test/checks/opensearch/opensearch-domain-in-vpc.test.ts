import check from '../../../src/checks/opensearch/opensearch-domain-in-vpc.js';
import { domain, domains, unusableDomainCases } from '../../helpers/redshift-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const publicDomain = (name: string, fields: Record<string, unknown> = {}) =>
  domain(name, { VPCOptions: undefined, Endpoints: undefined, Endpoint: `search-${name}-abc123.us-east-1.es.amazonaws.com`, ...fields });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    { name: 'domain in a VPC', evidence: domains(domain('logs')), reason: /OpenSearch domain logs is in vpc-0a1b2c3d/ },
    {
      name: 'VPCOptions with subnets only',
      evidence: domains(domain('logs', { VPCOptions: { SubnetIds: ['subnet-1'] } })),
      reason: /is in a VPC/,
    },
    { name: 'no domains', evidence: domains() },
  ],
  fail: [
    {
      name: 'public OpenSearch domain',
      evidence: domains(domain('logs'), publicDomain('search')),
      reason: /OpenSearch domain search has no VPCOptions: its endpoint is public/,
    },
    {
      name: 'public Elasticsearch domain',
      evidence: domains(publicDomain('legacy', { EngineVersion: 'Elasticsearch_6.8' })),
      reason: /Elasticsearch domain legacy has no VPCOptions/,
    },
    { name: 'empty VPCOptions', evidence: domains(domain('logs', { VPCOptions: {} })), reason: /has no VPCOptions/ },
  ],
  notEvaluated: [
    {
      name: 'VPCOptions is a string',
      evidence: domains(domain('logs', { VPCOptions: 'vpc-0a1b2c3d' })),
      reason: /VPCOptions in DescribeDomains is not an object/,
    },
    ...unusableDomainCases,
  ],
});
