import check from '../../../src/checks/opensearch/opensearch-domain-node-to-node-encryption-enabled.js';
import { domain, domains, unusableDomainCases } from '../../helpers/redshift-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'node-to-node encryption on',
      evidence: domains(domain('logs')),
      reason: /OpenSearch domain logs encrypts node-to-node traffic/,
    },
    { name: 'no domains', evidence: domains() },
  ],
  fail: [
    {
      name: 'node-to-node encryption off (Elasticsearch)',
      evidence: domains(domain('legacy', { EngineVersion: 'Elasticsearch_5.6', NodeToNodeEncryptionOptions: { Enabled: false } })),
      reason: /Elasticsearch domain legacy has NodeToNodeEncryptionOptions.Enabled false \(required: true\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'answer omits NodeToNodeEncryptionOptions',
      evidence: domains(domain('logs', { NodeToNodeEncryptionOptions: undefined })),
      reason: /shows no NodeToNodeEncryptionOptions.Enabled/,
    },
    ...unusableDomainCases,
  ],
});
