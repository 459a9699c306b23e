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
      reason: /is registered with a name, email address and phone number/,
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
        /the SECURITY alternate contact lacks phone number \(required: a SECURITY alternate contact with name, email address, phone number\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetAlternateContact denied',
      evidence: { errors: [{ service: 'account', operation: 'GetAlternateContact', code: 'AccessDeniedException', parameters }] },
      reason: /account:GetAlternateContact .*AccessDeniedException/,
    },
    { name: 'GetAlternateContact not collected', evidence: { files: [] }, reason: /not in the bundle/ },
  ],
});
