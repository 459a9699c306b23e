import check from '../../../src/checks/opensearch/opensearch-domain-encrypted-at-rest.js';
import { domain, domains, unusableDomainCases } from '../../helpers/redshift-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const many = Array.from({ length: 6 }, (_, i) => domain(`logs-${i + 1}`));

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'OpenSearch domain encrypted with a KMS key',
      evidence: domains(domain('logs')),
      reason: /OpenSearch domain logs is encrypted at rest with arn:aws:kms/,
    },
    {
      name: 'Elasticsearch domain encrypted',
      evidence: domains(domain('legacy-search', { EngineVersion: 'Elasticsearch_7.10' })),
      reason: /Elasticsearch domain legacy-search is encrypted at rest/,
    },
    { name: 'six domains described in two batches', evidence: domains(...many) },
    {
      name: 'domain being deleted is left out',
      evidence: domains(domain('logs'), domain('old', { Deleted: true, EncryptionAtRestOptions: { Enabled: false } })),
    },
    { name: 'no domains', evidence: domains() },
  ],
  fail: [
    {
      name: 'not encrypted at rest, beside an encrypted domain',
      evidence: domains(domain('logs'), domain('search', { EncryptionAtRestOptions: { Enabled: false } })),
      reason: /OpenSearch domain search has EncryptionAtRestOptions.Enabled false \(required: true\)/,
    },
    {
      name: 'sixth domain (second batch) not encrypted',
      evidence: domains(...many.slice(0, 5), domain('logs-6', { EncryptionAtRestOptions: { Enabled: false } })),
      reason: /domain logs-6 has EncryptionAtRestOptions.Enabled false/,
    },
  ],
  notEvaluated: [
    {
      name: 'answer omits EncryptionAtRestOptions',
      evidence: domains(domain('logs', { EncryptionAtRestOptions: undefined })),
      reason: /shows no EncryptionAtRestOptions.Enabled/,
    },
    {
      name: 'Enabled is a string',
      evidence: domains(domain('logs', { EncryptionAtRestOptions: { Enabled: 'true' } })),
      reason: /shows no EncryptionAtRestOptions.Enabled/,
    },
    ...unusableDomainCases,
  ],
});
