import type { PolicyDocument } from '../../bundle/evidence/policy.js';
import type { ParamSpec } from '../define-check.js';
import { describeStatement, grantedPatterns, readStatements, unfixedKmsResources } from './policy-statements.js';

/** The `blockedActionsPatterns` parameter shared by the two KMS checks (AWS Config's CSV, as a list). */
export const blockedActionsPatterns = {
  type: 'array',
  items: { type: 'string' },
  minItems: 1,
  description:
    'KMS action patterns no policy may allow on all keys (AWS Config blockedActionsPatterns; the NIST pack sets "kms:*, kms:Decrypt, kms:ReEncrypt*"). An entry may itself be comma-separated.',
} as const satisfies ParamSpec;

/** What a policy document says about the blocked KMS actions. */
export type KmsVerdict = { status: 'pass' | 'fail' | 'unknown'; detail: string };

/**
 * Judges one policy document: it fails when an Allow statement grants a blocked pattern in full
 * on a resource that is not a fixed value (`*`, a wildcard KMS ARN, NotResource). Conditions are
 * not evaluated, as in AWS Config.
 */
export function kmsVerdict(document: PolicyDocument, blocked: readonly string[]): KmsVerdict {
  const read = readStatements(document);
  if (!read.ok) return { status: 'unknown', detail: `cannot be judged: ${read.reason}` };
  for (const statement of read.statements) {
    const granted = grantedPatterns(statement, blocked);
    if (granted.length === 0) continue;
    const open = unfixedKmsResources(statement);
    if (open.length === 0) continue;
    return {
      status: 'fail',
      detail: `allows ${granted.join(', ')} on ${open.map((r) => (r.startsWith('NotResource') ? r : JSON.stringify(r))).join(', ')} in ${describeStatement(statement)}`,
    };
  }
  return { status: 'pass', detail: `allows none of ${blocked.join(', ')} on all KMS keys` };
}

/** "(limit: none of kms:*, kms:Decrypt allowed on a Resource that is not a fixed key ARN)". */
export function kmsLimit(blocked: readonly string[]): string {
  return `(limit: none of ${blocked.join(', ')} allowed on a resource that is not a fixed value)`;
}
