// What auditpack uses of @aws-sdk/client-codebuild: the build bundles only these (see ./README.md).
export { BatchGetProjectsCommand, CodeBuildClient, paginateListProjects } from '@aws-sdk/client-codebuild';
