import { openSearchDomains } from '../../bundle/evidence/opensearch.js';
import { defineCheck } from '../define-check.js';

/** Every OpenSearch Service domain (either engine) is reachable only inside a VPC. */
export default defineCheck({
  id: 'opensearch-domain-in-vpc',
  title: 'OpenSearch and Elasticsearch domains are in a VPC',
  description:
    'For every domain in ListDomainNames (both engines; domains being deleted are left out), DescribeDomains must show VPCOptions naming a VPC or subnets; a domain without VPCOptions has a public endpoint. Covers AWS Config OPENSEARCH_IN_VPC_ONLY and ELASTICSEARCH_IN_VPC_ONLY.',
  scope: 'region',
  needs: { domains: openSearchDomains },
  params: {},
  *run({ domains }, ctx) {
    for (const d of domains.filter((x) => x.deleted !== true)) {
      const name = `${d.engine ?? 'OpenSearch'} domain ${d.name}`;
      if (d.inVpc === undefined)
        yield ctx.notEvaluated(d.arn, `${name}: VPCOptions in DescribeDomains is not an object (required: a VPC)`, d.files);
      else
        yield d.inVpc
          ? ctx.pass(d.arn, `${name} is in ${d.vpcId ?? 'a VPC'}`, d.files)
          : ctx.fail(d.arn, `${name} has no VPCOptions: its endpoint is public (required: in a VPC)`, d.files);
    }
  },
});
