import { describe, expect, it } from 'vitest';
import { codeBuildProjects } from '../../src/bundle/evidence/codebuild.js';
import { kinesisStreams } from '../../src/bundle/evidence/kinesis.js';
import { openBundle, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import artifactsEncrypted from '../../src/checks/codebuild/codebuild-project-artifacts-encrypted.js';
import noPlaintextCredentials from '../../src/checks/codebuild/codebuild-project-no-plaintext-aws-credentials.js';
import type { Check } from '../../src/checks/define-check.js';
import streamEncrypted from '../../src/checks/kinesis/kinesis-stream-encrypted.js';
import { EvidenceCache, runCheck } from '../../src/checks/run-check.js';
import codebuild, { batches } from '../../src/collect/sources/codebuild.js';
import kinesis from '../../src/collect/sources/kinesis.js';
import { ACME } from './helpers/acme.js';
import { serveAcmeCodebuild } from './helpers/acme-codebuild.js';
import { anyOrder, FakeAws, jsonError, wire, type WireRequest } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const east = { account: ACME, region: 'us-east-1' };
const west = { account: ACME, region: 'eu-west-1' };
const sources = [codebuild, kinesis];

async function findings(bundle: EvidenceBundle, check: Check): Promise<string[]> {
  const cache = new EvidenceCache(bundle);
  const all = [
    ...(await runCheck(check, east, {}, bundle.collectedAt, cache)),
    ...(await runCheck(check, west, {}, bundle.collectedAt, cache)),
  ];
  return all.map((f) => `${f.status} ${f.resource.replace(/^arn:aws:(codebuild|kinesis):us-east-1:111122223333:/, '')}`);
}

const asked = (service: string, operation: string, pick: (r: WireRequest) => unknown[]) =>
  fake
    .calls(service, operation)
    .map((r) => [r.region, ...pick(r)])
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('CodeBuild and Kinesis evidence for the NIST checks', () => {
  it('collects the sample company: projects in two pages described in one batch, a summary per stream', async () => {
    serveAcmeCodebuild(fake);
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], sources });
    expect(result.manifest.errors).toEqual([]);
    expect(asked('codebuild', 'ListProjects', (r) => [r.body.nextToken, r.body.sortBy])).toEqual([
      ['eu-west-1', undefined, undefined],
      ['us-east-1', 'eyJzb3J0QnkiOiJOQU1FIiwibGFzdCI6ImFjbWUtYXBpLWJ1aWxkIn0=', undefined],
      ['us-east-1', undefined, undefined],
    ]);
    expect(asked('codebuild', 'BatchGetProjects', (r) => [r.body.names])).toEqual([
      ['us-east-1', ['acme-api-build', 'acme-legacy-deploy']],
    ]);
    expect(asked('kinesis', 'ListStreams', (r) => [r.body.NextToken])).toEqual([
      ['eu-west-1', undefined],
      ['us-east-1', undefined],
    ]);
    expect(asked('kinesis', 'DescribeStreamSummary', (r) => [r.body.StreamName, r.body.StreamARN])).toEqual([
      ['us-east-1', 'acme-clickstream', undefined],
      ['us-east-1', 'acme-raw-events', undefined],
    ]);
    // The sample's documented call count: 6 in us-east-1, 2 in eu-west-1.
    const mine = fake.requests.filter((r) => r.service === 'codebuild' || r.service === 'kinesis');
    expect([mine.filter((r) => r.region === 'us-east-1').length, mine.filter((r) => r.region === 'eu-west-1').length]).toEqual([6, 2]);
    const paths = result.manifest.files.map((f) => f.path).filter((p) => /\/(codebuild|kinesis)\//.test(p));
    expect(paths.sort()).toEqual([
      'aws/111122223333/eu-west-1/codebuild/ListProjects.json',
      'aws/111122223333/eu-west-1/kinesis/ListStreams.json',
      'aws/111122223333/us-east-1/codebuild/BatchGetProjects/acme-api-build%2Cacme-legacy-deploy.json',
      'aws/111122223333/us-east-1/codebuild/ListProjects.json',
      'aws/111122223333/us-east-1/codebuild/ListProjects.p0002.json',
      'aws/111122223333/us-east-1/kinesis/DescribeStreamSummary/acme-clickstream.json',
      'aws/111122223333/us-east-1/kinesis/DescribeStreamSummary/acme-raw-events.json',
      'aws/111122223333/us-east-1/kinesis/ListStreams.json',
    ]);

    const bundle = await openBundle(result.dir);
    expect(await codeBuildProjects.load(bundle, east)).toMatchObject({
      ok: true,
      value: [
        {
          name: 'acme-api-build',
          arn: 'arn:aws:codebuild:us-east-1:111122223333:project/acme-api-build',
          artifacts: [
            { label: 'primary', type: 'S3', encryptionDisabled: false },
            { label: 'secondary reports', type: 'S3', encryptionDisabled: false },
          ],
          environmentVariables: [
            { name: 'STAGE', type: 'PLAINTEXT' },
            { name: 'AWS_ACCESS_KEY_ID', type: 'SECRETS_MANAGER' },
            { name: 'AWS_SECRET_ACCESS_KEY', type: 'SECRETS_MANAGER' },
          ],
        },
        { name: 'acme-legacy-deploy', artifacts: [{ label: 'primary', type: 'S3', encryptionDisabled: true }] },
      ],
    });
    expect(await kinesisStreams.load(bundle, east)).toMatchObject({
      ok: true,
      value: [
        { name: 'acme-clickstream', status: 'ACTIVE', encryptionType: 'KMS', keyId: 'alias/aws/kinesis' },
        { name: 'acme-raw-events', encryptionType: 'NONE', keyId: undefined },
      ],
    });
    expect(await codeBuildProjects.load(bundle, west)).toMatchObject({ ok: true, value: [] });
    expect(await kinesisStreams.load(bundle, west)).toMatchObject({ ok: true, value: [] });

    for (const check of [artifactsEncrypted, noPlaintextCredentials]) {
      expect(await findings(bundle, check), check.id).toEqual([
        'PASS project/acme-api-build',
        'FAIL project/acme-legacy-deploy',
        'PASS 111122223333/eu-west-1',
      ]);
    }
    expect(await findings(bundle, streamEncrypted)).toEqual([
      'PASS stream/acme-clickstream',
      'FAIL stream/acme-raw-events',
      'PASS 111122223333/eu-west-1',
    ]);
    // The evidence file holds the plaintext values AWS returned; no finding repeats them.
    const cache = new EvidenceCache(bundle);
    const reasons = (await runCheck(noPlaintextCredentials, east, {}, bundle.collectedAt, cache)).map((f) => f.reason).join('\n');
    expect(reasons).toMatch(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY of type PLAINTEXT/);
    expect(reasons).not.toMatch(/AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI/);
  });

  it('records denied calls: a denied listing leaves the region unevaluated, a denied per-resource call only that resource', async () => {
    serveAcmeCodebuild(fake);
    fake.on('codebuild', 'ListProjects', (r) =>
      r.region === 'eu-west-1'
        ? jsonError('AccessDeniedException', 'User is not authorized to perform: codebuild:ListProjects', 400)
        : undefined,
    );
    fake.on('kinesis', 'ListStreams', (r) =>
      r.region === 'eu-west-1'
        ? jsonError('AccessDeniedException', 'User is not authorized to perform: kinesis:ListStreams', 400)
        : undefined,
    );
    fake.on('kinesis', 'DescribeStreamSummary', (r) =>
      r.body.StreamName === 'acme-raw-events'
        ? jsonError('AccessDeniedException', 'User is not authorized to perform: kinesis:DescribeStreamSummary', 400)
        : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], sources });
    expect(result.manifest.errors.map((e) => [e.region, e.service, e.operation, e.parameters, e.code]).sort()).toEqual([
      ['eu-west-1', 'codebuild', 'ListProjects', {}, 'AccessDeniedException'],
      ['eu-west-1', 'kinesis', 'ListStreams', {}, 'AccessDeniedException'],
      ['us-east-1', 'kinesis', 'DescribeStreamSummary', { StreamName: 'acme-raw-events' }, 'AccessDeniedException'],
    ]);
    const bundle = await openBundle(result.dir);
    expect(await findings(bundle, artifactsEncrypted)).toEqual([
      'PASS project/acme-api-build',
      'FAIL project/acme-legacy-deploy',
      'NOT_EVALUATED 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, streamEncrypted)).toEqual([
      'PASS stream/acme-clickstream',
      'NOT_EVALUATED stream/acme-raw-events',
      'NOT_EVALUATED 111122223333/eu-west-1',
    ]);
  });

  it('a denied batch leaves only its projects unevaluated', async () => {
    serveAcmeCodebuild(fake);
    fake.on(
      'codebuild',
      'BatchGetProjects',
      jsonError('AccessDeniedException', 'User is not authorized to perform: codebuild:BatchGetProjects', 400),
    );
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [codebuild] });
    expect(result.manifest.errors.map((e) => [e.operation, e.parameters, e.code])).toEqual([
      ['BatchGetProjects', { names: 'acme-api-build,acme-legacy-deploy' }, 'AccessDeniedException'],
    ]);
    const bundle = await openBundle(result.dir);
    const out = await runCheck(noPlaintextCredentials, east, {}, bundle.collectedAt, new EvidenceCache(bundle));
    expect(out.map((f) => `${f.status} ${f.resource.split('/').pop() ?? ''}`)).toEqual([
      'NOT_EVALUATED acme-api-build',
      'NOT_EVALUATED acme-legacy-deploy',
    ]);
    expect(out[0]?.reason).toMatch(/BatchGetProjects.*AccessDeniedException/);
  });

  it('records "not found" answers as absence: a stream deleted after the listing, a project in projectsNotFound', async () => {
    serveAcmeCodebuild(fake);
    fake.on('kinesis', 'DescribeStreamSummary', (r) =>
      r.body.StreamName === 'acme-raw-events'
        ? jsonError('ResourceNotFoundException', 'Stream acme-raw-events under account 111122223333 not found.', 400)
        : undefined,
    );
    fake.on('codebuild', 'BatchGetProjects', (r) => {
      const names = Array.isArray(r.body.names) ? r.body.names.map(String) : [];
      if (!names.includes('acme-legacy-deploy')) return undefined;
      const full = JSON.parse(wire('codebuild/BatchGetProjects.acme-api-build.acme-legacy-deploy.json')) as {
        projects: { name: string }[];
      };
      return {
        body: JSON.stringify({
          projects: full.projects.filter((p) => p.name !== 'acme-legacy-deploy'),
          projectsNotFound: ['acme-legacy-deploy'],
        }),
        contentType: 'application/x-amz-json-1.1',
      };
    });
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources });
    expect(result.manifest.errors).toEqual([]);
    expect(
      result.manifest.files.find((f) => f.path === 'aws/111122223333/us-east-1/kinesis/DescribeStreamSummary/acme-raw-events.json'),
    ).toMatchObject({
      status: 'not-found',
      parameters: { StreamName: 'acme-raw-events' },
    });
    const bundle = await openBundle(result.dir);
    const cache = new EvidenceCache(bundle);
    const streams = await runCheck(streamEncrypted, east, {}, bundle.collectedAt, cache);
    expect(streams.map((f) => `${f.status} ${f.resource.split('/').pop() ?? ''}`)).toEqual(['PASS acme-clickstream']);
    const projects = await runCheck(artifactsEncrypted, east, {}, bundle.collectedAt, cache);
    expect(projects.map((f) => `${f.status} ${f.resource.split('/').pop() ?? ''}`)).toEqual(['PASS acme-api-build']);
  });

  it('follows ListStreams pages and batches many projects by count and by length', async () => {
    serveAcmeCodebuild(fake);
    fake.on('kinesis', 'ListStreams', (r) =>
      r.region === 'us-east-1'
        ? {
            body: JSON.stringify(
              r.body.NextToken
                ? { HasMoreStreams: false, StreamNames: ['acme-raw-events'] }
                : { HasMoreStreams: true, NextToken: 'AAAAAAAAAAGx0ZXN0', StreamNames: ['acme-clickstream'] },
            ),
            contentType: 'application/x-amz-json-1.1',
          }
        : undefined,
    );
    await collectFrom(fake, { regions: ['us-east-1'], sources: [kinesis] });
    expect(fake.calls('kinesis', 'ListStreams').map((r) => r.body.NextToken)).toEqual([undefined, 'AAAAAAAAAAGx0ZXN0']);
    expect(anyOrder(fake.calls('kinesis', 'DescribeStreamSummary').map((r) => r.body.StreamName))).toEqual(anyOrder(['acme-clickstream', 'acme-raw-events']));

    // Four-character names: 40 of them joined are 199 characters, 41 would be 204.
    const short = Array.from({ length: 150 }, (_, i) => `p${String(i).padStart(3, '0')}`);
    expect(batches(short).map((b) => b.length)).toEqual([40, 40, 40, 30]);
    expect(batches(short).flat()).toEqual(short);
    const long = ['a'.repeat(255), 'b'.repeat(150), 'c'.repeat(49), 'd'];
    expect(batches(long).map((b) => b.map((n) => n[0]).join(''))).toEqual(['a', 'bc', 'd']);
  });
});
