import { defineSource } from './source.js';

/** The account's contact information and its security alternate contact (none set: a `not-found` file). */
export default defineSource({
  id: 'account-contacts',
  scope: 'account',
  services: ['account'],
  async collect(ctx) {
    const { GetAlternateContactCommand, GetContactInformationCommand } = await import('../../shared/aws-sdk/client-account.js');
    await ctx.call({ service: 'account', operation: 'GetContactInformation' }, (client, options) =>
      client.send(new GetContactInformationCommand({}), options),
    );
    await ctx.call(
      {
        service: 'account',
        operation: 'GetAlternateContact',
        parameters: { AlternateContactType: 'SECURITY' },
        key: 'SECURITY',
        notFound: ['ResourceNotFoundException'],
      },
      (client, options) => client.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }), options),
    );
  },
});
