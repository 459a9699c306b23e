import { GetAccountPasswordPolicyCommand, GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { defineSource } from './source.js';

/** IAM account settings: the password policy (NoSuchEntity: there is none) and the account summary. */
export default defineSource({
  id: 'iam-account',
  scope: 'account',
  services: ['iam'],
  async collect(ctx) {
    await ctx.call({ service: 'iam', operation: 'GetAccountPasswordPolicy', notFound: ['NoSuchEntity'] }, (client, options) =>
      client.send(new GetAccountPasswordPolicyCommand({}), options),
    );
    await ctx.call({ service: 'iam', operation: 'GetAccountSummary' }, (client, options) => client.send(new GetAccountSummaryCommand({}), options));
  },
});
