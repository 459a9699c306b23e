import type { CertificateSummary } from '@aws-sdk/client-acm';
import type { Wire } from '../../bundle/evidence/wire.js';
import { defineSource } from './source.js';

// 1000 is the most ListCertificates returns a page.
const CERTIFICATE_PAGE_SIZE = 1000;

/**
 * Every key algorithm ACM knows. Without `Includes.keyTypes` ListCertificates returns RSA_1024 and
 * RSA_2048 certificates only, so every ECDSA or larger RSA certificate would go unseen.
 */
const ACM_KEY_TYPES = ['RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1'] as const;

/**
 * Per region: ACM certificates of every status and key type (ListCertificates with
 * Includes.keyTypes naming every algorithm, every page), and DescribeCertificate of each certificate
 * whose summary lacks NotAfter (older answers, certificates not issued yet); ResourceNotFoundException
 * there (deleted meanwhile) is recorded as absence.
 */
export default defineSource({
  id: 'certificates',
  scope: 'region',
  services: ['acm'],
  async collect(ctx) {
    const { paginateListCertificates, DescribeCertificateCommand } = await import('../../shared/aws-sdk/client-acm.js');
    const Includes = { keyTypes: [...ACM_KEY_TYPES] };
    const pages = await ctx.pages(
      { service: 'acm', operation: 'ListCertificates', parameters: { Includes } },
      (client, startingToken, options) =>
        paginateListCertificates({ client, startingToken, pageSize: CERTIFICATE_PAGE_SIZE }, { Includes }, options),
      (page) => page.NextToken,
    );
    await ctx.each(withoutNotAfter(pages?.flatMap((page) => page.CertificateSummaryList ?? []) ?? []), async (arn) => {
      await ctx.call(
        {
          service: 'acm',
          operation: 'DescribeCertificate',
          parameters: { CertificateArn: arn },
          key: arn.split('/').pop() ?? arn,
          notFound: ['ResourceNotFoundException'],
        },
        (client, options) => client.send(new DescribeCertificateCommand({ CertificateArn: arn }), options),
      );
    });
  },
});

/** The ARNs of the certificates whose summary does not say when they expire, each once. */
function withoutNotAfter(summaries: readonly Wire<CertificateSummary>[]): string[] {
  const arns = summaries.flatMap((s) =>
    typeof s.CertificateArn === 'string' && s.CertificateArn !== '' && typeof s.NotAfter !== 'string' ? [s.CertificateArn] : [],
  );
  return [...new Set(arns)];
}
