import type { DescribeOrganizationResponse } from '@aws-sdk/client-organizations';
import { describeCall } from '../manifest.js';
import { defineEvidence } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { loadOptional } from './wire.js';

/** The AWS Organization an account belongs to, as DescribeOrganization describes it. */
export interface Organization {
  id: string;
  arn: string | undefined;
  /** The management account's id (`MasterAccountId`); `undefined` when the answer leaves it out. */
  managementAccountId: string | undefined;
  featureSet: string | undefined;
}

/**
 * `organizations:DescribeOrganization`; `undefined` when AWS answered that the account is in no
 * organization (a `not-found` file: AWSOrganizationsNotInUseException). An answer without an
 * Organization object holding a text Id, or with a field that is not text, is not evidence of either.
 */
export const organization = defineEvidence<Organization | undefined>({
  name: 'AWS Organizations membership',
  scope: 'account',
  async load(bundle, { account }) {
    const key: CallKey = { account, region: 'global', service: 'organizations', operation: 'DescribeOrganization' };
    const loaded = await loadOptional<DescribeOrganizationResponse>(bundle, key);
    if (!loaded.ok) return loaded;
    if (loaded.value === undefined || loaded.value === null) return { ok: true, value: undefined, files: loaded.files };
    const unreadable = (what: string) => ({
      ok: false as const,
      reason: `${describeCall(key)} cannot be read: ${what}. Collect the account again`,
      errors: [],
    });
    const org: unknown = (loaded.value as Record<string, unknown>)['Organization'];
    if (org === null || typeof org !== 'object' || Array.isArray(org)) return unreadable('the answer holds no Organization object');
    const fields = org as Record<string, unknown>;
    for (const field of ['Id', 'Arn', 'MasterAccountId', 'FeatureSet'] as const) {
      const value = fields[field];
      if (value !== undefined && typeof value !== 'string')
        return unreadable(`Organization.${field} is not text (${JSON.stringify(value)})`);
    }
    const text = (field: string): string | undefined => {
      const value = fields[field];
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const id = text('Id');
    if (!id) return unreadable('its Organization has no Id');
    return {
      ok: true,
      value: { id, arn: text('Arn'), managementAccountId: text('MasterAccountId'), featureSet: text('FeatureSet') },
      files: loaded.files,
    };
  },
});
