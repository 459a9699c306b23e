import type { ListSecretsResponse, SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, FileRef } from '../read-bundle.js';
import { kmsKeys, type KmsKey } from './kms.js';
import { afterCollection, listField, loadPages, mapRecords, type Wire } from './wire.js';

/** A Secrets Manager secret as ListSecrets lists it. */
export interface Secret {
  name: string;
  arn: string;
  /**
   * Whether automatic rotation is on. ListSecrets leaves RotationEnabled out for a secret whose
   * rotation was never configured, so absent reads as false; a non-boolean value is `undefined` (unknown).
   */
  rotationEnabled: boolean | undefined;
  /** RotationRules.AutomaticallyAfterDays (Secrets Manager computes it from a schedule too); `undefined` when absent or unreadable. */
  rotationDays: number | undefined;
  /** RotationRules.ScheduleExpression (`rate(10 days)`, `cron(…)`), if any. */
  scheduleExpression: string | undefined;
  /**
   * KmsKeyId: the key ARN (or alias) that encrypts the secret; `null` when the answer leaves it out,
   * which AWS documents as "encrypted with the AWS managed key aws/secretsmanager"; `undefined`
   * when the field holds something other than text (unknown).
   */
  kmsKeyId: string | null | undefined;
  /** The service that created and manages the secret (`rds`, …), if any. */
  owningService: string | undefined;
  /** The ListSecrets pages that list it. */
  listFiles: FileRef[];
}

/**
 * `secretsmanager:ListSecrets` of one region (every page; secrets scheduled for deletion are not
 * listed), typed per secret: the name comes from the ARN when Name is missing; a secret with
 * neither, or created after collection ended, is set aside as unusable.
 */
export const secrets = defineEvidence<Secret[]>({
  name: 'Secrets Manager secrets',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'secretsmanager', operation: 'ListSecrets' };
    const where = `ListSecrets of ${account}/${region}`;
    const warnings: string[] = [];
    const loaded = await loadPages<ListSecretsResponse>(bundle, key);
    const listFiles = loaded.ok ? loaded.files : [];
    const typed = mapRecords(
      loaded,
      (pages) => pages.flatMap((page) => listField(page, 'SecretList')),
      where,
      (s, index) => {
        const secret = typeSecret(s, `${where}, secret ${index + 1}`, listFiles);
        const reason = afterCollection(s.CreatedDate, 'CreatedDate', bundle.collectedAt);
        if (reason) {
          warnings.push(`${secret.arn}: ${reason}`);
          throw new UnusableRecordError(secret.arn, reason);
        }
        return secret;
      },
    );
    return typed.ok && warnings.length > 0 ? { ...typed, warnings } : typed;
  },
});

/**
 * The KMS keys of the region (`kms:ListKeys` with `kms:DescribeKey` of each), or why they are
 * unknown, always available: a check that only sometimes needs them (a secret naming a key by ARN)
 * stays evaluable for the other secrets when the KMS calls failed.
 */
export const secretKeys = defineEvidence<Evidence<KmsKey[]>>({
  name: 'KMS keys for Secrets Manager',
  scope: 'region',
  async load(bundle, scope) {
    const keys = await kmsKeys.load(bundle, scope);
    return { ok: true, value: keys, files: [] };
  },
});

function typeSecret(s: Wire<SecretListEntry>, where: string, listFiles: FileRef[]): Secret {
  const arn = text(s.ARN);
  // arn:aws:secretsmanager:us-east-1:111122223333:secret:name-AbCdEf (6 random characters added).
  const arnName = arn === undefined ? undefined : /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:(.+)-[A-Za-z0-9]{6}$/.exec(arn)?.[1];
  const name = text(s.Name) ?? arnName;
  if (!name || !arn) throw new UnusableRecordError(arn ?? where, `lacks ${arn ? 'Name' : 'ARN'}`);
  const rules = s.RotationRules as unknown;
  const readRules = rules !== null && typeof rules === 'object' && !Array.isArray(rules) ? (rules as Record<string, unknown>) : {};
  const days = readRules['AutomaticallyAfterDays'];
  const keyId = s.KmsKeyId as unknown;
  return {
    name,
    arn,
    rotationEnabled:
      s.RotationEnabled === undefined || s.RotationEnabled === null
        ? false
        : typeof s.RotationEnabled === 'boolean'
          ? s.RotationEnabled
          : undefined,
    rotationDays: typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : undefined,
    scheduleExpression: text(readRules['ScheduleExpression']),
    kmsKeyId: keyId === undefined || keyId === null || keyId === '' ? null : typeof keyId === 'string' ? keyId : undefined,
    owningService: text(s.OwningService),
    listFiles,
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
