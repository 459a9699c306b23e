import { serveAcmeServices } from './acme-services.js';
import { FakeAws, ec2Error, json, queryError, restJson, restJsonError, s3Error, wire, xml, type WireRequest } from './fake-aws.js';

/** The sample company's account (evidence/sample). */
export const ACME = '111122223333';
/** The access key the tests' static credentials use (AWS's documentation example). */
export const BASE_KEY = 'AKIAIOSFODNN7EXAMPLE';

const BUCKET_REGION: Record<string, string> = {
  'acme-cloudtrail-logs-111122223333': 'us-east-1',
  'acme-data-lake-raw': 'us-east-1',
  'acme-public-website': 'eu-west-1',
};

/** The account an access key belongs to: the base key is Acme's; assumed-role keys are `ASIA<account>`. */
export function accountOf(request: WireRequest): string {
  return request.accessKeyId.startsWith('ASIA') ? request.accessKeyId.slice(4) : ACME;
}

/**
 * Serves the recorded answers of the sample company, so that a collection reproduces
 * evidence/sample: two regions, three buckets, two trails, Config in both regions, security
 * groups in two pages in us-east-1 and denied in eu-west-1.
 */
export function serveAcme(fake: FakeAws): FakeAws {
  fake.on('sts', 'GetCallerIdentity', (r) =>
    accountOf(r) === ACME
      ? xml('sts/GetCallerIdentity.xml')
      : { body: wire('sts/GetCallerIdentity.xml').replaceAll(ACME, accountOf(r)), contentType: 'text/xml' },
  );
  fake.on('sts', 'AssumeRole', (r) => {
    const account = /^arn:aws:iam::(\d{12}):role\//.exec(r.params.RoleArn ?? '')?.[1] ?? '';
    const expiration = new Date(Date.now() + 3_600_000).toISOString();
    return {
      body: wire('sts/AssumeRole.xml').replaceAll('{{account}}', account).replace('{{expiration}}', expiration),
      contentType: 'text/xml',
    };
  });

  let reportState = 0;
  fake.on('iam', 'GenerateCredentialReport', () =>
    xml(reportState++ === 0 ? 'iam/GenerateCredentialReport.STARTED.xml' : 'iam/GenerateCredentialReport.COMPLETE.xml'),
  );
  fake.on('iam', 'GetCredentialReport', xml('iam/GetCredentialReport.xml'));
  fake.on('iam', 'GetAccountPasswordPolicy', xml('iam/GetAccountPasswordPolicy.xml'));
  fake.on('iam', 'GetAccountSummary', xml('iam/GetAccountSummary.xml'));
  // Only Acme's own account has an alias; the other accounts of the tests have none.
  fake.on('iam', 'ListAccountAliases', (r) =>
    xml(accountOf(r) === ACME ? 'iam/ListAccountAliases.xml' : 'iam/ListAccountAliases.none.xml'),
  );

  fake.on('ec2', 'DescribeRegions', xml('ec2/DescribeRegions.xml'));
  fake.on('ec2', 'GetEbsEncryptionByDefault', (r) => xml(`ec2/GetEbsEncryptionByDefault.${r.region}.xml`));
  fake.on('ec2', 'DescribeSecurityGroups', (r) => {
    if (r.region === 'eu-west-1') return xml('ec2/UnauthorizedOperation.xml', 403);
    return xml(`ec2/DescribeSecurityGroups.us-east-1.p${r.params.NextToken ? 2 : 1}.xml`);
  });

  fake.on('s3', 'ListBuckets', xml('s3/ListBuckets.xml'));
  fake.on('s3control', 'GetPublicAccessBlock', xml('s3control/GetPublicAccessBlock.xml'));
  const inRegion = (r: WireRequest, ok: () => ReturnType<typeof xml>) =>
    BUCKET_REGION[r.bucket ?? ''] === r.region
      ? ok()
      : s3Error('PermanentRedirect', 'The bucket you are attempting to access must be addressed using the specified endpoint.', 301);
  fake.on('s3', 'GetPublicAccessBlock', (r) =>
    inRegion(r, () =>
      r.bucket === 'acme-data-lake-raw'
        ? xml('s3/NoSuchPublicAccessBlockConfiguration.xml', 404)
        : xml(`s3/GetPublicAccessBlock.${r.bucket ?? ''}.xml`),
    ),
  );
  fake.on('s3', 'GetBucketEncryption', (r) => inRegion(r, () => xml(`s3/GetBucketEncryption.${r.bucket ?? ''}.xml`)));
  fake.on('s3', 'GetBucketAcl', (r) =>
    inRegion(r, () => xml(`s3/GetBucketAcl.${r.bucket === 'acme-public-website' ? 'acme-public-website' : 'private'}.xml`)),
  );
  fake.on('s3', 'GetBucketReplication', (r) =>
    inRegion(r, () =>
      r.bucket === 'acme-data-lake-raw'
        ? xml('s3/GetBucketReplication.acme-data-lake-raw.xml')
        : xml('s3/ReplicationConfigurationNotFoundError.xml', 404),
    ),
  );
  fake.on('s3', 'GetBucketNotificationConfiguration', (r) =>
    inRegion(r, () =>
      xml(`s3/GetBucketNotificationConfiguration.${r.bucket === 'acme-cloudtrail-logs-111122223333' ? 'empty' : (r.bucket ?? '')}.xml`),
    ),
  );
  fake.on('s3', 'GetBucketLifecycleConfiguration', (r) =>
    inRegion(r, () =>
      r.bucket === 'acme-cloudtrail-logs-111122223333'
        ? xml('s3/GetBucketLifecycleConfiguration.acme-cloudtrail-logs-111122223333.xml')
        : xml('s3/NoSuchLifecycleConfiguration.xml', 404),
    ),
  );
  fake.on('s3', 'GetBucketPolicy', (r) =>
    inRegion(r, () =>
      r.bucket === 'acme-data-lake-raw'
        ? xml('s3/NoSuchBucketPolicy.xml', 404)
        : { body: wire(`s3/GetBucketPolicy.${r.bucket ?? ''}.json`), contentType: 'application/json' },
    ),
  );
  fake.on('s3', 'GetBucketVersioning', (r) =>
    inRegion(r, () => xml(`s3/GetBucketVersioning.${r.bucket === 'acme-cloudtrail-logs-111122223333' ? 'enabled' : 'never'}.xml`)),
  );
  fake.on('s3', 'GetBucketLogging', (r) =>
    inRegion(r, () => xml(`s3/GetBucketLogging.${r.bucket === 'acme-public-website' ? 'enabled' : 'disabled'}.xml`)),
  );

  fake.on('cloudtrail', 'DescribeTrails', (r) => json(`cloudtrail/DescribeTrails.${r.region}.json`));
  const trail = (r: WireRequest, field: string) => {
    const arn = r.body[field];
    return typeof arn === 'string' ? (/trail\/(.+)$/.exec(arn)?.[1] ?? '') : '';
  };
  fake.on('cloudtrail', 'GetTrailStatus', (r) => json(`cloudtrail/GetTrailStatus.${trail(r, 'Name')}.json`));
  fake.on('cloudtrail', 'GetEventSelectors', (r) => json(`cloudtrail/GetEventSelectors.${trail(r, 'TrailName')}.json`));

  fake.on('config', 'DescribeConfigurationRecorders', (r) => json(`config/DescribeConfigurationRecorders.${r.region}.json`));
  fake.on('config', 'DescribeConfigurationRecorderStatus', (r) => json(`config/DescribeConfigurationRecorderStatus.${r.region}.json`));
  fake.on('config', 'DescribeComplianceByConfigRule', (r) => json(`config/DescribeComplianceByConfigRule.${r.region}.json`));
  fake.on('config', 'GetComplianceDetailsByConfigRule', (r) =>
    json(`config/GetComplianceDetailsByConfigRule.${String(r.body.ConfigRuleName)}.json`),
  );
  serveAcmeBeyondSample(fake);
  serveAcmeServices(fake);
  return fake;
}

