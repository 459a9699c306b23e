import { describe, expect, it } from 'vitest';
import { openBundle } from '../../../src/bundle/read-bundle.js';
import type { Check } from '../../../src/checks/define-check.js';
import trailDelivered from '../../../src/checks/cloudtrail/cloudtrail-cloudwatch-logs-delivered.js';
import alarmActions from '../../../src/checks/cloudwatch/cloudwatch-alarm-actions-configured.js';
import detectorEnabled from '../../../src/checks/guardduty/guardduty-detector-enabled.js';
import keyNotPendingDeletion from '../../../src/checks/kms/kms-key-not-pending-deletion.js';
import { EvidenceCache, runCheck } from '../../../src/checks/run-check.js';
import cloudtrail from '../../../src/collect/sources/cloudtrail.js';
import kms from '../../../src/collect/sources/kms.js';
import monitoring from '../../../src/collect/sources/monitoring.js';
import securityServices from '../../../src/collect/sources/security-services.js';
import { ACME } from '../../collect/helpers/acme.js';
import { wire, type FakeAws, type WireReply } from '../../collect/helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from '../../collect/helpers/run.js';

/**
 * The KMS, GuardDuty, CloudTrail and CloudWatch checks of the NIST pack on evidence collected
 * through the real SDK clients from the fake AWS (the sample company's recorded answers, edited
 * where a scenario needs it).
 */
let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const PENDING_KEY = '7c1e9a52-3d4b-4f68-a0b2-6e8d1c3f5a97';
const LOG_GROUP = 'arn:aws:logs:us-east-1:111122223333:log-group:aws-cloudtrail-logs-acme:*';

/** An awsJson1_1 answer built from a recorded one. */
function edited(path: string, edit: (body: Record<string, unknown>) => void, contentType = 'application/x-amz-json-1.1'): WireReply {
  const body = JSON.parse(wire(path)) as Record<string, unknown>;
  edit(body);
  return { status: 200, body: JSON.stringify(body), contentType };
}

/** Serves the sample company with a key pending deletion, the org trail on CloudWatch Logs, and a second alarm. */
function serveScenario(lastDeliveryHoursAgo: number): void {
  fake.on('kms', 'DescribeKey', (r) =>
    r.body.KeyId === PENDING_KEY
      ? edited(`kms/DescribeKey.${PENDING_KEY}.json`, (b) => {
          // KMS sends times as epoch seconds.
          Object.assign(b.KeyMetadata as object, {
            KeyState: 'PendingDeletion',
            Enabled: false,
            DeletionDate: 1793577600,
            PendingDeletionWindowInDays: 30,
          });
        })
      : undefined,
  );
  fake.on('cloudtrail', 'DescribeTrails', (r) =>
    edited(`cloudtrail/DescribeTrails.${r.region}.json`, (b) => {
      for (const t of b.trailList as Record<string, unknown>[]) {
        if (t.Name === 'acme-org-trail')
          Object.assign(t, {
            CloudWatchLogsLogGroupArn: LOG_GROUP,
            CloudWatchLogsRoleArn: 'arn:aws:iam::111122223333:role/CloudTrail_CloudWatchLogs_Role',
          });
      }
    }),
  );
  fake.on('cloudtrail', 'GetTrailStatus', (r) =>
    String(r.body.Name).endsWith('/acme-org-trail')
      ? edited('cloudtrail/GetTrailStatus.acme-org-trail.json', (b) => {
          b.LatestCloudWatchLogsDeliveryTime = Math.floor(Date.now() / 1000) - lastDeliveryHoursAgo * 3600;
        })
      : undefined,
  );
  fake.on('cloudwatch', 'DescribeAlarms', (r) =>
    r.region === 'us-east-1'
      ? edited(
          'cloudwatch/DescribeAlarms.us-east-1.json',
          (b) => {
            const [billing] = b.MetricAlarms as Record<string, unknown>[];
            (b.MetricAlarms as object[]).push({
              ...billing,
              AlarmName: 'acme-api-5xx',
              AlarmArn: 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:acme-api-5xx',
              InsufficientDataActions: ['arn:aws:sns:us-east-1:111122223333:acme-billing-alerts'],
            });
          },
          'application/x-amz-json-1.0',
        )
      : undefined,
  );
}

async function collected(lastDeliveryHoursAgo: number): Promise<(check: Check, params?: Record<string, unknown>) => Promise<string[]>> {
  serveScenario(lastDeliveryHoursAgo);
  const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], sources: [cloudtrail, kms, monitoring, securityServices] });
  const bundle = await openBundle(result.dir);
  return async (check, params = {}) => {
    const cache = new EvidenceCache(bundle);
    const findings = [];
    for (const region of ['eu-west-1', 'us-east-1'])
      findings.push(...(await runCheck(check, { account: ACME, region }, params, bundle.collectedAt, cache)));
    return findings.map((f) => `${f.status} ${f.resource.replace(/^arn:aws:[a-z]+:[a-z0-9-]+:111122223333:/, '')}`);
  };
}

describe('KMS, GuardDuty, CloudTrail and CloudWatch checks on collected evidence', () => {
  it('judges keys, detectors, trail delivery and alarm actions from the recorded answers', async () => {
    const findings = await collected(1);
    expect(await findings(keyNotPendingDeletion)).toEqual([
      'PASS 111122223333/eu-west-1',
      'PASS key/0b7d2e4c-91f3-4a6b-8c2d-5e1f3a9b7c64',
      `FAIL key/${PENDING_KEY}`,
    ]);
    expect(await findings(detectorEnabled)).toEqual(['FAIL 111122223333/eu-west-1', 'PASS 111122223333/us-east-1']);
    expect(await findings(trailDelivered, { maxDeliveryAgeHours: 24 })).toEqual([
      'FAIL trail/legacy-eu-trail',
      'PASS trail/acme-org-trail',
    ]);
    expect(
      await findings(alarmActions, { alarmActionRequired: true, insufficientDataActionRequired: true, okActionRequired: false }),
    ).toEqual(['PASS 111122223333/eu-west-1', 'FAIL alarm:acme-monthly-billing-over-5000', 'PASS alarm:acme-api-5xx']);
  });

  it('fails the trail whose last delivery to CloudWatch Logs is older than the limit', async () => {
    const findings = await collected(25);
    expect(await findings(trailDelivered, { maxDeliveryAgeHours: 24 })).toEqual([
      'FAIL trail/legacy-eu-trail',
      'FAIL trail/acme-org-trail',
    ]);
  });
});
