// What auditpack uses of @aws-sdk/client-secrets-manager: the build bundles only these (see ./README.md).
export { paginateListSecrets, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
