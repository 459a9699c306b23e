import { openSearchDomains } from '../../bundle/evidence/opensearch.js';
import { defineCheck } from '../define-check.js';

/** Every OpenSearch Service domain (either engine) encrypts traffic between its nodes. */
export default defineCheck({
  id: 'opensearch-domain-node-to-node-encryption-enabled',
  title: 'OpenSearch and Elasticsearch domains encrypt node-to-node traffic',
  description:
    'For every domain in ListDomainNames (both engines; domains being deleted are left out), NodeToNodeEncryptionOptions.Enabled in DescribeDomains must be true. Covers AWS Config OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK and ELASTICSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK.',
  scope: 'region',
  needs: { domains: openSearchDomains },
  params: {},
  *run({ domains }, ctx) {
    for (const d of domains.filter((x) => x.deleted !== true)) {
      const name = `${d.engine ?? 'OpenSearch'} domain ${d.name}`;
      if (d.nodeToNodeEncryption === undefined)
        yield ctx.notEvaluated(d.arn, `${name}: DescribeDomains shows no NodeToNodeEncryptionOptions.Enabled (required: true)`, d.files);
      else
        yield d.nodeToNodeEncryption
          ? ctx.pass(d.arn, `${name} encrypts node-to-node traffic`, d.files)
          : ctx.fail(d.arn, `${name} has NodeToNodeEncryptionOptions.Enabled false (required: true)`, d.files);
    }
  },
});
