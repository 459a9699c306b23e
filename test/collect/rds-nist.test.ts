import { describe, expect, it } from 'vitest';
import { dbClusters, dbClusterSnapshots, dbInstances, dbSnapshots } from '../../src/bundle/evidence/rds.js';
import { openBundle, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import type { Check } from '../../src/checks/define-check.js';
import clusterMultiAz from '../../src/checks/rds/rds-cluster-multi-az-enabled.js';
import backups from '../../src/checks/rds/rds-instance-backups-enabled.js';
import enhancedMonitoring from '../../src/checks/rds/rds-instance-enhanced-monitoring-enabled.js';
import logExports from '../../src/checks/rds/rds-instance-log-exports-enabled.js';
import snapshotEncrypted from '../../src/checks/rds/rds-snapshot-encrypted.js';
import snapshotNotPublic from '../../src/checks/rds/rds-snapshot-not-public.js';
import { EvidenceCache, runCheck } from '../../src/checks/run-check.js';
import storage from '../../src/collect/sources/storage.js';
import { ACME } from './helpers/acme.js';
import { FakeAws, queryError, xml, type WireRequest } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const RDS_NS = 'http://rds.amazonaws.com/doc/2014-10-31/';
const east = { account: ACME, region: 'us-east-1' };
const west = { account: ACME, region: 'eu-west-1' };
const isEast = (r: WireRequest) => r.region === 'us-east-1';

/** The RDS answers of the sample company: clusters and snapshots in us-east-1, none in eu-west-1. */
function serveRds(): void {
  fake.on('rds', 'DescribeDBClusters', (r) => xml(`rds/DescribeDBClusters.${isEast(r) ? 'us-east-1' : 'empty'}.xml`));
  fake.on('rds', 'DescribeDBSnapshots', (r) =>
    xml(`rds/DescribeDBSnapshots.${isEast(r) ? `us-east-1.p${r.params.Marker ? 2 : 1}` : 'empty'}.xml`),
  );
  fake.on('rds', 'DescribeDBClusterSnapshots', (r) => xml(`rds/DescribeDBClusterSnapshots.${isEast(r) ? 'us-east-1' : 'empty'}.xml`));
  // acme-reporting-2024 was deleted between the listing and the attributes call.
  fake.on('rds', 'DescribeDBSnapshotAttributes', (r) =>
    r.params.DBSnapshotIdentifier === 'acme-reporting-2024'
      ? queryError('DBSnapshotNotFound', 'DBSnapshot acme-reporting-2024 not found.', 404, RDS_NS)
      : xml(`rds/DescribeDBSnapshotAttributes.${r.params.DBSnapshotIdentifier ?? ''}.xml`),
  );
  fake.on('rds', 'DescribeDBClusterSnapshotAttributes', (r) =>
    xml(`rds/DescribeDBClusterSnapshotAttributes.${r.params.DBClusterSnapshotIdentifier ?? ''}.xml`),
  );
}

async function findings(bundle: EvidenceBundle, check: Check, params: Record<string, unknown> = {}): Promise<string[]> {
  const cache = new EvidenceCache(bundle);
  const all = [
    ...(await runCheck(check, east, params, bundle.collectedAt, cache)),
    ...(await runCheck(check, west, params, bundle.collectedAt, cache)),
  ];
  return all.map((f) => `${f.status} ${f.resource.replace(/^arn:aws:rds:us-east-1:111122223333:/, '')}`);
}

describe('RDS evidence for the NIST checks', () => {
  it('lists clusters and both kinds of snapshots in pages of 100, and asks for the attributes of manual snapshots only', async () => {
    serveRds();
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], sources: [storage] });
    const asked = (operation: string) =>
      fake.calls('rds', operation).map((r) => [r.region, r.params.MaxRecords, r.params.Marker, r.params.SnapshotType]);
    // No SnapshotType: automated and manual snapshots both come back; page 2 by the Marker of page 1.
    expect(asked('DescribeDBSnapshots').filter(([region]) => region === 'us-east-1')).toEqual([
      ['us-east-1', '100', undefined, undefined],
      ['us-east-1', '100', 'YWNtZS1vcmRlcnMtcHJlLXVwZ3JhZGU=', undefined],
    ]);
    expect(asked('DescribeDBSnapshots').filter(([region]) => region === 'eu-west-1')).toEqual([['eu-west-1', '100', undefined, undefined]]);
    expect(
      asked('DescribeDBClusters')
        .map(([region, max]) => [region, max])
        .sort(),
    ).toEqual([
      ['eu-west-1', '100'],
      ['us-east-1', '100'],
    ]);
    expect(
      fake
        .calls('rds', 'DescribeDBSnapshotAttributes')
        .map((r) => r.params.DBSnapshotIdentifier)
        .sort(),
    ).toEqual(['acme-orders-pre-upgrade', 'acme-reporting-2024', 'acme-reporting-export']);
    expect(fake.calls('rds', 'DescribeDBClusterSnapshotAttributes').map((r) => r.params.DBClusterSnapshotIdentifier)).toEqual([
      'acme-sessions-migration',
    ]);
    expect(result.manifest.errors).toEqual([]);
    const file = (path: string) => result.manifest.files.find((f) => f.path === `aws/111122223333/us-east-1/rds/${path}`);
    expect(file('DescribeDBSnapshotAttributes/acme-reporting-2024.json')).toMatchObject({
      status: 'not-found',
      parameters: { DBSnapshotIdentifier: 'acme-reporting-2024' },
    });
    expect(file('DescribeDBSnapshots.p0002.json')?.status).toBe('ok');

    const bundle = await openBundle(result.dir);
    expect(await dbClusters.load(bundle, east)).toMatchObject({
      ok: true,
      value: [
        { id: 'acme-analytics', engine: 'aurora-postgresql', multiAz: true },
        { id: 'acme-sessions', engine: 'aurora-mysql', multiAz: false },
      ],
    });
    const snapshots = await dbSnapshots.load(bundle, east);
    if (!snapshots.ok) throw new Error(snapshots.reason);
    expect(snapshots.value.map((s) => [s.id, s.type, s.encrypted, s.restore && (s.restore.ok ? s.restore.value : 'unknown')])).toEqual([
      ['rds:acme-orders-db-2026-09-30-04-03', 'automated', true, undefined],
      ['acme-orders-pre-upgrade', 'manual', true, []],
      ['acme-reporting-export', 'manual', false, ['all']],
      ['acme-reporting-2024', 'manual', false, 'unknown'],
    ]);
    const clusterSnapshots = await dbClusterSnapshots.load(bundle, east);
    expect(
      clusterSnapshots.ok && clusterSnapshots.value.map((s) => [s.id, s.sourceId, s.encrypted, s.restore?.ok && s.restore.value]),
    ).toEqual([
      ['rds:acme-analytics-2026-09-30-03-07', 'acme-analytics', true, undefined],
      ['acme-sessions-migration', 'acme-sessions', false, ['444455556666']],
    ]);
    expect(await dbSnapshots.load(bundle, west)).toMatchObject({ ok: true, value: [] });

    expect(await findings(bundle, clusterMultiAz)).toEqual([
      'PASS cluster:acme-analytics',
      'FAIL cluster:acme-sessions',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, snapshotEncrypted)).toEqual([
      'PASS snapshot:rds:acme-orders-db-2026-09-30-04-03',
      'PASS snapshot:acme-orders-pre-upgrade',
      'FAIL snapshot:acme-reporting-export',
      'FAIL snapshot:acme-reporting-2024',
      'PASS cluster-snapshot:rds:acme-analytics-2026-09-30-03-07',
      'FAIL cluster-snapshot:acme-sessions-migration',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, snapshotNotPublic)).toEqual([
      'PASS snapshot:rds:acme-orders-db-2026-09-30-04-03',
      'PASS snapshot:acme-orders-pre-upgrade',
      'FAIL snapshot:acme-reporting-export',
      // Deleted during collection: nothing is known about who could restore it.
      'NOT_EVALUATED snapshot:acme-reporting-2024',
      'PASS cluster-snapshot:rds:acme-analytics-2026-09-30-03-07',
      'PASS cluster-snapshot:acme-sessions-migration',
      'PASS 111122223333/eu-west-1',
    ]);
  });

  it('records a denied attributes call against that snapshot alone', async () => {
    serveRds();
    fake.on('rds', 'DescribeDBSnapshotAttributes', (r) =>
      r.params.DBSnapshotIdentifier === 'acme-reporting-export'
        ? queryError('AccessDenied', 'User is not authorized to perform: rds:DescribeDBSnapshotAttributes', 403, RDS_NS)
        : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [storage] });
    expect(result.manifest.errors.map((e) => [e.operation, e.parameters, e.code])).toEqual([
      ['DescribeDBSnapshotAttributes', { DBSnapshotIdentifier: 'acme-reporting-export' }, 'AccessDenied'],
    ]);
    const bundle = await openBundle(result.dir);
    const cache = new EvidenceCache(bundle);
    const out = await runCheck(snapshotNotPublic, east, {}, bundle.collectedAt, cache);
    const export_ = out.find((f) => f.resource.endsWith(':snapshot:acme-reporting-export'));
    expect(export_).toMatchObject({ status: 'NOT_EVALUATED' });
    expect(export_?.reason).toMatch(/rds:DescribeDBSnapshotAttributes .*AccessDenied/);
    expect(out.find((f) => f.resource.endsWith(':snapshot:acme-orders-pre-upgrade'))?.status).toBe('PASS');
  });

  it('reads log exports, Enhanced Monitoring, backups and replica source from DescribeDBInstances', async () => {
    serveRds();
    fake.on('rds', 'DescribeDBInstances', (r) => (isEast(r) ? xml('rds/DescribeDBInstances.log-exports.xml') : undefined));
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [storage] });
    const bundle = await openBundle(result.dir);
    expect(await dbInstances.load(bundle, east)).toMatchObject({
      ok: true,
      value: [
        {
          id: 'acme-orders-replica',
          backupRetentionPeriod: 0,
          monitoringInterval: 15,
          multiAz: false,
          deletionProtection: false,
          masterUsername: 'acme_admin',
          replicaOf: 'acme-orders-db',
          logExports: ['postgresql', 'upgrade'],
        },
      ],
    });
    expect(await findings(bundle, logExports, { additionalLogs: [] })).toEqual([
      'PASS db:acme-orders-replica',
      'NOT_EVALUATED 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, enhancedMonitoring, { maxIntervalSeconds: 10 })).toContain('FAIL db:acme-orders-replica');
    expect(await findings(bundle, backups, { minRetentionDays: 7, checkReadReplicas: false })).toContain('PASS 111122223333/us-east-1');
  });
});