/**
 * The other sources: IAM entities, KMS, storage, network (route tables included), monitoring,
 * security services and contacts (evidence/sample holds their answers too), and what the sample does
 * not hold (GuardDuty, Macie, the organisation, peering) — us-east-1 has most resources, eu-west-1 few.
 */
function serveAcmeBeyondSample(fake: FakeAws): void {
  const east = (r: WireRequest) => r.region === 'us-east-1';
  fake.on('ec2', 'DescribeVolumes', (r) =>
    xml(r.region === 'us-east-1' ? `ec2/DescribeVolumes.us-east-1.p${r.params.NextToken ? 2 : 1}.xml` : 'ec2/DescribeVolumes.empty.xml'),
  );
  fake.on('ec2', 'DescribeSnapshots', (r) => xml(`ec2/DescribeSnapshots.${east(r) ? 'us-east-1' : 'empty'}.xml`));
  fake.on('ec2', 'DescribeSnapshotAttribute', (r) => xml(`ec2/DescribeSnapshotAttribute.${r.params.SnapshotId ?? ''}.xml`));
  fake.on('ec2', 'DescribeSubnets', (r) => xml(`ec2/DescribeSubnets.${r.region}.xml`));
  fake.on('ec2', 'DescribeVpnConnections', (r) => xml(`ec2/DescribeVpnConnections.${east(r) ? 'us-east-1' : 'empty'}.xml`));
  fake.on('ec2', 'DescribeInstanceTypes', (r) => xml(`ec2/DescribeInstanceTypes.${r.params['InstanceType.1'] ?? ''}.xml`));
  fake.on('iam', 'GetAccountAuthorizationDetails', xml('iam/GetAccountAuthorizationDetails.xml'));
  fake.on('iam', 'ListServerCertificates', xml('iam/ListServerCertificates.xml'));
  fake.on('iam', 'ListVirtualMFADevices', xml('iam/ListVirtualMFADevices.xml'));
  fake.on('iam', 'ListEntitiesForPolicy', xml('iam/ListEntitiesForPolicy.xml'));

  fake.on('kms', 'ListKeys', (r) => json(`kms/ListKeys.${r.region}.json`));
  fake.on('kms', 'DescribeKey', (r) => json(`kms/DescribeKey.${String(r.body.KeyId)}.json`));
  fake.on('kms', 'GetKeyRotationStatus', (r) => json(`kms/GetKeyRotationStatus.${String(r.body.KeyId)}.json`));

  fake.on('rds', 'DescribeDBInstances', (r) => xml(`rds/DescribeDBInstances.${r.region}.xml`));
  for (const op of ['DescribeDBClusters', 'DescribeDBSnapshots', 'DescribeDBClusterSnapshots'])
    fake.on('rds', op, xml(`rds/${op}.empty.xml`));
  fake.on('efs', 'DescribeFileSystems', (r) => restJson(`efs/DescribeFileSystems.${r.region}.json`));

  fake.on('securityhub', 'DescribeHub', (r) =>
    east(r)
      ? restJson('securityhub/DescribeHub.us-east-1.json')
      : restJsonError('InvalidAccessException', 'Account 111122223333 is not subscribed to AWS Security Hub', 401),
  );
  fake.on('guardduty', 'ListDetectors', (r) => restJson(`guardduty/ListDetectors.${r.region}.json`));
  fake.on('guardduty', 'GetDetector', restJson('guardduty/GetDetector.json'));
  fake.on('accessanalyzer', 'ListAnalyzers', (r) => restJson(`accessanalyzer/ListAnalyzers.${r.region}.json`));
  fake.on('macie2', 'GetMacieSession', restJsonError('AccessDeniedException', 'Macie is not enabled.', 403));

  fake.on('account', 'GetContactInformation', restJson('account/GetContactInformation.json'));
  fake.on(
    'account',
    'GetAlternateContact',
    restJsonError('ResourceNotFoundException', 'No contact of the inputted alternate contact type found.', 404),
  );
  fake.on('organizations', 'DescribeOrganization', {
    status: 400,
    contentType: 'application/x-amz-json-1.1',
    body: JSON.stringify({ __type: 'AWSOrganizationsNotInUseException', Message: 'Your account is not a member of an organization.' }),
  });

  fake.on('cloudwatch', 'DescribeAlarms', (r) => ({
    ...json(`cloudwatch/DescribeAlarms.${r.region}.json`),
    contentType: 'application/x-amz-json-1.0',
  }));
  fake.on('config', 'DescribeDeliveryChannels', (r) => json(`config/DescribeDeliveryChannels.${r.region}.json`));
  fake.on('config', 'DescribeConfigRules', (r) => json(`config/DescribeConfigRules.${r.region}.json`));
  fake.on('config', 'DescribeConformancePacks', json('config/DescribeConformancePacks.empty.json'));

  fake.on('ec2', 'GetEbsDefaultKmsKeyId', xml('ec2/GetEbsDefaultKmsKeyId.xml'));
  for (const op of ['DescribeVpcs', 'DescribeNetworkAcls', 'DescribeRouteTables'])
    fake.on('ec2', op, (r) => xml(`ec2/${op}.${r.region}.xml`));
  for (const op of ['DescribeFlowLogs', 'DescribeInstances']) {
    fake.on('ec2', op, (r) => xml(`ec2/${op}.${east(r) ? 'us-east-1' : 'empty'}.xml`));
  }
  fake.on('ec2', 'DescribeVpcPeeringConnections', xml('ec2/DescribeVpcPeeringConnections.empty.xml'));
}

/** Makes AssumeRole fail for one account, as a missing trust policy does. */
export function denyAssumeRole(fake: FakeAws, account: string): void {
  fake.on('sts', 'AssumeRole', (r) =>
    (r.params.RoleArn ?? '').includes(`::${account}:`)
      ? queryError(
          'AccessDenied',
          `User: arn:aws:sts::${ACME}:assumed-role/AuditpackReadOnly/auditpack is not authorized to perform: sts:AssumeRole on resource: ${r.params.RoleArn ?? ''}`,
          403,
          'https://sts.amazonaws.com/doc/2011-06-15/',
        )
      : undefined,
  );
}

export { ec2Error, queryError, restJsonError };
