import type { DescribeHubResponse } from '@aws-sdk/client-securityhub';
import { parseTimestamp } from '../../shared/time.js';
import { defineEvidence, findCall } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { loadOptional } from './wire.js';

/** The Security Hub hub of one region. */
export interface SecurityHub {
  arn: string;
  /** As AWS sends it: an ISO 8601 string. */
  subscribedAt: string | undefined;
  /** Why the answer cannot be believed (a subscription time after collection ended). */
  impossible?: string;
}

/**
 * `securityhub:DescribeHub` of one region; `undefined` when AWS answered that the account is not
 * subscribed there (a `not-found` file: InvalidAccessException "not subscribed", ResourceNotFoundException;
 * bundles whose collector recorded that answer as a failed call read the same). A hub answer without
 * HubArn is still a hub: its ARN is derived from account and region.
 */
export const securityHub = defineEvidence<SecurityHub | undefined>({
  name: 'Security Hub subscription',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'securityhub', operation: 'DescribeHub' };
    const outcome = findCall(bundle, key);
    if (
      outcome.kind === 'failed' &&
      outcome.errors.every((e) => e.code === 'InvalidAccessException' && /not subscribed/i.test(e.message))
    ) {
      return { ok: true, value: undefined, files: [] };
    }
    const loaded = await loadOptional<DescribeHubResponse>(bundle, key);
    if (!loaded.ok) return loaded;
    const hub = loaded.value;
    if (hub === undefined) return { ...loaded, value: undefined };
    const arn = typeof hub.HubArn === 'string' && hub.HubArn !== '' ? hub.HubArn : `arn:aws:securityhub:${region}:${account}:hub/default`;
    const subscribedAt = typeof hub.SubscribedAt === 'string' ? hub.SubscribedAt : undefined;
    const subscribed = subscribedAt === undefined ? undefined : parseTimestamp(subscribedAt);
    if (subscribed && subscribed.getTime() > bundle.collectedAt.getTime()) {
      const impossible = `DescribeHub of ${account}/${region} gives SubscribedAt ${subscribedAt ?? ''}, after collection ended (${bundle.collectedAt.toISOString()})`;
      return { ...loaded, value: { arn, subscribedAt, impossible }, warnings: [impossible] };
    }
    return { ...loaded, value: { arn, subscribedAt } };
  },
});
