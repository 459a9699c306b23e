import { wildcardMatches, type PolicyDocument } from '../../bundle/evidence/policy.js';

/** A policy statement whose elements have been checked to be what IAM allows (strings or lists of them). */
export interface ReadStatement {
  /** 1-based position in the document, for reasons. */
  index: number;
  sid: string | undefined;
  effect: string;
  action: string[] | undefined;
  notAction: string[] | undefined;
  resource: string[] | undefined;
  notResource: string[] | undefined;
}

/**
 * The statements of a policy document, or why the document cannot be judged: a statement that is
 * not an object, or an Action/NotAction/Resource/NotResource that is neither text nor a list of
 * text, makes the whole document unreadable (a check must not guess what it grants).
 */
export function readStatements(document: PolicyDocument): { ok: true; statements: ReadStatement[] } | { ok: false; reason: string } {
  const statements: ReadStatement[] = [];
  for (const [i, raw] of (document.Statement as unknown[]).entries()) {
    const where = `statement ${i + 1}`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: `${where} is not an object` };
    const s = raw as Record<string, unknown>;
    if (typeof s['Effect'] !== 'string') return { ok: false, reason: `${where} has no Effect` };
    const read: ReadStatement = {
      index: i + 1,
      sid: typeof s['Sid'] === 'string' && s['Sid'] !== '' ? s['Sid'] : undefined,
      effect: s['Effect'],
      action: undefined,
      notAction: undefined,
      resource: undefined,
      notResource: undefined,
    };
    for (const [field, key] of [
      ['Action', 'action'],
      ['NotAction', 'notAction'],
      ['Resource', 'resource'],
      ['NotResource', 'notResource'],
    ] as const) {
      const value = s[field];
      if (value === undefined) continue;
      const list =
        typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
      if (!list) return { ok: false, reason: `${where}'s ${field} is ${JSON.stringify(value)?.slice(0, 60)}, not text or a list of text` };
      read[key] = list;
    }
    statements.push(read);
  }
  return { ok: true, statements };
}

/** "statement Sid" or "statement 2", for reasons. */
export function describeStatement(statement: ReadStatement): string {
  return statement.sid ? `statement ${statement.sid}` : `statement ${statement.index}`;
}

/** Whether an Allow statement applies (Effect compared as IAM does: exactly "Allow"). */
export function isAllow(statement: ReadStatement): boolean {
  return statement.effect === 'Allow';
}

/**
 * What an Allow statement grants in full to at least one service: each Action that is `"*"`,
 * `"*:*"` or `"<service>:*"` (any case; `ec2:Describe*` is not full access), and `NotAction`,
 * which grants every action of every service it does not name.
 */
export function fullAccessGrants(statement: ReadStatement): string[] {
  if (!isAllow(statement)) return [];
  const grants = (statement.action ?? []).filter((a) => /^(\*|[^:*?]*\*?:\*+)$/.test(a.trim()));
  // NotAction "*" excludes everything and grants nothing.
  if (statement.notAction && !statement.notAction.some((n) => n.trim() === '*' || n.trim() === '*:*'))
    grants.push(`NotAction ${JSON.stringify(statement.notAction.length === 1 ? statement.notAction[0] : statement.notAction)}`);
  return grants;
}

/**
 * Whether one IAM action pattern grants every action `pattern` names: `kms:*` grants `kms:Decrypt`
 * and `kms:ReEncrypt*`; `kms:ReEncryptFrom` alone does not grant all of `kms:ReEncrypt*`. Action
 * names are compared without regard to case, as IAM does.
 */
export function actionCovers(action: string, pattern: string): boolean {
  return wildcardMatches(action.trim(), pattern.trim(), true);
}

/** Whether two action patterns name some action in common (used for NotAction exclusions). */
function actionsOverlap(a: string, b: string): boolean {
  return wildcardMatches(a.trim(), b.trim(), true) || wildcardMatches(b.trim(), a.trim(), true);
}

/** The blocked patterns an Allow statement grants in full (by Action, or by a NotAction that excludes none of it). */
export function grantedPatterns(statement: ReadStatement, blocked: readonly string[]): string[] {
  if (!isAllow(statement)) return [];
  return blocked.filter((pattern) => {
    if (statement.action?.some((a) => actionCovers(a, pattern))) return true;
    return statement.notAction !== undefined && !statement.notAction.some((n) => actionsOverlap(n, pattern));
  });
}

/**
 * The resources of a statement that are not fixed KMS values, per AWS's note on the KMS rules
 * ("values that don't contain a wildcard or … variables"): an entry with `*`, `?` or `${…}` that
 * could name a KMS key (`*`, `arn:aws:kms:*:111122223333:key/*`; not `arn:aws:s3:::b/*`), and
 * NotResource, which allows every resource it does not list.
 */
export function unfixedKmsResources(statement: ReadStatement): string[] {
  const open = (statement.resource ?? []).filter((entry) => {
    const text = entry.trim().replace(/\$\{[^}]*\}/g, '*');
    if (!/[*?]/.test(text)) return false;
    const parts = text.split(':');
    // A wildcard before the service part can stand for any service (and the colons after it).
    if (parts.length < 3 || /[*?]/.test(`${parts[0] ?? ''}:${parts[1] ?? ''}`)) return true;
    return wildcardMatches(parts[2] ?? '', 'kms', true);
  });
  if (statement.notResource)
    open.push(`NotResource ${JSON.stringify(statement.notResource.length === 1 ? statement.notResource[0] : statement.notResource)}`);
  return open;
}

/** Splits a comma-separated parameter the way AWS Config reads its CSV parameters; list entries are split too. */
export function csvParam(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
