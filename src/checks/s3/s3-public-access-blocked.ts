import type { Evidence } from '../../bundle/evidence.js';
import { publicAccessBlocks, type BlockSettings } from '../../bundle/evidence/s3.js';
import { defineCheck } from '../define-check.js';

const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** Every bucket has all four Block Public Access settings on, at account level or at its own level. */
export default defineCheck({
  id: 's3-public-access-blocked',
  title: 'S3 Block Public Access is on for every bucket',
  description:
    'For every bucket in ListBuckets, all four Block Public Access settings must be on at account level (S3 Control GetPublicAccessBlock) or all four at bucket level (S3 GetPublicAccessBlock); settings are not combined across levels.',
  scope: 'account',
  needs: { blocks: publicAccessBlocks },
  params: {},
  *run({ blocks }, ctx) {
    const accountOff = offSettings(blocks.account);
    for (const { bucket, evidence } of blocks.buckets) {
      const files = [...(blocks.account.ok ? blocks.account.files : []), ...(evidence.ok ? evidence.files : [])];
      const bucketOff = offSettings(evidence);
      const levels = `account level: ${describe(blocks.account)}; bucket level: ${describe(evidence)}`;
      // The audit procedure accepts either level with all four settings on; it does not combine
      // settings from the two levels, so two half blocks do not make a whole one.
      if (accountOff?.length === 0 || bucketOff?.length === 0) {
        const level = accountOff?.length === 0 ? 'account' : 'bucket';
        yield ctx.pass(bucket.arn, `all four Block Public Access settings are on at ${level} level for ${bucket.name} (${levels})`, files);
      } else if (accountOff === undefined || bucketOff === undefined) {
        const gaps = [blocks.account, evidence].flatMap((e) => (e.ok ? [] : [e.reason]));
        yield ctx.notEvaluated(bucket.arn, `Block Public Access for ${bucket.name} not shown to be on at either level (${levels}): ${gaps.join('; ')}`, files);
      } else {
        yield ctx.fail(bucket.arn, `Block Public Access for ${bucket.name} is not fully on at either level (${levels}; required: all four on at account or bucket level)`, files);
      }
    }
  },
});

/** The settings not on; undefined when the evidence is unavailable. */
function offSettings(evidence: Evidence<BlockSettings | undefined>): string[] | undefined {
  if (!evidence.ok) return undefined;
  const settings = evidence.value;
  return SETTINGS.filter((s) => settings?.[s] !== true);
}

function describe(evidence: Evidence<BlockSettings | undefined>): string {
  if (!evidence.ok) return 'unknown';
  if (evidence.value === undefined) return 'no block configured';
  const off = offSettings(evidence) ?? [];
  return off.length === 0 ? 'all on' : `${off.join(', ')} off`;
}
