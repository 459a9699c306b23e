// What auditpack uses of @aws-sdk/client-s3-control: the build bundles only these (see ./README.md).
export { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
