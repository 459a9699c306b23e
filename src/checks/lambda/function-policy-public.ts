import { isAnyonePrincipal, listOf, type PolicyDocument, type PolicyStatement } from '../../bundle/evidence/policy.js';

// Condition keys that, pinned to fixed values, confine a statement to known accounts, organizations,
// resources or networks (IAM Access Analyzer's and S3's definition of a non-public policy).
const LIMITING_KEYS = [
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  'aws:sourcevpc',
  'aws:sourcevpce',
];
// Keys that pin the account of the resource that invokes through a service principal.
const ACCOUNT_KEYS = ['aws:sourceaccount', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths'];
// Operators that compare a key with the listed values; `…IfExists` also lets requests without the key through.
const LIMITING_OPERATORS = ['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike'];
// S3 bucket ARNs name no account: a bucket deleted and recreated by anyone keeps its ARN.
const S3_SERVICE = 's3.amazonaws.com';

/**
 * Why a function policy lets the public invoke or manage the function, or undefined when it does
 * not: the first Allow statement whose principal is everyone (`*`, `{"AWS": "*"}`, a wildcard or
 * policy variable in a principal, an empty principal, or NotPrincipal) and that no condition pins
 * to fixed accounts, organizations, ARNs or networks; or that lets `s3.amazonaws.com` invoke it
 * without pinning the bucket owner's account (aws:SourceAccount).
 */
export function publicStatement(policy: PolicyDocument): string | undefined {
  for (const [index, statement] of policy.Statement.entries()) {
    if (statement.Effect !== 'Allow') continue;
    const name = `statement ${statement.Sid ?? String(index + 1)}`;
    if (opensToEveryone(statement) && !pinned(statement.Condition, LIMITING_KEYS)) {
      const who =
        statement.NotPrincipal !== undefined ? 'everyone outside its NotPrincipal' : `principal ${JSON.stringify(statement.Principal)}`;
      return `${name} allows ${actions(statement)} to ${who} with no condition pinning a fixed account, organization, ARN or network`;
    }
    if (servicePrincipals(statement.Principal).some((s) => s.toLowerCase() === S3_SERVICE) && !pinned(statement.Condition, ACCOUNT_KEYS)) {
      return `${name} allows ${actions(statement)} to ${S3_SERVICE} without an aws:SourceAccount condition (any account's bucket of that name could invoke it)`;
    }
  }
  return undefined;
}

function opensToEveryone(statement: PolicyStatement): boolean {
  if (statement.NotPrincipal !== undefined) return true;
  const principal = statement.Principal;
  if (principal === '' || isAnyonePrincipal(principal)) return true;
  if (principal === null || typeof principal !== 'object') return typeof principal === 'string' && !isFixed(principal);
  const values = Object.values(principal as Record<string, unknown>).flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]));
  return values.length === 0 || values.some((v) => typeof v !== 'string' || v === '' || !isFixed(v));
}

function servicePrincipals(principal: unknown): string[] {
  if (principal === null || typeof principal !== 'object') return [];
  const service = (principal as Record<string, unknown>)['Service'];
  return (Array.isArray(service) ? (service as unknown[]) : [service]).filter((s): s is string => typeof s === 'string');
}

/** Whether a condition pins one of `keys` to fixed values (conditions combine with AND, so one suffices). */
function pinned(condition: PolicyStatement['Condition'], keys: readonly string[]): boolean {
  return Object.entries(condition ?? {}).some(([operator, entries]) => {
    if (!LIMITING_OPERATORS.includes(operator.toLowerCase()) || entries === null || typeof entries !== 'object') return false;
    return Object.entries(entries).some(([key, raw]) => {
      if (!keys.includes(key.toLowerCase())) return false;
      const values = Array.isArray(raw) ? (raw as unknown[]) : [raw];
      return values.length > 0 && values.every((v) => typeof v === 'string' && v !== '' && isFixed(v));
    });
  });
}

/** A value without a wildcard or a policy variable. */
function isFixed(value: string): boolean {
  return !value.includes('*') && !value.includes('?') && !value.includes('${');
}

function actions(statement: PolicyStatement): string {
  if (statement.NotAction !== undefined) return `every action but ${listOf(statement.NotAction).join(', ')}`;
  const list = listOf(statement.Action);
  return list.length === 0 ? 'no named action' : list.join(', ');
}
