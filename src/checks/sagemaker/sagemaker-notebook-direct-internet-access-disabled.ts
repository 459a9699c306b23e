import { sagemakerNotebooks } from '../../bundle/evidence/sagemaker.js';
import { defineCheck } from '../define-check.js';

/** No SageMaker notebook instance has direct internet access. */
export default defineCheck({
  id: 'sagemaker-notebook-direct-internet-access-disabled',
  title: 'SageMaker notebook instances have no direct internet access',
  description:
    'For every notebook instance in ListNotebookInstances, DescribeNotebookInstance must show DirectInternetAccess Disabled; Enabled fails, a missing or other value is not evaluated.',
  scope: 'region',
  needs: { notebooks: sagemakerNotebooks },
  params: {},
  *run({ notebooks }, ctx) {
    for (const nb of notebooks) {
      const name = `notebook instance ${nb.name}`;
      if (!nb.settings.ok) {
        yield ctx.notEvaluated(nb.arn, `${name}: ${nb.settings.reason}`);
        continue;
      }
      const files = nb.settings.files;
      const access = nb.settings.value.directInternetAccess;
      const subnet = nb.settings.value.subnetId ? ` in subnet ${nb.settings.value.subnetId}` : '';
      if (access === 'Disabled')
        yield ctx.pass(nb.arn, `${name} has DirectInternetAccess Disabled: it reaches the internet only through its VPC${subnet}`, files);
      else if (access === 'Enabled') yield ctx.fail(nb.arn, `${name} has DirectInternetAccess Enabled (required: Disabled)`, files);
      else
        yield ctx.notEvaluated(
          nb.arn,
          `${name}: DescribeNotebookInstance shows ${access === undefined ? 'no DirectInternetAccess' : `DirectInternetAccess ${JSON.stringify(access)}`} (required: Disabled)`,
          files,
        );
    }
  },
});
