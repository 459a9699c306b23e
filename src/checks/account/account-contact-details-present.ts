import { contactInformation } from '../../bundle/evidence/account.js';
import { defineCheck } from '../define-check.js';

// Every field AWS requires on a primary contact (PutContactInformation): an answer that omits one
// is incomplete, whichever field it is, so it is never read as a complete contact.
const REQUIRED = [
  ['FullName', 'full name'],
  ['PhoneNumber', 'phone number'],
  ['AddressLine1', 'address line 1'],
  ['City', 'city'],
  ['PostalCode', 'postal code'],
  ['CountryCode', 'country code'],
] as const;

/** The account's primary contact information is filled in. */
export default defineCheck({
  id: 'account-contact-details-present',
  title: "The account's primary contact details are filled in",
  description:
    'Account GetContactInformation must hold every field AWS requires of a primary contact: FullName, PhoneNumber (with digits), AddressLine1, City, PostalCode and CountryCode. Whether they are current is for a person to confirm.',
  scope: 'account',
  needs: { contact: contactInformation },
  params: {},
  *run({ contact }, ctx) {
    const required = `required: ${REQUIRED.map(([, label]) => label).join(', ')}`;
    const missing = REQUIRED.filter(([field]) => !contact[field]?.trim()).map(([, label]) => label);
    if (missing.length > 0) {
      yield ctx.fail(ctx.scope.account, `the primary contact lacks ${missing.join(', ')} (${required})`);
      return;
    }
    if (!/\d/.test(contact.PhoneNumber ?? '')) {
      yield ctx.fail(
        ctx.scope.account,
        `the primary contact's phone number ${JSON.stringify(contact.PhoneNumber)} holds no digits (required: a phone number)`,
      );
      return;
    }
    yield ctx.pass(
      ctx.scope.account,
      'the primary contact has a full name, phone number, address line 1, city, postal code and country code',
    );
  },
});
