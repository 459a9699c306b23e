import type { Evidence } from '../../bundle/evidence.js';
import type { KmsKey } from '../../bundle/evidence/kms.js';
import { secretKeys, secrets, type Secret } from '../../bundle/evidence/secretsmanager.js';
import type { FileRef } from '../../bundle/read-bundle.js';
import { defineCheck, type Finding, type CheckContext } from '../define-check.js';
import { csvParam } from '../iam/policy-statements.js';

// alias/aws/… names belong to AWS managed keys only; a secret can only use aws/secretsmanager of them.
const AWS_ALIAS = /^(arn:[^:]+:kms:[^:]*:[^:]*:)?alias\/aws\//;
const KEY_ARN = /^arn:[^:]+:kms:([^:]*):([^:]*):key\/(.+)$/;

/** Every Secrets Manager secret is encrypted with a customer managed KMS key, not aws/secretsmanager. */
export default defineCheck({
  id: 'secretsmanager-secret-encrypted-with-cmk',
  title: 'Secrets Manager secrets are encrypted with a customer managed key',
  description:
    'For every secret in ListSecrets, KmsKeyId must be present (AWS omits it for the AWS managed key aws/secretsmanager: fails) and must not be an alias/aws/ alias nor a key whose DescribeKey shows KeyManager AWS; a key of this account is looked up in kms:ListKeys/DescribeKey (unknown there: not evaluated). When kmsKeyArns lists keys, KmsKeyId must be one of them. As AWS Config SECRETSMANAGER_USING_CMK; deviation: a key of another account passes (it cannot be an AWS managed key), where AWS Config, unable to read it, fails it.',
  scope: 'region',
  needs: { secrets, keys: secretKeys },
  params: {
    kmsKeyArns: {
      type: 'array',
      items: { type: 'string' },
      description:
        "KMS key ARNs the secrets must be encrypted with; [] accepts any customer managed key (AWS Config's optional kmsKeyArns, comma-separated entries are split).",
    },
  },
  *run({ secrets: list, keys }, ctx) {
    const allowed = csvParam(ctx.params.kmsKeyArns);
    for (const secret of list) yield judge(secret, keys, allowed, ctx);
  },
});

function judge(secret: Secret, keys: Evidence<KmsKey[]>, allowed: string[], ctx: CheckContext<unknown>): Finding {
  const name = `secret ${secret.name}`;
  const required = allowed.length > 0 ? `required: one of ${allowed.join(', ')}` : 'required: a customer managed key';
  const key = secret.kmsKeyId;
  if (key === undefined) return ctx.notEvaluated(secret.arn, `${name}: ListSecrets shows a KmsKeyId that is not text (${required})`);
  if (key === null)
    return ctx.fail(secret.arn, `${name} is encrypted with the AWS managed key aws/secretsmanager (no KmsKeyId) (${required})`);
  if (AWS_ALIAS.test(key)) return ctx.fail(secret.arn, `${name} is encrypted with the AWS managed key ${key} (${required})`);
  if (allowed.length > 0) {
    return allowed.includes(key)
      ? ctx.pass(secret.arn, `${name} is encrypted with ${key} (${required})`)
      : ctx.fail(secret.arn, `${name} is encrypted with ${key} (${required})`);
  }
  const arn = KEY_ARN.exec(key);
  // A customer's own alias, or a key another account shares: neither can be an AWS managed key here.
  if (key.includes('alias/')) return ctx.pass(secret.arn, `${name} is encrypted with the key of the customer alias ${key} (${required})`);
  if (arn && arn[2] !== ctx.scope.account)
    return ctx.pass(
      secret.arn,
      `${name} is encrypted with ${key}, a key of account ${arn[2] ?? ''} (AWS managed keys are never shared) (${required})`,
    );
  const keyId = arn ? arn[3] : key;
  const where = arn && arn[1] !== ctx.scope.region ? `it is in ${arn[1] ?? ''}, not ${ctx.scope.region}` : undefined;
  if (!keys.ok) return ctx.notEvaluated(secret.arn, `${name} is encrypted with ${key}, whose key manager is unknown (${keys.reason})`);
  const found = where === undefined ? keys.value.find((k) => k.keyId === keyId || k.arn === key) : undefined;
  if (!found)
    return ctx.notEvaluated(
      secret.arn,
      `${name} is encrypted with ${key}, which kms:ListKeys of ${ctx.scope.region} does not list${where ? ` (${where})` : ''} (${required})`,
    );
  const files: FileRef[] = [...secret.listFiles, ...found.files, ...(found.metadata.ok ? found.metadata.files : [])];
  if (!found.metadata.ok)
    return ctx.notEvaluated(secret.arn, `${name} is encrypted with ${key}, whose key manager is unknown (${found.metadata.reason})`, files);
  const manager = found.metadata.value.KeyManager;
  if (manager === 'AWS') return ctx.fail(secret.arn, `${name} is encrypted with ${key}, an AWS managed key (${required})`, files);
  if (manager === 'CUSTOMER') return ctx.pass(secret.arn, `${name} is encrypted with the customer managed key ${key} (${required})`, files);
  return ctx.notEvaluated(
    secret.arn,
    `${name} is encrypted with ${key}, whose DescribeKey shows KeyManager ${JSON.stringify(manager)} (${required})`,
    files,
  );
}
