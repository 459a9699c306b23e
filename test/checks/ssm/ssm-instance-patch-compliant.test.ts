import check from '../../../src/checks/ssm/ssm-instance-patch-compliant.js';
import { complianceEvidence, complianceSummary } from '../../helpers/ssm-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const web = 'i-0a1b2c3d4e5f60718';
const onPrem = 'mi-0123456789abcdef0';

testCheck(check, {
  collectedAt: '2026-09-30T08:04:12Z',
  pass: [
    {
      name: 'EC2 instance Patch COMPLIANT',
      evidence: complianceEvidence(complianceSummary(web, 'Patch', 'COMPLIANT')),
      reason: /managed node i-0a1b2c3d4e5f60718 has Patch compliance COMPLIANT \(as of 2026-09-29T03:12:05.000Z\)/,
    },
    {
      name: 'other compliance types are left out',
      evidence: complianceEvidence(
        complianceSummary(web, 'Patch', 'COMPLIANT'),
        complianceSummary(web, 'Association', 'NON_COMPLIANT'),
        complianceSummary(web, 'Custom:Antivirus', 'NON_COMPLIANT'),
      ),
    },
    { name: 'no compliance data at all', evidence: complianceEvidence() },
  ],
  fail: [
    {
      name: 'EC2 instance Patch NON_COMPLIANT',
      evidence: complianceEvidence(complianceSummary(web, 'Patch', 'NON_COMPLIANT')),
      reason:
        /managed node i-0a1b2c3d4e5f60718 has Patch compliance NON_COMPLIANT \(3 non-compliant items, highest severity CRITICAL\) .*\(required: COMPLIANT\)/,
    },
    {
      name: 'hybrid node NON_COMPLIANT beside a compliant instance, without summaries or execution time',
      evidence: complianceEvidence(
        complianceSummary(web, 'Patch', 'COMPLIANT'),
        complianceSummary(onPrem, 'Patch', 'NON_COMPLIANT', {
          NonCompliantSummary: undefined,
          OverallSeverity: undefined,
          ExecutionSummary: undefined,
        }),
      ),
      reason: /managed node mi-0123456789abcdef0 has Patch compliance NON_COMPLIANT \(required: COMPLIANT\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'summary without Status',
      evidence: complianceEvidence(complianceSummary(web, 'Patch', 'COMPLIANT', { Status: undefined })),
      reason: /ListResourceComplianceSummaries shows no Status for Patch/,
    },
    {
      name: 'summary with an unknown Status',
      evidence: complianceEvidence(complianceSummary(web, 'Patch', 'COMPLIANT', { Status: 'PENDING' })),
      reason: /shows Status "PENDING"/,
    },
    {
      name: 'summary without ResourceId',
      evidence: complianceEvidence(complianceSummary(web, 'Patch', 'COMPLIANT', { ResourceId: undefined })),
      reason: /lacks ResourceId/,
    },
    {
      name: 'summary without ComplianceType',
      evidence: complianceEvidence(complianceSummary(web, 'Patch', 'COMPLIANT', { ComplianceType: undefined })),
      reason: /lacks ComplianceType/,
    },
    {
      name: 'summary executed after collection ended',
      evidence: complianceEvidence(
        complianceSummary(web, 'Patch', 'COMPLIANT', { ExecutionSummary: { ExecutionTime: '2027-01-01T00:00:00.000Z' } }),
      ),
      reason: /ExecutionTime 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'ListResourceComplianceSummaries denied in eu-west-1',
      evidence: { files: (complianceEvidence().files ?? []).filter((f) => f.region !== 'eu-west-1') },
      collectionError: { service: 'ssm', operation: 'ListResourceComplianceSummaries', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /ssm:ListResourceComplianceSummaries .*AccessDeniedException/,
    },
  ],
});
