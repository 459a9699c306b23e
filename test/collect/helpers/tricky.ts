import { ACME, serveAcme } from './acme.js';
import { json, jsonError, wire, xml, type FakeAws, type Responder, type WireReply, type WireRequest } from './fake-aws.js';

/** The tricky account: built by someone else, on the cases where the benchmark and a quick reading part ways. */
export const TRICKY = '444455556666';
/** Its only trail: multi-region, homed in ap-south-1 (outside the regions collected), not logging. */
export const TRICKY_TRAIL = `arn:aws:cloudtrail:ap-south-1:${TRICKY}:trail/central-trail`;

/**
 * Which credential report the account hands out: `consistent` was generated two minutes before
 * 2026-10-15T09:00:00Z (collect then); `stale` claims 2015-06-01, years before the dates inside it.
 */
export type ReportVariant = 'consistent' | 'stale';

const GENERATED_AT: Record<ReportVariant, string> = { consistent: '2026-10-15T08:58:00Z', stale: '2015-06-01T00:00:00Z' };

/**
 * Serves the tricky account (444455556666) to the real SDK clients. Its own answers live in
 * test/collect/wire/tricky/; whatever it does not define (KMS, RDS, monitoring, contacts, …) is the
 * sample company's answer with the account id rewritten, so every source answers.
 */
export function serveTricky(fake: FakeAws, report: ReportVariant): FakeAws {
  serveAcme(rebranded(fake));
  const own = (path: string): string => `tricky/${path}`;

  fake.on('iam', 'ListAccountAliases', xml('iam/ListAccountAliases.none.xml'));
  fake.on('iam', 'GenerateCredentialReport', xml('iam/GenerateCredentialReport.COMPLETE.xml'));
  fake.on('iam', 'GetCredentialReport', credentialReport(wire(own(`iam/GetCredentialReport.${report}.csv`)), GENERATED_AT[report]));
  fake.on('iam', 'GetAccountPasswordPolicy', xml(own('iam/GetAccountPasswordPolicy.xml')));
  fake.on('iam', 'GetAccountAuthorizationDetails', xml(own('iam/GetAccountAuthorizationDetails.xml')));
  fake.on('iam', 'ListEntitiesForPolicy', xml(own('iam/ListEntitiesForPolicy.xml')));

  fake.on('s3', 'ListBuckets', xml(own('s3/ListBuckets.xml')));
  // The trail's bucket lives in another account; it denies everything.
  fake.on('s3', 'GetBucketLocation', {
    status: 403,
    body: '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
    contentType: 'application/xml',
  });

  fake.on('ec2', 'DescribeSecurityGroups', (r) => xml(own(`ec2/DescribeSecurityGroups.${r.region}.xml`)));
  fake.on('ec2', 'DescribeNetworkAcls', (r) => xml(own(`ec2/DescribeNetworkAcls.${r.region}.xml`)));

  // Every region lists the trail (eu-west-1 sparsely); its status and selectors exist only at home.
  fake.on('cloudtrail', 'DescribeTrails', (r) =>
    json(own(r.region === 'eu-west-1' ? 'cloudtrail/DescribeTrails.sparse.json' : 'cloudtrail/DescribeTrails.json')),
  );
  const atHome = (r: WireRequest, field: string, path: string): WireReply =>
    r.region === 'ap-south-1' && r.body[field] === TRICKY_TRAIL
      ? json(own(path))
      : jsonError('TrailNotFoundException', `Unknown trail: ${String(r.body[field])} for the user: ${TRICKY}`);
  fake.on('cloudtrail', 'GetTrailStatus', (r) => atHome(r, 'Name', 'cloudtrail/GetTrailStatus.stopped.json'));
  fake.on('cloudtrail', 'GetEventSelectors', (r) => atHome(r, 'TrailName', 'cloudtrail/GetEventSelectors.json'));

  fake.on('config', 'DescribeConfigurationRecorders', (r) => json(own(`config/DescribeConfigurationRecorders.${r.region}.json`)));
  fake.on('config', 'DescribeConfigurationRecorderStatus', json(own('config/DescribeConfigurationRecorderStatus.json')));
  fake.on('config', 'DescribeDeliveryChannels', json(own('config/DescribeDeliveryChannels.json')));
  fake.on('config', 'DescribeConfigRules', json(own('config/DescribeConfigRules.json')));
  fake.on('config', 'DescribeComplianceByConfigRule', json(own('config/DescribeComplianceByConfigRule.json')));
  return fake;
}

/** GetCredentialReport as IAM sends it: the CSV base64-encoded in Content, with ReportFormat and GeneratedTime. */
function credentialReport(csv: string, generatedAt: string): WireReply {
  return {
    contentType: 'text/xml',
    body: `<GetCredentialReportResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <GetCredentialReportResult>
    <Content>${Buffer.from(csv.trimEnd(), 'utf8').toString('base64')}</Content>
    <ReportFormat>text/csv</ReportFormat>
    <GeneratedTime>${generatedAt}</GeneratedTime>
  </GetCredentialReportResult>
  <ResponseMetadata>
    <RequestId>9d3f5b7a-1c2e-4a4b-8d6f-0e2a4c6e8f1b</RequestId>
  </ResponseMetadata>
</GetCredentialReportResponse>
`,
  };
}

/** A view of `fake` whose routes answer with the sample company's bodies, its account id replaced by the tricky account's. */
function rebranded(fake: FakeAws): FakeAws {
  const view = Object.create(fake) as FakeAws;
  view.on = (service: string, operation: string, responder: Responder | WireReply): FakeAws => {
    const answer: Responder = typeof responder === 'function' ? responder : () => responder;
    fake.on(service, operation, (r) => {
      const reply = answer(r);
      return reply && { ...reply, body: typeof reply.body === 'string' ? reply.body.replaceAll(ACME, TRICKY) : reply.body };
    });
    return view;
  };
  return view;
}
