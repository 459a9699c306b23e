// What auditpack uses of @aws-sdk/client-emr: the build bundles only these (see ./README.md).
export { EMRClient, paginateListClusters, paginateListInstances } from '@aws-sdk/client-emr';
