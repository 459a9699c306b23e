import check from '../../../src/checks/account/account-contact-details-present.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { testCheck } from '../../helpers/test-check.js';

/** `account:GetContactInformation` of a complete contact, with overrides (undefined drops a field). */
function contactInformation(overrides: Record<string, string | undefined> = {}): TestFile {
  const contact: Record<string, string | undefined> = {
    FullName: 'Acme Cloud Operations',
    AddressLine1: '1 Forge Lane',
    City: 'Springfield',
    PostalCode: '62701',
    CountryCode: 'US',
    PhoneNumber: '+1-555-0100',
    StateOrRegion: 'IL',
    CompanyName: 'Acme Anvil Corp',
    ...overrides,
  };
  return { service: 'account', operation: 'GetContactInformation', body: { ContactInformation: contact } };
}

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'name, phone, first address line and country are set',
      evidence: { files: [contactInformation()] },
      reason: /has a full name, phone number, address line 1, city, postal code and country code/,
    },
    {
      name: 'every required field set, no optional field (as an implementation that omits optional fields answers)',
      evidence: { files: [contactInformation({ StateOrRegion: undefined, CompanyName: undefined })] },
    },
  ],
  fail: [
    {
      name: 'no phone number',
      evidence: { files: [contactInformation({ PhoneNumber: undefined })] },
      reason:
        /^the primary contact lacks phone number \(required: full name, phone number, address line 1, city, postal code, country code\)$/,
    },
    {
      name: 'blank full name and address line',
      evidence: { files: [contactInformation({ FullName: ' ', AddressLine1: '' })] },
      reason: /lacks full name, address line 1 \(/,
    },
    {
      name: 'an answer with only the four fields older checks read (no city, no postal code)',
      evidence: {
        files: [contactInformation({ City: undefined, PostalCode: undefined, StateOrRegion: undefined, CompanyName: undefined })],
      },
      reason: /lacks city, postal code \(required: /,
    },
    {
      name: 'a phone number without digits',
      evidence: { files: [contactInformation({ PhoneNumber: 'call reception' })] },
      reason: /phone number "call reception" holds no digits/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetContactInformation denied',
      collectionError: { service: 'account', operation: 'GetContactInformation', code: 'AccessDeniedException' },
      reason: /account:GetContactInformation .*AccessDeniedException/,
    },
    { name: 'GetContactInformation not collected', evidence: { files: [] }, reason: /not in the bundle/ },
    {
      name: 'an answer without ContactInformation (says nothing about the contact)',
      evidence: { files: [{ service: 'account', operation: 'GetContactInformation', body: {} }] },
      reason: /account:GetContactInformation in 111122223333\/global cannot be read: the answer holds no ContactInformation object/,
    },
    {
      name: 'a field that is not text',
      evidence: {
        files: [
          {
            service: 'account',
            operation: 'GetContactInformation',
            body: { ContactInformation: { FullName: 'Acme', PhoneNumber: 5550100 } },
          },
        ],
      },
      reason: /ContactInformation\.PhoneNumber is not text \(5550100\)/,
    },
  ],
});
