import check from '../../../src/checks/sagemaker/sagemaker-notebook-direct-internet-access-disabled.js';
import { notebookDetail, notebookEvidence } from '../../helpers/ssm-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const nb = 'acme-data-science';

testCheck(check, {
  collectedAt: '2026-09-30T08:04:12Z',
  pass: [
    {
      name: 'notebook instance without direct internet access',
      evidence: notebookEvidence({ name: nb }),
      reason:
        /notebook instance acme-data-science has DirectInternetAccess Disabled: it reaches the internet only through its VPC in subnet subnet-0b1c2d3e4f5a6b7c8/,
    },
    { name: 'no notebook instances', evidence: notebookEvidence() },
  ],
  fail: [
    {
      name: 'notebook instance with direct internet access, beside one without',
      evidence: notebookEvidence(
        { name: 'acme-ok' },
        { name: nb, detail: notebookDetail(nb, { DirectInternetAccess: 'Enabled', SubnetId: undefined }) },
      ),
      reason: /notebook instance acme-data-science has DirectInternetAccess Enabled \(required: Disabled\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'answer without DirectInternetAccess',
      evidence: notebookEvidence({ name: nb, detail: notebookDetail(nb, { DirectInternetAccess: undefined }) }),
      reason: /DescribeNotebookInstance shows no DirectInternetAccess \(required: Disabled\)/,
    },
    {
      name: 'DirectInternetAccess of another spelling',
      evidence: notebookEvidence({ name: nb, detail: notebookDetail(nb, { DirectInternetAccess: 'disabled' }) }),
      reason: /shows DirectInternetAccess "disabled"/,
    },
    {
      name: 'DescribeNotebookInstance throttled for the notebook instance',
      evidence: {
        ...notebookEvidence({ name: nb, detail: 'missing' }),
        errors: [
          {
            region: 'us-east-1',
            service: 'sagemaker',
            operation: 'DescribeNotebookInstance',
            parameters: { NotebookInstanceName: nb },
            code: 'ThrottlingException',
          },
        ],
      },
      reason: /sagemaker:DescribeNotebookInstance .*ThrottlingException/,
    },
    {
      name: 'ListNotebookInstances denied in eu-west-1',
      evidence: { files: (notebookEvidence().files ?? []).filter((f) => f.region !== 'eu-west-1') },
      collectionError: { service: 'sagemaker', operation: 'ListNotebookInstances', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /sagemaker:ListNotebookInstances .*AccessDeniedException/,
    },
  ],
});
