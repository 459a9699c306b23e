// What auditpack uses of @aws-sdk/client-accessanalyzer: the build bundles only these (see ./README.md).
export { AccessAnalyzerClient, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
