import { contactInformation } from '../../bundle/evidence/account.js';
import { defineCheck } from '../define-check.js';

// Who AWS should contact, how to call them and where to write (first address line and country);
// the other address fields are left to the reviewer, who confirms the details are current anyway.
const REQUIRED = [
  ['FullName', 'full name'],
  ['PhoneNumber', 'phone number'],
  ['AddressLine1', 'address line 1'],
  ['CountryCode', 'country code'],
] as const;

/** The account's primary contact information is filled in. */
export default defineCheck({
  id: 'account-contact-details-present',
  title: "The account's primary contact details are filled in",
  description:
    'Account GetContactInformation must hold a FullName, PhoneNumber, AddressLine1 and CountryCode. Whether they are current is for a person to confirm.',
  scope: 'account',
  needs: { contact: contactInformation },
  params: {},
  *run({ contact }, ctx) {
    const missing = REQUIRED.filter(([field]) => !contact?.[field]?.trim()).map(([, label]) => label);
    yield missing.length === 0
      ? ctx.pass(ctx.scope.account, 'the primary contact has a full name, phone number, address line 1 and country code')
      : ctx.fail(
          ctx.scope.account,
          `the primary contact lacks ${missing.join(', ')} (required: ${REQUIRED.map(([, label]) => label).join(', ')})`,
        );
  },
});
