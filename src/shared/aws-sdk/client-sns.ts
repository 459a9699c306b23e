// What auditpack uses of @aws-sdk/client-sns: the build bundles only these (see ./README.md).
export { GetTopicAttributesCommand, paginateListSubscriptionsByTopic, paginateListTopics, SNSClient } from '@aws-sdk/client-sns';
