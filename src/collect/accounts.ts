import { readFile } from 'node:fs/promises';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { GetCallerIdentityCommandOutput, STSClient } from '@aws-sdk/client-sts';
import { AuditpackError, messageOf } from '../shared/errors.js';
import { errorInfo } from './aws-errors.js';
import type { Credentials } from './clients.js';

/** An account the run collects. */
export interface AccountTarget {
  id: string;
  name?: string;
}

/** Who the credentials are; a failure here means nothing can be collected. */
export async function callerIdentity(
  sts: STSClient,
  signal: AbortSignal,
): Promise<GetCallerIdentityCommandOutput & { Account: string; Arn: string }> {
  const { GetCallerIdentityCommand } = await import('../shared/aws-sdk/client-sts.js');
  let identity: GetCallerIdentityCommandOutput;
  try {
    identity = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
  } catch (error) {
    const info = errorInfo(error);
    throw new AuditpackError(
      'IO',
      `sts:GetCallerIdentity failed (${info.code}: ${info.message}). Nothing can be collected without working AWS credentials: check the environment variables, --profile, "aws sso login" or the instance role.`,
    );
  }
  if (!identity.Account || !identity.Arn)
    throw new AuditpackError('IO', 'sts:GetCallerIdentity answered without an account id. Check --endpoint-url.');
  return identity as GetCallerIdentityCommandOutput & { Account: string; Arn: string };
}

/** The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}

/**
 * Reads `--accounts FILE`: one 12-digit account id a line, optionally followed by a name
 * (`111122223333 acme-prod` or `111122223333,acme-prod`); `#` starts a comment.
 */
export async function readAccountsFile(path: string): Promise<AccountTarget[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AuditpackError(
      'USAGE',
      `${path}: cannot read the accounts file (${messageOf(error)}). Give a file with one 12-digit account id a line.`,
    );
  }
  const targets: AccountTarget[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const match = /^(\d{12})(?:\s*[,\s]\s*(.+))?$/.exec(line);
    if (!match)
      throw new AuditpackError(
        'USAGE',
        `${path}:${i + 1}: "${line}" is not a 12-digit account id (optionally followed by a name). Fix the line or remove it.`,
      );
    const id = match[1] as string;
    if (seen.has(id)) return;
    seen.add(id);
    const name = match[2]?.trim();
    targets.push(name ? { id, name } : { id });
  });
  if (targets.length === 0) throw new AuditpackError('USAGE', `${path}: lists no account ids. Give one 12-digit account id a line.`);
  return targets;
}

/** The organization's active accounts (Organizations ListAccounts, from the management or a delegated administrator account). */
export async function organizationAccounts(client: OrganizationsClient, signal: AbortSignal): Promise<AccountTarget[]> {
  const { paginateListAccounts } = await import('../shared/aws-sdk/client-organizations.js');
  const targets: AccountTarget[] = [];
  try {
    for await (const page of paginateListAccounts({ client }, {}, { abortSignal: signal })) {
      for (const account of page.Accounts ?? []) {
        // `State` replaced `Status`; an account is collected only while active.
        const state = (account as { State?: string }).State ?? account.Status;
        if (account.Id && (state === undefined || state === 'ACTIVE'))
          targets.push(account.Name ? { id: account.Id, name: account.Name } : { id: account.Id });
      }
    }
  } catch (error) {
    const info = errorInfo(error);
    throw new AuditpackError(
      'IO',
      `organizations:ListAccounts failed (${info.code}: ${info.message}). --organization needs credentials of the management account or a delegated administrator; or list the accounts in a file with --accounts.`,
    );
  }
  if (targets.length === 0)
    throw new AuditpackError(
      'IO',
      'organizations:ListAccounts listed no active accounts. List the accounts in a file with --accounts instead.',
    );
  return targets;
}

/** The role to assume in an account. */
export function roleArn(partition: string, account: string, roleName: string): string {
  return `arn:${partition}:iam::${account}:role/${roleName.replace(/^\/+/, '')}`;
}

// Refresh assumed-role credentials this long before they expire.
const REFRESH_MARGIN_MS = 5 * 60_000;

/** Credentials of an assumed role, refreshed before they expire; a failed refresh is retried on the next request. */
export function assumedRole(sts: STSClient, arn: string, externalId: string | undefined, signal: AbortSignal): Credentials {
  let current: Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }> | undefined;
  let expires = 0;
  return async () => {
    const { AssumeRoleCommand } = await import('../shared/aws-sdk/client-sts.js');
    if (!current || Date.now() > expires - REFRESH_MARGIN_MS) {
      const request = sts
        .send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'auditpack', ...(externalId ? { ExternalId: externalId } : {}) }), {
          abortSignal: signal,
        })
        .then((answer) => {
          const c = answer.Credentials;
          if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`sts:AssumeRole of ${arn} answered without credentials`);
          expires = c.Expiration ? c.Expiration.getTime() : Number.POSITIVE_INFINITY;
          return {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
            ...(c.Expiration ? { expiration: c.Expiration } : {}),
          };
        });
      current = request;
      request.catch(() => {
        if (current === request) current = undefined;
      });
    }
    return current;
  };
}
