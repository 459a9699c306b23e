import type { TestFile } from './bundle-builder.js';
import { TEST_ACCOUNT } from './bundle-builder.js';
import type { CheckCase } from './test-check.js';

type Evidence = NonNullable<CheckCase['evidence']>;

// ---- API Gateway ------------------------------------------------------------------------------

/** A method setting as GetStages returns it (every field present), with overrides. */
export function methodSetting(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    metricsEnabled: false,
    loggingLevel: 'ERROR',
    dataTraceEnabled: false,
    throttlingBurstLimit: 5000,
    throttlingRateLimit: 10000,
    cachingEnabled: true,
    cacheTtlInSeconds: 300,
    cacheDataEncrypted: true,
    requireAuthorizationForCacheControl: true,
    unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
    ...overrides,
  };
}

/** A stage compliant with every API Gateway check, with overrides (`undefined` removes a field). */
export function stage(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    deploymentId: 'k8w3vd',
    clientCertificateId: 'q1w2e3',
    stageName: name,
    cacheClusterEnabled: true,
    cacheClusterSize: '0.5',
    cacheClusterStatus: 'AVAILABLE',
    methodSettings: { '*/*': methodSetting() },
    tracingEnabled: false,
    webAclArn: `arn:aws:wafv2:us-east-1:${TEST_ACCOUNT}:regional/webacl/acme-api/1f3c5e7a-9b2d-4c6e-8f0a-2b4d6f8a0c1e`,
    createdDate: '2025-03-04T10:00:00.000Z',
    lastUpdatedDate: '2026-08-01T10:00:00.000Z',
  };
  return Object.fromEntries(Object.entries({ ...base, ...overrides }).filter(([, v]) => v !== undefined));
}

/** A REST API as GetRestApis lists it. */
export function restApi(id: string, name = id): Record<string, unknown> {
  return {
    id,
    name,
    createdDate: '2025-03-04T09:00:00.000Z',
    apiKeySource: 'HEADER',
    endpointConfiguration: { types: ['REGIONAL'] },
    disableExecuteApiEndpoint: false,
    rootResourceId: 'r00t1d',
  };
}

/** `apigateway:GetRestApis` of a region. */
export function getRestApis(region: string, apis: object[]): TestFile {
  return { region, service: 'apigateway', operation: 'GetRestApis', body: { items: apis } };
}

/** `apigateway:GetStages` of one API: its stages, or NotFoundException when `stages` is 'not-found'. */
export function getStages(region: string, restApiId: string, stages: object[] | 'not-found'): TestFile {
  const common = { region, service: 'apigateway', operation: 'GetStages', parameters: { restApiId } };
  if (stages === 'not-found')
    return { ...common, status: 'not-found', body: { Error: { Code: 'NotFoundException', Message: 'Invalid API identifier specified' } } };
  return { ...common, body: { item: stages } };
}

/** One REST API `a1b2c3d4e5` (orders) with these stages in us-east-1, nothing in eu-west-1. */
export function apiWithStages(...stages: object[]): Evidence {
  return {
    files: [
      getRestApis('us-east-1', [restApi('a1b2c3d4e5', 'orders')]),
      getStages('us-east-1', 'a1b2c3d4e5', stages),
      getRestApis('eu-west-1', []),
    ],
  };
}

