// What auditpack uses of @aws-sdk/client-sagemaker: the build bundles only these (see ./README.md).
export {
  DescribeEndpointConfigCommand,
  DescribeNotebookInstanceCommand,
  paginateListEndpointConfigs,
  paginateListNotebookInstances,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
