import type {
  AlternateContact,
  ContactInformation,
  GetAlternateContactResponse,
  GetContactInformationResponse,
} from '@aws-sdk/client-account';
import { describeCall } from '../manifest.js';
import { defineEvidence, type Evidence } from '../evidence.js';
import type { CallKey, FileRef } from '../read-bundle.js';
import { loadOptional, loadPages } from './wire.js';

/**
 * `account:GetContactInformation`: the account's primary contact. An answer without a
 * ContactInformation object, or with a field that is not text, says nothing defensible about the
 * contact and makes the evidence unavailable; fields the answer omits stay omitted (never filled).
 */
export const contactInformation = defineEvidence<ContactInformation>({
  name: 'account contact information',
  scope: 'account',
  async load(bundle, { account }) {
    const key: CallKey = { account, region: 'global', service: 'account', operation: 'GetContactInformation' };
    const loaded = await loadPages<GetContactInformationResponse>(bundle, key);
    if (!loaded.ok) return loaded;
    return typedContact<ContactInformation>(loaded.value, key, 'ContactInformation', loaded.files);
  },
});

/**
 * `account:GetAlternateContact` for the SECURITY contact; `undefined` when AWS answered that none
 * is set (a `not-found` file: ResourceNotFoundException). An answer without an AlternateContact
 * object, or one naming another contact type, is not evidence of either.
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
    const loaded = await loadOptional<GetAlternateContactResponse>(bundle, key);
    if (!loaded.ok) return loaded;
    if (loaded.value === undefined) return { ok: true, value: undefined, files: loaded.files };
    const typed = typedContact<AlternateContact>([loaded.value], key, 'AlternateContact', loaded.files);
    if (typed.ok && typed.value.AlternateContactType !== undefined && typed.value.AlternateContactType !== 'SECURITY') {
      return unreadable(
        key,
        `its AlternateContactType is ${JSON.stringify(typed.value.AlternateContactType)}, not the SECURITY contact that was asked for`,
      );
    }
    return typed;
  },
});

function typedContact<T extends object>(pages: unknown[], key: CallKey, field: string, files: FileRef[]): Evidence<T> {
  const page: unknown = pages[0];
  const contact = page !== null && typeof page === 'object' ? (page as Record<string, unknown>)[field] : undefined;
  if (contact === undefined || contact === null || typeof contact !== 'object' || Array.isArray(contact)) {
    return unreadable(key, `the answer holds no ${field} object`);
  }
  for (const [name, value] of Object.entries(contact)) {
    if (typeof value !== 'string') return unreadable(key, `${field}.${name} is not text (${JSON.stringify(value)})`);
  }
  return { ok: true, value: contact as T, files };
}

function unreadable(key: CallKey, what: string): { ok: false; reason: string; errors: [] } {
  return { ok: false, reason: `${describeCall(key)} cannot be read: ${what}. Collect the account again`, errors: [] };
}
