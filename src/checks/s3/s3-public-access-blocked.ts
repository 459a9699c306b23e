import type { Evidence } from '../../bundle/evidence.js';
import { publicAccessBlocks, type BlockSettings } from '../../bundle/evidence/s3.js';
import { defineCheck } from '../define-check.js';

const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** Every bucket has all four Block Public Access settings on, at account or bucket level. */
export default defineCheck({
  id: 's3-public-access-blocked',
  title: 'S3 Block Public Access is on for every bucket',
  description:
    'For every bucket in ListBuckets, each of the four Block Public Access settings must be on at account level (S3 Control) or bucket level (GetPublicAccessBlock).',
  scope: 'account',
  needs: { blocks: publicAccessBlocks },
  params: {},
  *run({ blocks }, ctx) {
    const accountOff = offSettings(blocks.account);
    for (const { bucket, evidence } of blocks.buckets) {
      const files = [...(blocks.account.ok ? blocks.account.files : []), ...(evidence.ok ? evidence.files : [])];
      const bucketOff = offSettings(evidence);
      // S3 enforces the most restrictive combination: a setting is off only if off at both levels.
      const off = SETTINGS.filter((s) => (accountOff?.includes(s) ?? true) && (bucketOff?.includes(s) ?? true));
      if (off.length === 0) {
        yield ctx.pass(
          bucket.arn,
          `all four Block Public Access settings are on (account level: ${describe(blocks.account)}; bucket level: ${describe(evidence)})`,
          files,
        );
      } else if (!blocks.account.ok || !evidence.ok) {
        const gaps = [blocks.account, evidence].flatMap((e) => (e.ok ? [] : [e.reason]));
        yield ctx.notEvaluated(bucket.arn, `${off.join(', ')} not shown to be on: ${gaps.join('; ')}`, files);
      } else {
        yield ctx.fail(
          bucket.arn,
          `${off.join(', ')} off for ${bucket.name} (account level: ${describe(blocks.account)}; bucket level: ${describe(evidence)})`,
          files,
        );
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
