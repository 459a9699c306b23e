import { rowContradiction, type CredentialReport, type ReportUser } from '../../bundle/evidence/iam.js';
import type { CheckContext, Finding } from '../define-check.js';

/** What a check concluded about one credential-report row, before the evidence's own sanity is applied. */
export type RowVerdict = { status: 'pass' | 'fail' | 'unknown'; resource?: string; reason: string };

/**
 * Turns a verdict on a credential-report row into a finding the evidence can carry: a row holding
 * times later than the report's reference time is NOT_EVALUATED whatever it says, and a PASS from
 * a report whose generation time contradicts the collection is NOT_EVALUATED (its FAILs stand:
 * the report shows them, and no pass is claimed).
 */
export function reportFinding(ctx: CheckContext<unknown>, report: CredentialReport, user: ReportUser, verdict: RowVerdict): Finding {
  const resource = verdict.resource ?? user.arn;
  const contradiction = rowContradiction(report, user);
  if (contradiction) return ctx.notEvaluated(resource, contradiction);
  if (verdict.status === 'unknown') return ctx.notEvaluated(resource, verdict.reason);
  if (verdict.status === 'fail') return ctx.fail(resource, verdict.reason);
  if (report.timing.contradiction)
    return ctx.notEvaluated(resource, `${verdict.reason}; not accepted as a pass because ${report.timing.contradiction}`);
  return ctx.pass(resource, verdict.reason);
}

/** "(measured from the credential report's generation time 2026-09-30T07:58:40.000Z)". */
export function measuredFrom(report: CredentialReport): string {
  return `(measured from ${report.timing.basis})`;
}
