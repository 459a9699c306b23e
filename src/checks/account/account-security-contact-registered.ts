import { securityContact } from '../../bundle/evidence/account.js';
import { defineCheck } from '../define-check.js';

// The fields CIS names (name, email address, phone number) plus Title, which AWS requires on every
// alternate contact: an answer that omits any of them is incomplete and never reads as registered.
const REQUIRED = [
  ['Name', 'name'],
  ['EmailAddress', 'email address'],
  ['PhoneNumber', 'phone number'],
  ['Title', 'title'],
] as const;

/** A SECURITY alternate contact is registered for the account. */
export default defineCheck({
  id: 'account-security-contact-registered',
  title: 'A security contact is registered for the account',
  description:
    'Account GetAlternateContact for SECURITY must return a contact with a Name, an EmailAddress that is an address, a PhoneNumber with digits and a Title; its not-found answer means no security contact is registered. Whether it reaches the right team is for a person to confirm.',
  scope: 'account',
  needs: { contact: securityContact },
  params: {},
  *run({ contact }, ctx) {
    const required = `required: a SECURITY alternate contact with ${REQUIRED.map(([, label]) => label).join(', ')}`;
    if (!contact) {
      yield ctx.fail(
        ctx.scope.account,
        `no security contact is registered: AWS answered that there is no SECURITY alternate contact (${required})`,
      );
      return;
    }
    const missing = REQUIRED.filter(([field]) => !contact[field]?.trim()).map(([, label]) => label);
    if (missing.length > 0) {
      yield ctx.fail(ctx.scope.account, `the SECURITY alternate contact lacks ${missing.join(', ')} (${required})`);
      return;
    }
    const email = (contact.EmailAddress ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      yield ctx.fail(
        ctx.scope.account,
        `the SECURITY alternate contact's email address ${JSON.stringify(email)} is not an email address (${required})`,
      );
      return;
    }
    if (!/\d/.test(contact.PhoneNumber ?? '')) {
      yield ctx.fail(
        ctx.scope.account,
        `the SECURITY alternate contact's phone number ${JSON.stringify(contact.PhoneNumber)} holds no digits (${required})`,
      );
      return;
    }
    yield ctx.pass(ctx.scope.account, 'a SECURITY alternate contact is registered with a name, email address, phone number and title');
  },
});
