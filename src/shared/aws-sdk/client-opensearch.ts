// What auditpack uses of @aws-sdk/client-opensearch: the build bundles only these (see ./README.md).
export { DescribeDomainsCommand, ListDomainNamesCommand, OpenSearchClient } from '@aws-sdk/client-opensearch';
