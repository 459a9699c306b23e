import { securityContact } from '../../bundle/evidence/account.js';
import { defineCheck } from '../define-check.js';

const REQUIRED = [
  ['Name', 'name'],
  ['EmailAddress', 'email address'],
  ['PhoneNumber', 'phone number'],
] as const;

/** A SECURITY alternate contact is registered for the account. */
export default defineCheck({
  id: 'account-security-contact-registered',
  title: 'A security contact is registered for the account',
  description:
    'Account GetAlternateContact for SECURITY must return a contact with a Name, EmailAddress and PhoneNumber; its not-found answer means no security contact is registered. Whether it reaches the right team is for a person to confirm.',
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
    yield missing.length === 0
      ? ctx.pass(ctx.scope.account, 'a SECURITY alternate contact is registered with a name, email address and phone number')
      : ctx.fail(ctx.scope.account, `the SECURITY alternate contact lacks ${missing.join(', ')} (${required})`);
  },
});
