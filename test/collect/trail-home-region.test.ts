import { describe, expect, it } from 'vitest';
import { accountTrails } from '../../src/bundle/evidence/cloudtrail.js';
import { openBundle } from '../../src/bundle/read-bundle.js';
import kmsCheck from '../../src/checks/cloudtrail/cloudtrail-kms-encryption-enabled.js';
import loggingCheck from '../../src/checks/cloudtrail/cloudtrail-multi-region-trail-logging.js';
import type { Check, Finding } from '../../src/checks/define-check.js';
import { EvidenceCache, runCheck, scopesOf } from '../../src/checks/run-check.js';
import { ACME } from './helpers/acme.js';
import { json, jsonError, type FakeAws, type WireRequest } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const ORG_TRAIL = `arn:aws:cloudtrail:ap-south-1:${ACME}:trail/org-trail`;

/**
 * The account's only trail is multi-region and homed in ap-south-1, outside --regions. Every
 * region in scope lists it (eu-west-1's listing omits Name and HomeRegion, as an implementation
 * may); its status and selectors exist only at home, and any other region answers TrailNotFound.
 */
function serveRemoteTrail(status: 'logging' | 'stopped'): void {
  fake.on('cloudtrail', 'DescribeTrails', (r) =>
    json(
      r.region === 'eu-west-1' ? 'cloudtrail/DescribeTrails.home-ap-south-1.sparse.json' : 'cloudtrail/DescribeTrails.home-ap-south-1.json',
    ),
  );
  const atHome = (r: WireRequest, field: string, path: string) =>
    r.region === 'ap-south-1' && r.body[field] === ORG_TRAIL
      ? json(path)
      : jsonError('TrailNotFoundException', `Unknown trail: ${String(r.body[field])} for the user: ${ACME}`);
  fake.on('cloudtrail', 'GetTrailStatus', (r) => atHome(r, 'Name', `cloudtrail/GetTrailStatus.org-trail.${status}.json`));
  fake.on('cloudtrail', 'GetEventSelectors', (r) => atHome(r, 'TrailName', 'cloudtrail/GetEventSelectors.org-trail.json'));
  // The trail's bucket belongs to another account (the s3 source does not list it); it denies everything.
  fake.on('s3', 'GetBucketLocation', (r) =>
    r.bucket === 'acme-org-log-archive'
      ? { status: 403, body: '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>', contentType: 'application/xml' }
      : undefined,
  );
}

async function findings(dir: string, check: Check): Promise<Finding[]> {
  const bundle = await openBundle(dir);
  const cache = new EvidenceCache(bundle);
  const out: Finding[] = [];
  for (const scope of scopesOf(check, ACME, bundle.manifest.scope.regions))
    out.push(...(await runCheck(check, scope, {}, bundle.collectedAt, cache)));
  return out;
}

describe('a multi-region trail homed outside --regions', () => {
  it('is asked about once, at its home region, filed under global, and passes when it is logging', async () => {
    serveRemoteTrail('logging');
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    for (const operation of ['GetTrailStatus', 'GetEventSelectors']) {
      expect(
        fake.calls('cloudtrail', operation).map((r) => r.region),
        operation,
      ).toEqual(['ap-south-1']);
    }
    const filed = result.manifest.files
      .filter((f) => f.service === 'cloudtrail' && f.operation !== 'DescribeTrails')
      .map((f) => f.path)
      .sort();
    expect(filed).toEqual([
      `aws/${ACME}/global/cloudtrail/GetEventSelectors/org-trail.json`,
      `aws/${ACME}/global/cloudtrail/GetTrailStatus/org-trail.json`,
    ]);
    expect(result.manifest.errors.filter((e) => e.service === 'cloudtrail')).toEqual([]);

    const bundle = await openBundle(result.dir);
    const trails = await accountTrails.load(bundle, { account: ACME, region: 'global' });
    if (!trails.ok) throw new Error(trails.reason);
    expect(
      trails.value.trails.map((t) => [t.trail.Name, t.trail.HomeRegion, t.status.ok && t.status.value.IsLogging, t.selectors.ok]),
    ).toEqual([['org-trail', 'ap-south-1', true, true]]);

    const logging = await findings(result.dir, loggingCheck);
    expect(logging.map((f) => f.status)).toEqual(['PASS']);
    expect(logging[0]?.reason).toMatch(
      /org-trail is multi-region, logging \(IsLogging true in ap-south-1\), and records read and write management events \(advanced selector "Management events selector"/,
    );
    // The trail's own settings are judged once, in the first region in scope that lists it.
    const kms = await findings(result.dir, kmsCheck);
    expect(kms.filter((f) => f.resource === ORG_TRAIL).map((f) => [f.region, f.status])).toEqual([['eu-west-1', 'PASS']]);
  });

  it('fails the logging requirement when its home region says it is not logging', async () => {
    serveRemoteTrail('stopped');
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'] });
    expect(fake.calls('cloudtrail', 'GetTrailStatus').map((r) => r.region)).toEqual(['ap-south-1']);
    const logging = await findings(result.dir, loggingCheck);
    expect(logging.map((f) => [f.status, f.reason])).toEqual([
      ['FAIL', expect.stringMatching(/org-trail is not logging \(IsLogging false\)/) as unknown],
    ]);
  });
});
