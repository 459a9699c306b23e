import { openSearchDomains } from '../../bundle/evidence/opensearch.js';
import { defineCheck } from '../define-check.js';

/** Every OpenSearch Service domain (OpenSearch or Elasticsearch engine) encrypts its data at rest. */
export default defineCheck({
  id: 'opensearch-domain-encrypted-at-rest',
  title: 'OpenSearch and Elasticsearch domains are encrypted at rest',
  description:
    'For every domain in ListDomainNames (both engines; domains being deleted are left out), EncryptionAtRestOptions.Enabled in DescribeDomains must be true. Covers AWS Config OPENSEARCH_ENCRYPTED_AT_REST and ELASTICSEARCH_ENCRYPTED_AT_REST.',
  scope: 'region',
  needs: { domains: openSearchDomains },
  params: {},
  *run({ domains }, ctx) {
    for (const d of domains.filter((x) => x.deleted !== true)) {
      const name = `${d.engine ?? 'OpenSearch'} domain ${d.name}`;
      if (d.encryptedAtRest === undefined)
        yield ctx.notEvaluated(d.arn, `${name}: DescribeDomains shows no EncryptionAtRestOptions.Enabled (required: true)`, d.files);
      else
        yield d.encryptedAtRest
          ? ctx.pass(d.arn, `${name} is encrypted at rest${d.kmsKeyId ? ` with ${d.kmsKeyId}` : ''}`, d.files)
          : ctx.fail(d.arn, `${name} has EncryptionAtRestOptions.Enabled false (required: true)`, d.files);
    }
  },
});
