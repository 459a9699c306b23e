// What auditpack uses of @aws-sdk/client-ecs: the build bundles only these (see ./README.md).
export { DescribeTaskDefinitionCommand, ECSClient, paginateListTaskDefinitions } from '@aws-sdk/client-ecs';
