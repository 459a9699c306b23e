// What auditpack uses of @aws-sdk/client-api-gateway: the build bundles only these (see ./README.md).
export { APIGatewayClient, GetStagesCommand, paginateGetRestApis } from '@aws-sdk/client-api-gateway';
