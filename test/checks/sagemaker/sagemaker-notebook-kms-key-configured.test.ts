import check from '../../../src/checks/sagemaker/sagemaker-notebook-kms-key-configured.js';
import { NOTEBOOK_KEY, notebookDetail, notebookEvidence } from '../../helpers/ssm-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const nb = 'acme-data-science';
const other = 'arn:aws:kms:us-east-1:111122223333:key/0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64';

testCheck(check, {
  collectedAt: '2026-09-30T08:04:12Z',
  params: { keyArns: [] },
  pass: [
    {
      name: 'notebook instance with a KMS key, any key allowed',
      evidence: notebookEvidence({ name: nb }),
      reason: /notebook instance acme-data-science is encrypted with KMS key arn:aws:kms:us-east-1:111122223333:key\/6a1f3c8e/,
    },
    { name: 'key ARN among the allowed ones', evidence: notebookEvidence({ name: nb }), params: { keyArns: [other, NOTEBOOK_KEY] } },
    {
      name: 'bare key id whose ARN is allowed',
      evidence: notebookEvidence({ name: nb, detail: notebookDetail(nb, { KmsKeyId: '6a1f3c8e-2b4d-4e7a-9c0f-1d3e5a7b9c2d' }) }),
      params: { keyArns: [NOTEBOOK_KEY] },
    },
    { name: 'no notebook instances', evidence: notebookEvidence() },
  ],
  fail: [
    {
      name: 'notebook instance without KmsKeyId',
      evidence: notebookEvidence({ name: nb, detail: notebookDetail(nb, { KmsKeyId: undefined }) }),
      reason: /notebook instance acme-data-science has no KmsKeyId: .* \(required: a KMS key\)/,
    },
    {
      name: 'key not among the allowed ones, beside a compliant notebook',
      evidence: notebookEvidence({ name: 'acme-ok' }, { name: nb, detail: notebookDetail(nb, { KmsKeyId: other }) }),
      params: { keyArns: [NOTEBOOK_KEY] },
      reason:
        /notebook instance acme-data-science is encrypted with KMS key .*0b7d2e4c.*, which is not allowed \(required: one of .*6a1f3c8e/,
    },
    {
      name: 'bare key id of a key that is not allowed',
      evidence: notebookEvidence({ name: nb, detail: notebookDetail(nb, { KmsKeyId: '0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64' }) }),
      params: { keyArns: [NOTEBOOK_KEY] },
      reason: /which is not allowed/,
    },
  ],
  notEvaluated: [
    {
      name: 'KmsKeyId is an alias and keys are restricted',
      evidence: notebookEvidence({ name: nb, detail: notebookDetail(nb, { KmsKeyId: 'alias/notebooks' }) }),
      params: { keyArns: [NOTEBOOK_KEY] },
      reason: /uses KMS alias alias\/notebooks, which cannot be matched/,
    },
    {
      name: 'KmsKeyId is not text',
      evidence: notebookEvidence({ name: nb, detail: notebookDetail(nb, { KmsKeyId: { Id: 'x' } }) }),
      reason: /shows KmsKeyId \{"Id":"x"\}, not a key/,
    },
    {
      name: 'Describe answer names another notebook instance',
      evidence: notebookEvidence({ name: nb, detail: notebookDetail('acme-other') }),
      reason: /could not be read: the answer names neither acme-data-science nor its ARN/,
    },
    {
      name: 'DescribeNotebookInstance denied for one notebook instance',
      evidence: {
        ...notebookEvidence({ name: nb, detail: 'missing' }, { name: 'acme-ok' }),
        errors: [
          {
            region: 'us-east-1',
            service: 'sagemaker',
            operation: 'DescribeNotebookInstance',
            parameters: { NotebookInstanceName: nb },
            code: 'AccessDeniedException',
          },
        ],
      },
      reason: /notebook instance acme-data-science: sagemaker:DescribeNotebookInstance .*AccessDeniedException/,
    },
    {
      name: 'notebook instance deleted between the listing and Describe',
      evidence: notebookEvidence({ name: nb, detail: 'not-found' }),
      reason: /answered that the resource does not exist/,
    },
    {
      name: 'notebook instance without name or ARN',
      evidence: notebookEvidence({ name: nb, summary: { NotebookInstanceName: undefined, NotebookInstanceArn: undefined } }),
      reason: /lacks NotebookInstanceName/,
    },
    {
      name: 'notebook instance created after collection ended',
      evidence: notebookEvidence({ name: nb, summary: { CreationTime: '2027-01-01T00:00:00.000Z' } }),
      reason: /CreationTime 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'ListNotebookInstances denied in eu-west-1',
      evidence: { files: (notebookEvidence().files ?? []).filter((f) => f.region !== 'eu-west-1') },
      collectionError: { service: 'sagemaker', operation: 'ListNotebookInstances', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /sagemaker:ListNotebookInstances .*AccessDeniedException/,
    },
  ],
});