/** NOT_EVALUATED cases every stage check shares. */
export function unusableStageCases(): CheckCase[] {
  return [
    {
      name: 'GetStages of the API denied',
      evidence: { files: [getRestApis('us-east-1', [restApi('a1b2c3d4e5', 'orders')]), getRestApis('eu-west-1', [])] },
      collectionError: { service: 'apigateway', operation: 'GetStages', code: 'AccessDeniedException', region: 'us-east-1' },
      reason: /REST API a1b2c3d4e5 \(orders\): apigateway:GetStages .*AccessDeniedException/,
    },
    {
      name: 'stage without stageName beside a compliant one',
      evidence: apiWithStages(stage('prod'), stage('ghost', { stageName: undefined })),
      reason: /lacks stageName/,
    },
    {
      name: 'stage created after collection ended',
      evidence: apiWithStages(stage('prod', { createdDate: '2027-01-01T00:00:00.000Z' })),
      reason: /createdDate 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'GetRestApis denied in eu-west-1',
      evidence: { files: [getRestApis('us-east-1', [])] },
      collectionError: { service: 'apigateway', operation: 'GetRestApis', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /apigateway:GetRestApis in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
  ];
}

// ---- WAFv2 ------------------------------------------------------------------------------------

/** A web ACL summary as ListWebACLs returns it. */
export function webAcl(name: string, scope: 'REGIONAL' | 'CLOUDFRONT' = 'REGIONAL', region = 'us-east-1'): Record<string, unknown> {
  const id = `${name.length.toString(16).padStart(8, '0')}-9b2d-4c6e-8f0a-2b4d6f8a0c1e`;
  const arnScope = scope === 'CLOUDFRONT' ? 'global' : 'regional';
  return {
    Name: name,
    Id: id,
    Description: '',
    LockToken: '7e1d3f5a-2b4c-4d6e-8f0a-1b3c5d7e9f2a',
    ARN: `arn:aws:wafv2:${scope === 'CLOUDFRONT' ? 'us-east-1' : region}:${TEST_ACCOUNT}:${arnScope}/webacl/${name}/${id}`,
  };
}

/** `wafv2:ListWebACLs` of a region and scope. */
export function listWebAcls(region: string, scope: 'REGIONAL' | 'CLOUDFRONT', acls: object[]): TestFile {
  return { region, service: 'wafv2', operation: 'ListWebACLs', parameters: { Scope: scope }, body: { WebACLs: acls } };
}

/** `wafv2:GetLoggingConfiguration` of a web ACL: logging to these destinations, or none (WAFNonexistentItemException). */
export function loggingConfiguration(region: string, acl: Record<string, unknown>, destinations: string[] | 'none'): TestFile {
  const ResourceArn = acl.ARN as string;
  const common = { region, service: 'wafv2', operation: 'GetLoggingConfiguration', parameters: { ResourceArn } };
  if (destinations === 'none')
    return {
      ...common,
      status: 'not-found',
      body: {
        Error: {
          Code: 'WAFNonexistentItemException',
          Message: "AWS WAF couldn't perform the operation because your resource doesn't exist.",
        },
      },
    };
  return {
    ...common,
    body: {
      LoggingConfiguration: {
        ResourceArn,
        LogDestinationConfigs: destinations,
        ManagedByFirewallManager: false,
        LogType: 'WAF_LOGS',
        LogScope: 'CUSTOMER',
      },
    },
  };
}

// ---- ACM --------------------------------------------------------------------------------------

/** An issued certificate summary expiring at `notAfter` (`undefined` leaves NotAfter out), with overrides. */
export function certificate(
  domain: string,
  notAfter: string | undefined,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const id = `${domain
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 8)
    .padEnd(8, '0')}-1111-4222-8333-444455556666`;
  const base: Record<string, unknown> = {
    CertificateArn: `arn:aws:acm:us-east-1:${TEST_ACCOUNT}:certificate/${id}`,
    DomainName: domain,
    SubjectAlternativeNameSummaries: [domain],
    HasAdditionalSubjectAlternativeNames: false,
    Status: 'ISSUED',
    Type: 'AMAZON_ISSUED',
    KeyAlgorithm: 'RSA-2048',
    KeyUsages: ['DIGITAL_SIGNATURE', 'KEY_ENCIPHERMENT'],
    ExtendedKeyUsages: ['TLS_WEB_SERVER_AUTHENTICATION'],
    InUse: true,
    Exported: false,
    RenewalEligibility: 'ELIGIBLE',
    NotBefore: '2026-01-01T00:00:00.000Z',
    NotAfter: notAfter,
    CreatedAt: '2026-01-01T00:00:00.000Z',
    IssuedAt: '2026-01-01T00:05:00.000Z',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined));
}

/**
 * `acm:ListCertificates` of a region. The collector records its Includes filter as the call's
 * parameters; the test bundle writer cannot name a file after a nested parameter, so these carry
 * none (the evidence finds the listing whatever its parameters).
 */
export function listCertificates(region: string, certificates: object[]): TestFile {
  return { region, service: 'acm', operation: 'ListCertificates', body: { CertificateSummaryList: certificates } };
}

/** `acm:DescribeCertificate` of a certificate: its detail, or ResourceNotFoundException when 'not-found'. */
export function describeCertificate(region: string, arn: string, detail: Record<string, unknown> | 'not-found'): TestFile {
  const common = { region, service: 'acm', operation: 'DescribeCertificate', parameters: { CertificateArn: arn } };
  if (detail === 'not-found')
    return {
      ...common,
      status: 'not-found',
      body: { Error: { Code: 'ResourceNotFoundException', Message: `Could not find certificate ${arn}.` } },
    };
  return { ...common, body: { Certificate: { CertificateArn: arn, ...detail } } };
}

/** These certificates in us-east-1, none in eu-west-1. */
export function certificates(...list: object[]): Evidence & { files: TestFile[] } {
  return { files: [listCertificates('us-east-1', list), listCertificates('eu-west-1', [])] };
}

// ---- SNS --------------------------------------------------------------------------------------

/** The ARN of a topic in us-east-1. */
export const topicArn = (name: string): string => `arn:aws:sns:us-east-1:${TEST_ACCOUNT}:${name}`;

/** `sns:ListTopics` of a region. */
export function listTopics(region: string, arns: string[]): TestFile {
  return { region, service: 'sns', operation: 'ListTopics', body: { Topics: arns.map((TopicArn) => ({ TopicArn })) } };
}

/** `sns:GetTopicAttributes` of a topic deleted after it was listed: NotFound. */
export function topicNotFound(arn: string, region = 'us-east-1'): TestFile {
  return {
    region,
    service: 'sns',
    operation: 'GetTopicAttributes',
    parameters: { TopicArn: arn },
    status: 'not-found',
    body: { Error: { Code: 'NotFound', Message: 'Topic does not exist' } },
  };
}

/** `sns:GetTopicAttributes` of a topic, with KmsMasterKeyId when given. */
export function topicAttributes(arn: string, kmsMasterKeyId: string | undefined, region = 'us-east-1'): TestFile {
  const common = { region, service: 'sns', operation: 'GetTopicAttributes', parameters: { TopicArn: arn } };
  const Attributes: Record<string, string> = {
    Owner: TEST_ACCOUNT,
    TopicArn: arn,
    DisplayName: '',
    SubscriptionsConfirmed: '1',
    SubscriptionsPending: '0',
    SubscriptionsDeleted: '0',
    EffectiveDeliveryPolicy: '{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3}}}',
  };
  if (kmsMasterKeyId !== undefined) Attributes.KmsMasterKeyId = kmsMasterKeyId;
  return { ...common, body: { Attributes } };
}
