import { json, jsonError, queryError, restJson, restJsonError, restRoute, xml, type FakeAws, type WireRequest } from './fake-aws.js';

restRoute('GET', /^\/restapis\/?$/, 'GetRestApis');
restRoute('GET', /^\/restapis\/[^/]+\/stages\/?$/, 'GetStages');

const SNS_NS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const isEast = (r: WireRequest) => r.region === 'us-east-1';

/** The API id in a GetStages path: `/restapis/a1b2c3d4e5/stages`. */
export const stagesApi = (r: WireRequest): string => decodeURIComponent(r.params.path?.split('/')[2] ?? '');

/** The last `/` segment of an ARN in a JSON request body. */
const lastSegment = (value: unknown): string => (typeof value === 'string' ? (value.split('/').pop() ?? '') : '');

/**
 * Serves the sample company's API Gateway REST APIs, AWS WAFv2 web ACLs, ACM certificates and SNS
 * topics. us-east-1: REST API acme-orders-api (a1b2c3d4e5) with stage prod (web ACL acme-web-acl,
 * client certificate, encrypted cache, ERROR logging for all methods) and stage dev (none of these);
 * regional web ACL acme-web-acl (logging to CloudWatch Logs) and CloudFront web ACL acme-cdn (no
 * logging); certificates api.acme.example (ACM-issued, expires 2027-04-08), legacy.acme.example
 * (imported ECDSA P-256, expires 2026-11-14) and shop.acme.example (pending validation: its summary
 * has no NotAfter, so DescribeCertificate is asked); topics acme-order-events (customer managed KMS
 * key) and security-alerts (unencrypted). eu-west-1: none.
 */
export function serveAcmeApigw(fake: FakeAws): void {
  fake.on('apigateway', 'GetRestApis', (r) => restJson(`apigateway/GetRestApis.${isEast(r) ? 'us-east-1' : 'empty'}.json`));
  fake.on('apigateway', 'GetStages', (r) =>
    isEast(r) && stagesApi(r) === 'a1b2c3d4e5'
      ? restJson('apigateway/GetStages.a1b2c3d4e5.json')
      : restJsonError('NotFoundException', 'Invalid API identifier specified 111122223333:' + stagesApi(r), 404),
  );

  fake.on('wafv2', 'ListWebACLs', (r) => {
    if (r.body.Scope === 'CLOUDFRONT') return isEast(r) ? json('wafv2/ListWebACLs.CLOUDFRONT.json') : undefined;
    return json(`wafv2/ListWebACLs.${isEast(r) ? 'REGIONAL.us-east-1' : 'empty'}.json`);
  });
  fake.on('wafv2', 'GetLoggingConfiguration', (r) =>
    lastSegment(r.body.ResourceArn) === '5e7a9c1b-3d2f-4a6b-8c0e-2f4a6b8d0c1e'
      ? json('wafv2/GetLoggingConfiguration.acme-web-acl.json')
      : jsonError('WAFNonexistentItemException', "AWS WAF couldn't perform the operation because your resource doesn't exist."),
  );

  fake.on('acm', 'ListCertificates', (r) => json(`acm/ListCertificates.${isEast(r) ? 'us-east-1' : 'empty'}.json`));
  fake.on('acm', 'DescribeCertificate', (r) =>
    lastSegment(r.body.CertificateArn) === '2b6e0a4c-8d1f-4b3e-a5c7-9e1f3a5b7d0c'
      ? json('acm/DescribeCertificate.2b6e0a4c-8d1f-4b3e-a5c7-9e1f3a5b7d0c.json')
      : jsonError('ResourceNotFoundException', `Could not find certificate ${String(r.body.CertificateArn)}.`),
  );

  fake.on('sns', 'ListTopics', (r) => xml(`sns/ListTopics.${isEast(r) ? 'us-east-1' : 'empty'}.xml`));
  fake.on('sns', 'GetTopicAttributes', (r) => {
    const name = r.params.TopicArn?.split(':').pop() ?? '';
    return ['acme-order-events', 'security-alerts'].includes(name) && isEast(r)
      ? xml(`sns/GetTopicAttributes.${name}.xml`)
      : queryError('NotFound', 'Topic does not exist', 404, SNS_NS);
  });
}
