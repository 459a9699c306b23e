import check from '../../../src/checks/iam/iam-root-mfa-enabled.js';
import { credentialReport, reportUser, rootRow } from '../../helpers/aws-builders.js';
import { headerOnlyReport, reportGenerated } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'root without MFA but without a password either (password_enabled false), which the procedure accepts',
      evidence: { files: [credentialReport([], { root: rootRow({ mfa_active: 'false', password_enabled: 'false' }) })] },
      reason: /no console password either/,
    },
    { name: 'root MFA active', evidence: { files: [credentialReport([])] }, reason: /the root user has MFA active/ },
    { name: 'MFA flag spelled TRUE in capitals', evidence: { files: [credentialReport([], { root: rootRow({ mfa_active: 'TRUE' }) })] } },
  ],
  fail: [
    {
      name: 'root MFA inactive (password_enabled not_supported, as AWS reports root)',
      evidence: { files: [credentialReport([], { root: rootRow({ mfa_active: 'false' }) })] },
      reason: /no MFA device active \(required: mfa_active true, or no root password\)/,
    },
    {
      name: 'root MFA inactive with a password enabled',
      evidence: { files: [credentialReport([], { root: rootRow({ mfa_active: 'false', password_enabled: 'true' }) })] },
    },
    {
      name: 'root MFA inactive in a report generated long before collection (the FAIL it shows stands)',
      evidence: { files: [reportGenerated('2025-01-01T00:00:00.000Z', [], rootRow({ mfa_active: 'false' }))] },
    },
  ],
  notEvaluated: [
    {
      name: 'credential report denied',
      collectionError: { operation: 'GetCredentialReport', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
    {
      name: 'report without a <root_account> row',
      evidence: { files: [credentialReport([reportUser('alice')], { root: null })] },
      reason: /no <root_account> row/,
    },
    { name: 'header-only report', evidence: { files: [headerOnlyReport()] }, reason: /no <root_account> row/ },
    {
      name: 'root row with a malformed mfa_active',
      evidence: { files: [credentialReport([], { root: rootRow({ mfa_active: '' }) })] },
      reason: /mfa_active is "", expected a value/,
    },
    {
      name: 'MFA active, but the report was generated after collection finished',
      evidence: { files: [reportGenerated('2026-09-30T00:06:00.000Z', [])] },
      reason:
        /not accepted as a pass because the credential report says it was generated at 2026-09-30T00:06:00.000Z, after collection finished/,
    },
    {
      name: 'MFA active, but the root password was last used after the report was generated',
      evidence: { files: [reportGenerated('2026-09-29T20:00:00.000Z', [], rootRow({ password_last_used: '2026-09-29T21:00:00+00:00' }))] },
      reason: /password_last_used 2026-09-29T21:00:00.000Z is later than the credential report's generation time/,
    },
  ],
});
