// What auditpack uses of @aws-sdk/client-lambda: the build bundles only these (see ./README.md).
export { GetPolicyCommand, LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
