// What auditpack uses of @aws-sdk/client-wafv2: the build bundles only these (see ./README.md).
export { GetLoggingConfigurationCommand, GetWebACLForResourceCommand, ListWebACLsCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
