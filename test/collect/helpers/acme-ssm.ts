import { json, type FakeAws, type WireRequest } from './fake-aws.js';

const east = (r: WireRequest): boolean => r.region === 'us-east-1';

/**
 * The sample company's Systems Manager and SageMaker, for the `ssm` and `sagemaker` sources. In
 * us-east-1: SSM manages acme-web-1 (agent Online; associations compliant, 3 patches missing) and
 * an on-premises LDAP server (mi-…; a failed association, patches complete), not acme-bastion
 * (running, never registered); the stopped acme-batch-legacy's agent shows ConnectionLost. The
 * account owns two Command documents, Acme-RotateLogs (not shared) and Acme-BootstrapAgent
 * (shared with "all"). Notebook instance acme-data-science has a KMS key and no direct internet
 * access; acme-scratch has neither. Endpoint configuration acme-churn-model-v2 has a KMS key,
 * acme-churn-model-v1 none. eu-west-1 has nothing. Calls: 5 SSM + 6 SageMaker in us-east-1, 3 + 2
 * in eu-west-1.
 */
export function serveAcmeSsm(fake: FakeAws): void {
  for (const op of ['DescribeInstanceInformation', 'ListResourceComplianceSummaries', 'ListDocuments'])
    fake.on('ssm', op, (r) => json(`ssm/${op}.${east(r) ? 'us-east-1' : 'empty'}.json`));
  fake.on('ssm', 'DescribeDocumentPermission', (r) => json(`ssm/DescribeDocumentPermission.${String(r.body.Name)}.json`));
  for (const op of ['ListNotebookInstances', 'ListEndpointConfigs'])
    fake.on('sagemaker', op, (r) => json(`sagemaker/${op}.${east(r) ? 'us-east-1' : 'empty'}.json`));
  fake.on('sagemaker', 'DescribeNotebookInstance', (r) =>
    json(`sagemaker/DescribeNotebookInstance.${String(r.body.NotebookInstanceName)}.json`),
  );
  fake.on('sagemaker', 'DescribeEndpointConfig', (r) => json(`sagemaker/DescribeEndpointConfig.${String(r.body.EndpointConfigName)}.json`));
}
