import type { DescribeHubResponse } from '@aws-sdk/client-securityhub';
import { defineEvidence } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { loadOptional, mapEvidence } from './wire.js';

/** The Security Hub hub of one region. */
export interface SecurityHub {
  arn: string;
  /** As AWS sends it: an ISO 8601 string. */
  subscribedAt: string | undefined;
}

/**
 * `securityhub:DescribeHub` of one region; `undefined` when AWS answered that the account is not
 * subscribed there (a `not-found` file: InvalidAccessException "not subscribed", ResourceNotFoundException).
 */
export const securityHub = defineEvidence<SecurityHub | undefined>({
  name: 'Security Hub subscription',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'securityhub', operation: 'DescribeHub' };
    return mapEvidence(await loadOptional<DescribeHubResponse>(bundle, key), (hub) =>
      hub?.HubArn ? { arn: hub.HubArn, subscribedAt: hub.SubscribedAt } : undefined,
    );
  },
});
