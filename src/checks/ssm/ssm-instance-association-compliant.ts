import { ssmComplianceSummaries } from '../../bundle/evidence/ssm.js';
import { defineCheck } from '../define-check.js';
import { complianceFindings } from './compliance.js';

/** Every managed node's State Manager associations ran compliant. */
export default defineCheck({
  id: 'ssm-instance-association-compliant',
  title: 'Managed nodes are compliant with their State Manager associations',
  description:
    'For every managed node with an Association compliance summary in ListResourceComplianceSummaries, Status must be COMPLIANT; NON_COMPLIANT fails, a missing or other Status is not evaluated. Nodes without association compliance data have no finding, as in AWS Config.',
  scope: 'region',
  needs: { summaries: ssmComplianceSummaries },
  params: {},
  run: ({ summaries }, ctx) => complianceFindings(summaries, 'Association', ctx),
});
