import type { ListWebACLsResponse, WebACLSummary } from '@aws-sdk/client-wafv2';
import type { Wire } from '../../bundle/evidence/wire.js';
import { defineSource } from './source.js';

// 100 is the most ListWebACLs returns a page.
const WEB_ACL_PAGE_SIZE = 100;

// CloudFront (global) web ACLs are listed through the us-east-1 endpoint only; their evidence is filed there.
const CLOUDFRONT_REGION = 'us-east-1';

/**
 * Per region: AWS WAFv2 web ACLs (ListWebACLs Scope=REGIONAL, every page) and, in us-east-1 only, the
 * CloudFront web ACLs (Scope=CLOUDFRONT), filed under us-east-1; then the logging configuration of
 * each (GetLoggingConfiguration with the default log type and scope, WAF_LOGS and CUSTOMER), where
 * WAFNonexistentItemException answers "no logging configuration".
 */
export default defineSource({
  id: 'web-acls',
  scope: 'region',
  services: ['wafv2'],
  async collect(ctx) {
    const { ListWebACLsCommand, GetLoggingConfigurationCommand } = await import('../../shared/aws-sdk/client-wafv2.js');
    if (!ctx.account.regions.includes(CLOUDFRONT_REGION) && ctx.region === ctx.account.regions[0])
      ctx.warn(
        `CloudFront web ACLs of ${ctx.account.id} are not collected: they are listed in ${CLOUDFRONT_REGION}, which is not in the regions collected`,
      );
    const scopes = ctx.region === CLOUDFRONT_REGION ? (['REGIONAL', 'CLOUDFRONT'] as const) : (['REGIONAL'] as const);
    for (const Scope of scopes) {
      const pages = await ctx.pages(
        { service: 'wafv2', operation: 'ListWebACLs', parameters: { Scope }, key: Scope },
        (client, startingToken, options) =>
          (async function* (): AsyncGenerator<ListWebACLsResponse> {
            let NextMarker = startingToken;
            do {
              const page = await client.send(new ListWebACLsCommand({ Scope, Limit: WEB_ACL_PAGE_SIZE, NextMarker }), options);
              yield page;
              NextMarker = nextMarker(page);
            } while (NextMarker);
          })(),
        nextMarker,
      );
      await ctx.each(webAcls(pages?.flatMap((page) => page.WebACLs ?? []) ?? []), async (acl) => {
        await ctx.call(
          {
            service: 'wafv2',
            operation: 'GetLoggingConfiguration',
            parameters: { ResourceArn: acl.arn },
            key: acl.id,
            notFound: ['WAFNonexistentItemException'],
          },
          (client, options) => client.send(new GetLoggingConfigurationCommand({ ResourceArn: acl.arn }), options),
        );
      });
    }
  },
});

// WAF may send a marker with its last page; an empty page ends the listing whatever it says.
function nextMarker(page: Wire<ListWebACLsResponse> | ListWebACLsResponse): string | undefined {
  return page.WebACLs && page.WebACLs.length > 0 && page.NextMarker ? page.NextMarker : undefined;
}

/** The web ACLs with an ARN, each once, with the id that ends it. */
function webAcls(acls: readonly Wire<WebACLSummary>[]): { arn: string; id: string }[] {
  const seen = new Set<string>();
  return acls.flatMap((acl) => {
    const arn = acl.ARN;
    if (typeof arn !== 'string' || arn === '' || seen.has(arn)) return [];
    seen.add(arn);
    // arn:aws:wafv2:us-east-1:111122223333:regional/webacl/acme-api/1f3c…: the id names the file (names repeat across scopes).
    return [{ arn, id: arn.split('/').pop() ?? arn }];
  });
}
