import { ssmComplianceSummaries } from '../../bundle/evidence/ssm.js';
import { defineCheck } from '../define-check.js';
import { complianceFindings } from './compliance.js';

/** Every managed node has the patches its patch baseline requires. */
export default defineCheck({
  id: 'ssm-instance-patch-compliant',
  title: 'Managed nodes are patch compliant',
  description:
    'For every managed node with a Patch compliance summary in ListResourceComplianceSummaries, Status must be COMPLIANT; NON_COMPLIANT (missing or failed patches) fails, a missing or other Status is not evaluated. Nodes never scanned for patches have no finding, as in AWS Config.',
  scope: 'region',
  needs: { summaries: ssmComplianceSummaries },
  params: {},
  run: ({ summaries }, ctx) => complianceFindings(summaries, 'Patch', ctx),
});
