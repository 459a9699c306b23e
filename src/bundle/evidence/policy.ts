import type { PolicyDocument, PolicyStatement } from './s3.js';

/** The policy types, shared with S3 bucket policies. */
export type { PolicyDocument, PolicyStatement };

/** Parses a policy document from its JSON text; `Statement` always becomes a list. */
export function parsePolicyDocument(text: string): PolicyDocument {
  const parsed = JSON.parse(text) as { Version?: string; Statement?: PolicyStatement | PolicyStatement[] } | null;
  if (parsed === null || typeof parsed !== 'object') throw new Error('the policy document is not a JSON object');
  const statements = parsed.Statement === undefined ? [] : Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  return parsed.Version === undefined ? { Statement: statements } : { Version: parsed.Version, Statement: statements };
}

/**
 * Parses an IAM policy document as GetAccountAuthorizationDetails and GetPolicyVersion return it:
 * URL-encoded (RFC 3986). Text that is already plain JSON (an SDK that decodes) is read as is.
 */
export function parseIamPolicyDocument(text: string): PolicyDocument {
  const trimmed = text.trimStart();
  // A literal "+" cannot survive RFC 3986 encoding (it becomes %2B), so one here is a form-encoded space.
  return parsePolicyDocument(trimmed.startsWith('{') ? trimmed : decodeURIComponent(text.replace(/\+/g, ' ')));
}

/** A policy element that may be one string or a list of them, as a list. */
export function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Whether an IAM pattern (`*` any run of characters, `?` one character) matches `value` in full. */
export function wildcardMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

/** Whether a statement's Principal is everyone: `"*"` or `{ "AWS": "*" }`. */
export function isAnyonePrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal === null || typeof principal !== 'object') return false;
  const aws = (principal as Record<string, unknown>)['AWS'];
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}
