import check from '../../../src/checks/sagemaker/sagemaker-endpoint-config-kms-key-configured.js';
import { NOTEBOOK_KEY, endpointConfigDetail, endpointConfigEvidence } from '../../helpers/ssm-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const nb = 'acme-churn-model';
const other = 'arn:aws:kms:us-east-1:111122223333:key/0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64';

testCheck(check, {
  collectedAt: '2026-09-30T08:04:12Z',
  params: { keyArns: [] },
  pass: [
    {
      name: 'endpoint configuration with a KMS key, any key allowed',
      evidence: endpointConfigEvidence({ name: nb }),
      reason: /endpoint configuration acme-churn-model is encrypted with KMS key arn:aws:kms:us-east-1:111122223333:key\/6a1f3c8e/,
    },
    { name: 'key ARN among the allowed ones', evidence: endpointConfigEvidence({ name: nb }), params: { keyArns: [other, NOTEBOOK_KEY] } },
    {
      name: 'bare key id whose ARN is allowed',
      evidence: endpointConfigEvidence({
        name: nb,
        detail: endpointConfigDetail(nb, { KmsKeyId: '6a1f3c8e-2b4d-4e7a-9c0f-1d3e5a7b9c2d' }),
      }),
      params: { keyArns: [NOTEBOOK_KEY] },
    },
    { name: 'no endpoint configurations', evidence: endpointConfigEvidence() },
  ],
  fail: [
    {
      name: 'endpoint configuration without KmsKeyId',
      evidence: endpointConfigEvidence({ name: nb, detail: endpointConfigDetail(nb, { KmsKeyId: undefined }) }),
      reason: /endpoint configuration acme-churn-model has no KmsKeyId: .* \(required: a KMS key\)/,
    },
    {
      name: 'key not among the allowed ones, beside a compliant notebook',
      evidence: endpointConfigEvidence({ name: 'acme-ok' }, { name: nb, detail: endpointConfigDetail(nb, { KmsKeyId: other }) }),
      params: { keyArns: [NOTEBOOK_KEY] },
      reason:
        /endpoint configuration acme-churn-model is encrypted with KMS key .*0b7d2e4c.*, which is not allowed \(required: one of .*6a1f3c8e/,
    },
    {
      name: 'bare key id of a key that is not allowed',
      evidence: endpointConfigEvidence({
        name: nb,
        detail: endpointConfigDetail(nb, { KmsKeyId: '0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64' }),
      }),
      params: { keyArns: [NOTEBOOK_KEY] },
      reason: /which is not allowed/,
    },
  ],
  notEvaluated: [
    {
      name: 'KmsKeyId is an alias and keys are restricted',
      evidence: endpointConfigEvidence({ name: nb, detail: endpointConfigDetail(nb, { KmsKeyId: 'alias/notebooks' }) }),
      params: { keyArns: [NOTEBOOK_KEY] },
      reason: /uses KMS alias alias\/notebooks, which cannot be matched/,
    },
    {
      name: 'KmsKeyId is not text',
      evidence: endpointConfigEvidence({ name: nb, detail: endpointConfigDetail(nb, { KmsKeyId: { Id: 'x' } }) }),
      reason: /shows KmsKeyId \{"Id":"x"\}, not a key/,
    },
    {
      name: 'Describe answer names another endpoint configuration',
      evidence: endpointConfigEvidence({ name: nb, detail: endpointConfigDetail('acme-other-config') }),
      reason: /could not be read: the answer names neither acme-churn-model nor its ARN/,
    },
    {
      name: 'DescribeEndpointConfig denied for one endpoint configuration',
      evidence: {
        ...endpointConfigEvidence({ name: nb, detail: 'missing' }, { name: 'acme-ok' }),
        errors: [
          {
            region: 'us-east-1',
            service: 'sagemaker',
            operation: 'DescribeEndpointConfig',
            parameters: { EndpointConfigName: nb },
            code: 'AccessDeniedException',
          },
        ],
      },
      reason: /endpoint configuration acme-churn-model: sagemaker:DescribeEndpointConfig .*AccessDeniedException/,
    },
    {
      name: 'endpoint configuration deleted between the listing and Describe',
      evidence: endpointConfigEvidence({ name: nb, detail: 'not-found' }),
      reason: /answered that the resource does not exist/,
    },
    {
      name: 'endpoint configuration without name or ARN',
      evidence: endpointConfigEvidence({ name: nb, summary: { EndpointConfigName: undefined, EndpointConfigArn: undefined } }),
      reason: /lacks EndpointConfigName/,
    },
    {
      name: 'endpoint configuration created after collection ended',
      evidence: endpointConfigEvidence({ name: nb, summary: { CreationTime: '2027-01-01T00:00:00.000Z' } }),
      reason: /CreationTime 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'ListEndpointConfigs denied in eu-west-1',
      evidence: { files: (endpointConfigEvidence().files ?? []).filter((f) => f.region !== 'eu-west-1') },
      collectionError: { service: 'sagemaker', operation: 'ListEndpointConfigs', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /sagemaker:ListEndpointConfigs .*AccessDeniedException/,
    },
  ],
});
