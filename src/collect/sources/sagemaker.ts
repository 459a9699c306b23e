import type { ErrorInfo } from '../aws-errors.js';
import { defineSource } from './source.js';

// ListNotebookInstances and ListEndpointConfigs return at most 100 a page.
const PAGE_SIZE = 100;

/**
 * SageMaker answers a Describe* of something that no longer exists with a ValidationException
 * ("RecordNotFound", "Could not find endpoint configuration …"): that, and only that, is absence.
 */
export function sagemakerNotFound(error: ErrorInfo): boolean {
  return (
    error.code === 'ResourceNotFound' ||
    (error.code === 'ValidationException' && /RecordNotFound|could not find|does not exist/i.test(error.message))
  );
}

/**
 * Per region: every notebook instance (ListNotebookInstances) with DescribeNotebookInstance for
 * each (the listing has neither KmsKeyId nor DirectInternetAccess), and every endpoint
 * configuration (ListEndpointConfigs) with DescribeEndpointConfig for each (KmsKeyId).
 */
export default defineSource({
  id: 'sagemaker',
  scope: 'region',
  services: ['sagemaker'],
  async collect(ctx) {
    const { paginateListNotebookInstances, paginateListEndpointConfigs, DescribeNotebookInstanceCommand, DescribeEndpointConfigCommand } =
      await import('../../shared/aws-sdk/client-sagemaker.js');
    const notebooks = await ctx.pages(
      { service: 'sagemaker', operation: 'ListNotebookInstances' },
      (client, startingToken, options) => paginateListNotebookInstances({ client, startingToken, pageSize: PAGE_SIZE }, {}, options),
      (page) => page.NextToken,
    );
    const notebookNames = (notebooks ?? [])
      .flatMap((page) => page.NotebookInstances ?? [])
      .flatMap((n) => (n.NotebookInstanceName ? [n.NotebookInstanceName] : []));
    await ctx.each([...new Set(notebookNames)], async (name) => {
      await ctx.call(
        {
          service: 'sagemaker',
          operation: 'DescribeNotebookInstance',
          parameters: { NotebookInstanceName: name },
          key: name,
          notFound: sagemakerNotFound,
        },
        (client, options) => client.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name }), options),
      );
    });
    const configs = await ctx.pages(
      { service: 'sagemaker', operation: 'ListEndpointConfigs' },
      (client, startingToken, options) => paginateListEndpointConfigs({ client, startingToken, pageSize: PAGE_SIZE }, {}, options),
      (page) => page.NextToken,
    );
    const configNames = (configs ?? [])
      .flatMap((page) => page.EndpointConfigs ?? [])
      .flatMap((c) => (c.EndpointConfigName ? [c.EndpointConfigName] : []));
    await ctx.each([...new Set(configNames)], async (name) => {
      await ctx.call(
        {
          service: 'sagemaker',
          operation: 'DescribeEndpointConfig',
          parameters: { EndpointConfigName: name },
          key: name,
          notFound: sagemakerNotFound,
        },
        (client, options) => client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }), options),
      );
    });
  },
});
