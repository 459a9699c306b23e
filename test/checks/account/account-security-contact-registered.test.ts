import check from '../../../src/checks/account/account-security-contact-registered.js';
import type { TestFile } from '../../helpers/bundle-builder.js';
import { testCheck } from '../../helpers/test-check.js';

const parameters = { AlternateContactType: 'SECURITY' };

/** `account:GetAlternateContact` {SECURITY} with a complete contact, with overrides (undefined drops a field). */
function securityContact(overrides: Record<string, string | undefined> = {}): TestFile {
  const contact = {
    AlternateContactType: 'SECURITY',
    EmailAddress: 'security@acme.example',
    Name: 'Acme Security Team',
    PhoneNumber: '+1-555-0199',
    Title: 'Security Operations',
    ...overrides,
  };
  return { service: 'account', operation: 'GetAlternateContact', parameters, body: { AlternateContact: contact } };
}

/** The ResourceNotFoundException answer: no SECURITY contact is set. */
const noSecurityContact: TestFile = {
  service: 'account',
  operation: 'GetAlternateContact',
  parameters,
  status: 'not-found',
  body: { Error: { Code: 'ResourceNotFoundException', Message: 'No contact of the inputted alternate contact type found.' } },
};

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'a SECURITY contact with name, email and phone',
      evidence: { files: [securityContact()] },
      reason: /is registered with a name, email address, phone number and title/,
    },
  ],
  fail: [
    {
      name: 'AWS answered that there is no SECURITY contact',
      evidence: { files: [noSecurityContact] },
      reason: /^no security contact is registered/,
    },
    {
      name: 'a SECURITY contact without a phone number',
      evidence: { files: [securityContact({ PhoneNumber: undefined })] },
      reason:
        /^the SECURITY alternate contact lacks phone number \(required: a SECURITY alternate contact with name, email address, phone number, title\)/,
    },
    {
      name: 'a SECURITY contact with only a name and email (an answer omitting phone number and title)',
      evidence: { files: [securityContact({ PhoneNumber: undefined, Title: undefined })] },
      reason: /lacks phone number, title \(/,
    },
    {
      name: 'a SECURITY contact whose phone number is blank',
      evidence: { files: [securityContact({ PhoneNumber: '  ' })] },
      reason: /lacks phone number \(/,
    },
    {
      name: 'an email address that is not an address',
      evidence: { files: [securityContact({ EmailAddress: 'security team' })] },
      reason: /email address "security team" is not an email address/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetAlternateContact denied',
      evidence: { errors: [{ service: 'account', operation: 'GetAlternateContact', code: 'AccessDeniedException', parameters }] },
      reason: /account:GetAlternateContact .*AccessDeniedException/,
    },
    { name: 'GetAlternateContact not collected', evidence: { files: [] }, reason: /not in the bundle/ },
    {
      name: 'an answer without AlternateContact is not the not-found answer',
      evidence: { files: [{ service: 'account', operation: 'GetAlternateContact', parameters, body: {} }] },
      reason: /cannot be read: the answer holds no AlternateContact object/,
    },
    {
      name: 'an answer naming the BILLING contact',
      evidence: { files: [securityContact({ AlternateContactType: 'BILLING' })] },
      reason: /AlternateContactType is "BILLING", not the SECURITY contact/,
    },
  ],
});
