// What auditpack uses of @aws-sdk/client-acm: the build bundles only these (see ./README.md).
export { ACMClient, DescribeCertificateCommand, paginateListCertificates } from '@aws-sdk/client-acm';
