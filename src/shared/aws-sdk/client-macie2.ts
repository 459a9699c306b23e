// What auditpack uses of @aws-sdk/client-macie2: the build bundles only these (see ./README.md).
export { GetMacieSessionCommand, Macie2Client } from '@aws-sdk/client-macie2';
