import type { SsmComplianceSummary } from '../../bundle/evidence/ssm.js';
import type { CheckContext, Finding } from '../define-check.js';

/** One finding per managed node's summary of one compliance type: COMPLIANT passes, NON_COMPLIANT fails, anything else is unknown. */
export function* complianceFindings(
  summaries: readonly SsmComplianceSummary[],
  complianceType: 'Association' | 'Patch',
  ctx: CheckContext<unknown>,
): Generator<Finding> {
  for (const s of summaries) {
    if (s.complianceType !== complianceType) continue;
    if (s.resourceType !== undefined && s.resourceType !== 'ManagedInstance') continue;
    const name = `managed node ${s.resourceId}`;
    const when = s.executedAt ? ` (as of ${s.executedAt})` : '';
    if (s.status === 'COMPLIANT') yield ctx.pass(s.resourceArn, `${name} has ${complianceType} compliance COMPLIANT${when}`);
    else if (s.status === 'NON_COMPLIANT') {
      const detail = [
        s.nonCompliantCount === undefined ? undefined : `${s.nonCompliantCount} non-compliant item${s.nonCompliantCount === 1 ? '' : 's'}`,
        s.severity && `highest severity ${s.severity}`,
      ]
        .filter(Boolean)
        .join(', ');
      yield ctx.fail(
        s.resourceArn,
        `${name} has ${complianceType} compliance NON_COMPLIANT${detail ? ` (${detail})` : ''}${when} (required: COMPLIANT)`,
      );
    } else
      yield ctx.notEvaluated(
        s.resourceArn,
        `${name}: ListResourceComplianceSummaries shows ${s.status === undefined ? 'no Status' : `Status ${JSON.stringify(s.status)}`} for ${complianceType} (required: COMPLIANT)`,
      );
  }
}
