import type { AlternateContact, ContactInformation, GetAlternateContactResponse, GetContactInformationResponse } from '@aws-sdk/client-account';
import { defineEvidence } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { loadOptional, loadPages, mapEvidence } from './wire.js';

/** `account:GetContactInformation`: the account's primary contact; `undefined` if the answer holds none. */
export const contactInformation = defineEvidence<ContactInformation | undefined>({
  name: 'account contact information',
  scope: 'account',
  async load(bundle, { account }) {
    const key: CallKey = { account, region: 'global', service: 'account', operation: 'GetContactInformation' };
    return mapEvidence(await loadPages<GetContactInformationResponse>(bundle, key), (pages) => pages[0]?.ContactInformation);
  },
});

/**
 * `account:GetAlternateContact` for the SECURITY contact; `undefined` when AWS answered that none
 * is set (a `not-found` file: ResourceNotFoundException).
 */
export const securityContact = defineEvidence<AlternateContact | undefined>({
  name: 'account security contact',
  scope: 'account',
  async load(bundle, { account }) {
    const key: CallKey = {
      account,
      region: 'global',
      service: 'account',
      operation: 'GetAlternateContact',
      parameters: { AlternateContactType: 'SECURITY' },
    };
    return mapEvidence(await loadOptional<GetAlternateContactResponse>(bundle, key), (r) => r?.AlternateContact);
  },
});
