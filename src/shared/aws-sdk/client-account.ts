// What auditpack uses of @aws-sdk/client-account: the build bundles only these (see ./README.md).
export { AccountClient, GetAlternateContactCommand, GetContactInformationCommand } from '@aws-sdk/client-account';
