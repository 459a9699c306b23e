import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountSummary } from '../../src/bundle/evidence/iam.js';
import { openBundle } from '../../src/bundle/read-bundle.js';
import { ACME, denyAssumeRole } from './helpers/acme.js';
import { FakeAws, ec2Error, jsonError, queryError, s3Error, xml } from './helpers/fake-aws.js';
import { collectFrom, newBundleDir, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

describe('collect when AWS says no', () => {
  it('retries throttling (IAM Throttling, CloudTrail ThrottlingException, S3 503 SlowDown) and records nothing', async () => {
    fake.times('iam', 'GetAccountSummary', 1, queryError('Throttling', 'Rate exceeded'));
    fake.times(
      'cloudtrail',
      'DescribeTrails',
      2,
      { ...jsonError('ThrottlingException', 'Rate exceeded'), status: 400 },
      (r) => r.region === 'us-east-1',
    );
    fake.times('s3', 'ListBuckets', 1, s3Error('SlowDown', 'Please reduce your request rate.', 503));
    const started = Date.now();
    const result = await collectFrom(fake, { regions: ['us-east-1'] });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fake.calls('iam', 'GetAccountSummary')).toHaveLength(2);
    expect(fake.calls('cloudtrail', 'DescribeTrails')).toHaveLength(3);
    expect(fake.calls('s3', 'ListBuckets')).toHaveLength(2);
    expect(result.manifest.errors).toEqual([]);
    expect(result.outcome).toBe('complete');
  });

  it('retries a REST-JSON 429 TooManyRequestsException', async () => {
    fake.times('guardduty', 'ListDetectors', 1, {
      status: 429,
      contentType: 'application/json',
      body: '{"message":"Too many requests"}',
      headers: { 'x-amzn-errortype': 'TooManyRequestsException' },
    });
    const result = await collectFrom(fake, { regions: ['us-east-1'] });
    expect(fake.calls('guardduty', 'ListDetectors')).toHaveLength(2);
    expect(result.manifest.errors).toEqual([]);
  });

  it('gives up polling a credential report that never completes, and records why', async () => {
    fake.on('iam', 'GenerateCredentialReport', xml('iam/GenerateCredentialReport.STARTED.xml'));
    const result = await collectFrom(fake, { regions: ['us-east-1'] });
    expect(fake.calls('iam', 'GenerateCredentialReport')).toHaveLength(12);
    expect(fake.calls('iam', 'GetCredentialReport')).toHaveLength(0);
    expect(result.manifest.errors).toMatchObject([{ service: 'iam', operation: 'GetCredentialReport', code: 'ReportNotReady' }]);
  });

  it('reads the last credential report when generating one is denied', async () => {
    fake.on('iam', 'GenerateCredentialReport', queryError('AccessDenied', 'not authorized to perform: iam:GenerateCredentialReport', 403));
    const result = await collectFrom(fake, { regions: ['us-east-1'] });
    expect(result.manifest.files.find((f) => f.operation === 'GetCredentialReport')?.status).toBe('ok');
    expect(result.log).toMatch(
      /warning: iam:GenerateCredentialReport in 111122223333 failed \(AccessDenied\); reading the last report instead/,
    );
  });

  it('records throttling that outlives the retries as a collection error with its code', async () => {
    fake.on('iam', 'GetAccountSummary', queryError('Throttling', 'Rate exceeded'));
    const result = await collectFrom(fake, { regions: ['us-east-1'], maxAttempts: 2, throttleBudgetMs: 0 });
    expect(fake.calls('iam', 'GetAccountSummary')).toHaveLength(2);
    expect(result.manifest.errors).toMatchObject([
      { service: 'iam', operation: 'GetAccountSummary', code: 'Throttling', httpStatus: 400, cause: 'throttled' },
    ]);
    const summary = await accountSummary.load(await openBundle(result.dir), { account: ACME, region: 'global' });
    expect(!summary.ok && summary.reason).toBe(
      'iam:GetAccountSummary in 111122223333/global failed during collection: Throttling, AWS throttled the call until the retries ran out. Collect again later or with a lower --concurrency.',
    );
  });

  it('records AccessDenied as a collection error (operation, region, account, code) and the evidence names it', async () => {
    fake.on(
      'iam',
      'GetAccountSummary',
      queryError(
        'AccessDenied',
        'User: arn:aws:sts::111122223333:assumed-role/AuditpackReadOnly/auditpack is not authorized to perform: iam:GetAccountSummary on resource: *',
        403,
      ),
    );
    const result = await collectFrom(fake, { regions: ['us-east-1'] });
    expect(result.outcome).toBe('partial');
    expect(result.manifest.errors).toEqual([
      {
        account: ACME,
        region: 'global',
        service: 'iam',
        operation: 'GetAccountSummary',
        parameters: {},
        code: 'AccessDenied',
        message:
          'User: arn:aws:sts::111122223333:assumed-role/AuditpackReadOnly/auditpack is not authorized to perform: iam:GetAccountSummary on resource: *',
        httpStatus: 403,
        at: expect.stringMatching(/Z$/) as unknown,
        cause: 'denied',
      },
    ]);
    expect(fake.calls('iam', 'GetAccountSummary')).toHaveLength(1); // not retried
    const summary = await accountSummary.load(await openBundle(result.dir), { account: ACME, region: 'global' });
    // The reason reaches the auditor's PDF: advice, not AWS's message (that stays in the manifest).
    expect(!summary.ok && summary.reason).toBe(
      'iam:GetAccountSummary in 111122223333/global failed during collection: AccessDenied, access was denied. Grant iam:GetAccountSummary to the audit role and collect again.',
    );
  });

  it('stores NoSuchEntity from GetAccountPasswordPolicy as a not-found file, not an error', async () => {
    fake.on('iam', 'GetAccountPasswordPolicy', {
      ...queryError('NoSuchEntity', 'The Password Policy with domain name 111122223333 cannot be found.', 404),
    });
    const result = await collectFrom(fake, { regions: ['us-east-1'] });
    expect(result.manifest.files.find((f) => f.operation === 'GetAccountPasswordPolicy')).toMatchObject({
      status: 'not-found',
      path: 'aws/111122223333/global/iam/GetAccountPasswordPolicy.json',
    });
    expect(result.manifest.errors.filter((e) => e.service === 'iam')).toEqual([]);
  });

  it('records a denied ListAccountAliases as a collection error, and the account simply has no name', async () => {
    const message =
      'User: arn:aws:sts::111122223333:assumed-role/AuditpackReadOnly/auditpack is not authorized to perform: iam:ListAccountAliases on resource: *';
    fake.on('iam', 'ListAccountAliases', queryError('AccessDenied', message, 403));
    const result = await collectFrom(fake, { regions: ['us-east-1'] });
    expect(result.outcome).toBe('partial');
    expect(result.manifest.scope.accounts).toEqual([{ id: ACME }]);
    expect(result.manifest.errors).toEqual([
      {
        account: ACME,
        region: 'global',
        service: 'iam',
        operation: 'ListAccountAliases',
        parameters: {},
        code: 'AccessDenied',
        message,
        httpStatus: 403,
        at: expect.stringMatching(/Z$/) as unknown,
        cause: 'denied',
      },
    ]);
    expect(result.manifest.files.some((f) => f.operation === 'ListAccountAliases')).toBe(false);
    await openBundle(result.dir);
  });

  it('keeps going when one region fails everywhere while the other answers', async () => {
    const disabled = (r: { region: string }) => r.region === 'eu-west-1';
    for (const op of ['GetEbsEncryptionByDefault', 'DescribeSecurityGroups']) {
      fake.on('ec2', op, (r) =>
        disabled(r) ? ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials', 401) : undefined,
      );
    }
    for (const [service, op] of [
      ['cloudtrail', 'DescribeTrails'],
      ['config', 'DescribeConfigurationRecorders'],
      ['config', 'DescribeConfigurationRecorderStatus'],
      ['config', 'DescribeComplianceByConfigRule'],
    ] as const) {
      fake.on(service, op, (r) =>
        disabled(r) ? jsonError('UnrecognizedClientException', 'The security token included in the request is invalid.') : undefined,
      );
    }
    fake.on('s3', 'GetPublicAccessBlock', (r) => (disabled(r) ? s3Error('AccessDenied', 'Access Denied', 403) : undefined));
    const result = await collectFrom(fake);
    expect(result.outcome).toBe('partial');
    const bundle = await openBundle(result.dir);
    const failed = bundle.manifest.errors.filter((e) => e.region === 'eu-west-1').map((e) => `${e.service}:${e.operation} ${e.code}`);
    expect(failed.sort()).toEqual([
      'cloudtrail:DescribeTrails UnrecognizedClientException',
      'config:DescribeComplianceByConfigRule UnrecognizedClientException',
      'config:DescribeConfigurationRecorderStatus UnrecognizedClientException',
      'config:DescribeConfigurationRecorders UnrecognizedClientException',
      'ec2:DescribeSecurityGroups AuthFailure',
      'ec2:GetEbsEncryptionByDefault AuthFailure',
      's3:GetPublicAccessBlock AccessDenied',
    ]);
    expect(bundle.manifest.errors.filter((e) => e.region !== 'eu-west-1')).toEqual([]);
    // eu-west-1 is not an opt-in region: rejected credentials there are a credentials problem, not a missing grant.
    expect(new Set(bundle.manifest.errors.map((e) => `${e.code} ${e.cause ?? ''}`))).toEqual(
      new Set(['UnrecognizedClientException denied', 'AuthFailure denied', 'AccessDenied denied']),
    );
    // us-east-1 has everything a full run has there.
    const usEast = new Set(bundle.manifest.files.filter((f) => f.region === 'us-east-1').map((f) => `${f.service}:${f.operation}`));
    for (const call of [
      'cloudtrail:GetTrailStatus',
      'config:GetComplianceDetailsByConfigRule',
      'ec2:DescribeSecurityGroups',
      'kms:GetKeyRotationStatus',
      's3:GetBucketPolicy',
    ])
      expect(usEast).toContain(call);
    expect(bundle.manifest.files.filter((f) => f.region === 'us-east-1')).toHaveLength(151);
  });

  it('drops the pages of a listing that fails part-way, so no reader takes a part for the whole', async () => {
    fake.on('ec2', 'DescribeSecurityGroups', (r) =>
      r.params.NextToken ? ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503) : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1'], maxAttempts: 1, throttleBudgetMs: 0 });
    expect(fake.calls('ec2', 'DescribeSecurityGroups')).toHaveLength(2);
    expect(result.manifest.files.filter((f) => f.operation === 'DescribeSecurityGroups')).toEqual([]);
    expect(result.manifest.errors).toMatchObject([
      { operation: 'DescribeSecurityGroups', code: 'RequestLimitExceeded', region: 'us-east-1' },
    ]);
    await openBundle(result.dir); // nothing stray left under aws/
  });

  it('collects many accounts through --role-name, and one account whose AssumeRole is denied does not stop the others', async () => {
    const denied = '444455556666';
    denyAssumeRole(fake, denied);
    const out = newBundleDir();
    const accountsFile = join(dirname(out), 'accounts.txt');
    writeFileSync(accountsFile, `# audited accounts\n${ACME} acme-production\n${denied},acme-sandbox\n`);
    const result = await collectFrom(fake, {
      out,
      accountsFile,
      roleName: 'AuditpackReadOnly',
      externalId: 'acme-audit-2026',
      regions: ['us-east-1', 'eu-west-1'],
    });
    expect(result.outcome).toBe('partial');
    const bundle = await openBundle(out);
    expect(bundle.manifest.scope.accounts).toEqual([
      { id: ACME, name: 'acme-production' }, // the file's name, not the alias acme-prod
      { id: denied, name: 'acme-sandbox' },
    ]);
    const assumeErrors = bundle.manifest.errors.filter((e) => e.operation === 'AssumeRole');
    expect(assumeErrors).toMatchObject([
      {
        account: denied,
        region: 'global',
        service: 'sts',
        parameters: { RoleArn: `arn:aws:iam::${denied}:role/AuditpackReadOnly` },
        code: 'AccessDenied',
        httpStatus: 403,
        cause: 'denied',
      },
    ]);
    const summary = await accountSummary.load(bundle, { account: denied, region: 'global' });
    expect(!summary.ok && summary.reason).toMatch(
      /^iam:GetAccountSummary in 444455556666\/global failed during collection: AccessDenied, the audit role could not be assumed\. Let the collecting identity assume the audit role/,
    );
    expect(bundle.manifest.files.some((f) => f.account === denied)).toBe(false);
    expect(bundle.manifest.files.filter((f) => f.account === ACME)).toHaveLength(236);
    const assumed = fake.calls('sts', 'AssumeRole');
    expect(assumed.map((r) => [r.params.RoleArn, r.params.RoleSessionName, r.params.ExternalId]).sort()).toEqual([
      [`arn:aws:iam::${ACME}:role/AuditpackReadOnly`, 'auditpack', 'acme-audit-2026'],
      [`arn:aws:iam::${denied}:role/AuditpackReadOnly`, 'auditpack', 'acme-audit-2026'],
    ]);
    // Everything of the account was asked with the assumed role's keys.
    expect(new Set(fake.requests.filter((r) => r.service !== 'sts').map((r) => r.accessKeyId))).toEqual(new Set([`ASIA${ACME}`]));
  });

  describe('says why a call failed, through the real SDK clients', () => {
    const sdkText = /\$response|Deserialization error|hidden field|not valid JSON|XML parse/;
    const reasonOf = async (dir: string): Promise<string> => {
      const summary = await accountSummary.load(await openBundle(dir, { allowIncomplete: true }), { account: ACME, region: 'global' });
      if (summary.ok) throw new Error('expected GetAccountSummary to be unavailable');
      return summary.reason;
    };

    it.each([
      ['HTTP 500 with an HTML page', { status: 500, contentType: 'text/html', body: '<html><body>Internal Server Error</body></html>' }],
      ['HTTP 503 with no body', { status: 503, contentType: 'text/xml', body: '' }],
      ['HTTP 500 InternalFailure', queryError('InternalFailure', 'An internal error occurred.', 500)],
      ['HTTP 502 from a gateway', { status: 502, contentType: 'text/plain', body: 'Bad Gateway' }],
    ])('a server error (%s) is a service error, retried, never a permission problem', async (_name, reply) => {
      fake.on('iam', 'GetAccountSummary', reply);
      // A bare 503 is also re-queued until the throttling budget is spent (scheduler.test.ts); here the SDK's attempts decide.
      const result = await collectFrom(fake, { regions: ['us-east-1'], maxAttempts: 2, throttleBudgetMs: 0 });
      expect(fake.calls('iam', 'GetAccountSummary')).toHaveLength(2);
      expect(result.manifest.errors).toMatchObject([{ operation: 'GetAccountSummary', httpStatus: reply.status, cause: 'service-error' }]);
      const reason = await reasonOf(result.dir);
      expect(reason).toMatch(
        new RegExp(
          `^iam:GetAccountSummary in 111122223333/global failed during collection: (\\w+, )?AWS answered with a server error \\(HTTP ${reply.status}\\)\\. AWS had a problem on its side; collect again later\\.$`,
        ),
      );
      expect(reason).not.toMatch(/Grant|permission/);
    });

    it('a 200 answer whose body cannot be parsed is a bad answer, and the SDK text stays in the manifest only', async () => {
      fake.on('iam', 'GetAccountSummary', { status: 200, contentType: 'text/xml', body: '<GetAccountSummaryResponse><oops' });
      fake.on('cloudtrail', 'DescribeTrails', { status: 200, contentType: 'application/x-amz-json-1.1', body: '{"trailList": [' });
      const result = await collectFrom(fake, { regions: ['us-east-1'], maxAttempts: 1 });
      const iam = result.manifest.errors.find((e) => e.operation === 'GetAccountSummary');
      const trails = result.manifest.errors.find((e) => e.operation === 'DescribeTrails');
      expect(iam).toMatchObject({ httpStatus: 200, cause: 'bad-answer' });
      expect(trails).toMatchObject({ httpStatus: 200, cause: 'bad-answer' });
      expect(`${iam?.message ?? ''} ${trails?.message ?? ''}`).toMatch(sdkText); // the raw detail is kept
      const reason = await reasonOf(result.dir);
      expect(reason).toBe(
        "iam:GetAccountSummary in 111122223333/global failed during collection: AWS's answer could not be read. Collect again; if it happens again, check any proxy or --endpoint-url between auditpack and AWS.",
      );
      expect(reason).not.toMatch(sdkText);
    });

    it('a connection cut without an answer is unreachable, names the network, and leaves the bundle for --resume', async () => {
      fake.on('iam', 'GetAccountSummary', { body: '', drop: true });
      const result = await collectFrom(fake, { regions: ['us-east-1'], maxAttempts: 1 });
      expect(result.outcome).toBe('interrupted');
      expect(result.manifest.errors).toMatchObject([{ operation: 'GetAccountSummary', code: 'ECONNRESET', cause: 'unreachable' }]);
      expect(result.manifest.errors[0]?.httpStatus).toBeUndefined();
      expect(await reasonOf(result.dir)).toBe(
        'iam:GetAccountSummary in 111122223333/global failed during collection: ECONNRESET, no AWS endpoint answered. Check the network, proxy and any --endpoint-url, then finish the bundle with "auditpack collect --resume".',
      );
    });

    it('a REST-JSON 429 that outlives the retries is throttled', async () => {
      fake.on('guardduty', 'ListDetectors', {
        status: 429,
        contentType: 'application/json',
        body: '{"message":"Too many requests"}',
        headers: { 'x-amzn-errortype': 'TooManyRequestsException' },
      });
      const result = await collectFrom(fake, { regions: ['us-east-1'], maxAttempts: 2, throttleBudgetMs: 0 });
      expect(fake.calls('guardduty', 'ListDetectors')).toHaveLength(2);
      expect(result.manifest.errors).toMatchObject([
        { service: 'guardduty', operation: 'ListDetectors', httpStatus: 429, cause: 'throttled' },
      ]);
    });

    it('an EC2 UnauthorizedOperation is denied, and the advice names the IAM action', async () => {
      fake.on(
        'ec2',
        'GetEbsEncryptionByDefault',
        ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
      );
      const result = await collectFrom(fake, { regions: ['us-east-1'] });
      expect(result.manifest.errors).toMatchObject([
        { operation: 'GetEbsEncryptionByDefault', code: 'UnauthorizedOperation', cause: 'denied' },
      ]);
    });
  });
});
