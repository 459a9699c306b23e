import { defineSource } from './source.js';

/**
 * IAM account settings: the password policy (NoSuchEntity: there is none), the account summary
 * and the account alias, which names the account in the manifest when nothing else did.
 */
export default defineSource({
  id: 'iam-account',
  scope: 'account',
  services: ['iam'],
  async collect(ctx) {
    const { GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, ListAccountAliasesCommand } =
      await import('../../shared/aws-sdk/client-iam.js');
    await ctx.call({ service: 'iam', operation: 'GetAccountPasswordPolicy', notFound: ['NoSuchEntity'] }, (client, options) =>
      client.send(new GetAccountPasswordPolicyCommand({}), options),
    );
    await ctx.call({ service: 'iam', operation: 'GetAccountSummary' }, (client, options) =>
      client.send(new GetAccountSummaryCommand({}), options),
    );
    // An account has at most one alias, so one page always holds it.
    const aliases = await ctx.call({ service: 'iam', operation: 'ListAccountAliases' }, (client, options) =>
      client.send(new ListAccountAliasesCommand({}), options),
    );
    const alias = aliases?.AccountAliases?.[0];
    if (alias) ctx.nameAccount(alias);
  },
});
