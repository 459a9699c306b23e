import { appendFileSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/read-bundle.js';
import { AuditpackError } from '../../src/shared/errors.js';
import { writeTestBundle } from '../helpers/bundle-builder.js';

const policyFile = {
  service: 'iam',
  operation: 'GetAccountPasswordPolicy',
  body: { PasswordPolicy: { MinimumPasswordLength: 14 } },
};

async function openError(dir: string): Promise<AuditpackError> {
  try {
    await openBundle(dir);
  } catch (error) {
    if (error instanceof AuditpackError) return error;
    throw error;
  }
  throw new Error('expected openBundle to fail');
}

function editManifest(dir: string, edit: (m: Record<string, unknown>) => void): void {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest, null, 2));
}

describe('openBundle', () => {
  it('opens a valid bundle and finds a call by operation and parameters', async () => {
    const dir = writeTestBundle({
      files: [policyFile, { region: 'us-east-1', service: 's3', operation: 'GetPublicAccessBlock', parameters: { Bucket: 'a' }, body: {} }],
    });
    const bundle = await openBundle(dir);
    expect(bundle.collectedAt.toISOString()).toBe('2026-09-30T08:04:12.000Z');
    const [file] = bundle.files({ account: '111122223333', region: 'global', service: 'iam', operation: 'GetAccountPasswordPolicy' });
    expect(file).toBeDefined();
    expect(await bundle.readJson(file!)).toEqual(policyFile.body);
    expect(
      bundle.files({
        account: '111122223333',
        region: 'us-east-1',
        service: 's3',
        operation: 'GetPublicAccessBlock',
        parameters: { Bucket: 'a' },
      }),
    ).toHaveLength(1);
    expect(
      bundle.files({
        account: '111122223333',
        region: 'us-east-1',
        service: 's3',
        operation: 'GetPublicAccessBlock',
        parameters: { Bucket: 'b' },
      }),
    ).toHaveLength(0);
    expect(bundle.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the file whose bytes changed after collection', async () => {
    const dir = writeTestBundle({ files: [policyFile] });
    appendFileSync(join(dir, 'aws/111122223333/global/iam/GetAccountPasswordPolicy.json'), ' ');
    const error = await openError(dir);
    expect(error.code).toBe('BUNDLE_INTEGRITY');
    expect(error.message).toMatch(/GetAccountPasswordPolicy\.json: sha256 does not match manifest\.json/);
    expect(error.message).toMatch(/restore the bundle from its archive/);
  });

  it('names a listed file that is missing', async () => {
    const dir = writeTestBundle({ files: [policyFile] });
    rmSync(join(dir, 'aws/111122223333/global/iam/GetAccountPasswordPolicy.json'));
    const error = await openError(dir);
    expect(error.code).toBe('BUNDLE_INTEGRITY');
    expect(error.message).toMatch(/GetAccountPasswordPolicy\.json: is listed in manifest\.json but missing/);
  });

  it('names a file slipped into aws/ that the manifest does not list', async () => {
    const dir = writeTestBundle({ files: [policyFile] });
    mkdirSync(join(dir, 'aws/111122223333/global/iam/extra'), { recursive: true });
    writeFileSync(join(dir, 'aws/111122223333/global/iam/extra/Injected.json'), '{}');
    const error = await openError(dir);
    expect(error.message).toMatch(/Injected\.json: is not listed in manifest\.json/);
  });

  it('names the manifest field that breaks the schema', async () => {
    const dir = writeTestBundle({ files: [policyFile] });
    editManifest(dir, (m) => {
      (m.files as Record<string, unknown>[])[0]!.sha256 = 'not-a-hash';
    });
    const error = await openError(dir);
    expect(error.code).toBe('BUNDLE_INVALID');
    expect(error.message).toMatch(/manifest\.json: files\[0\]\.sha256: must match pattern/);
  });

  it('reports a missing required field by name', async () => {
    const dir = writeTestBundle();
    editManifest(dir, (m) => {
      delete m.bundleId;
    });
    expect((await openError(dir)).message).toMatch(/missing required field "bundleId"/);
  });

  it('rejects a path that climbs out of the bundle', async () => {
    const dir = writeTestBundle({ files: [policyFile] });
    editManifest(dir, (m) => {
      (m.files as Record<string, unknown>[])[0]!.path = 'aws/111122223333/global/iam/../../../../etc/passwd';
    });
    expect((await openError(dir)).message).toMatch(/files\[0\]\.path/);
  });

  it('refuses an incomplete collection unless allowed', async () => {
    const dir = writeTestBundle({ files: [policyFile], complete: false });
    expect((await openError(dir)).message).toMatch(/did not finish.*--allow-incomplete/);
    await expect(openBundle(dir, { allowIncomplete: true })).resolves.toBeDefined();
  });

  it('says what to do when pointed at a directory without a manifest', async () => {
    const error = await openError('/nonexistent/bundle');
    expect(error.message).toMatch(/manifest\.json: cannot read the bundle manifest.*Point at a bundle directory/);
  });

  it('opens the shipped sample bundle', async () => {
    const bundle = await openBundle('evidence/sample');
    expect(bundle.manifest.scope.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(bundle.manifest.errors.length).toBeGreaterThan(0);
  });
});

describe('openBundle: manifest entries agree with their paths', () => {
  const bucketFile = {
    region: 'us-east-1',
    service: 's3',
    operation: 'GetBucketPolicy',
    parameters: { Bucket: 'acme-logs' },
    body: { Policy: '{}' },
  };
  const trailFile = {
    region: 'us-east-1',
    service: 'cloudtrail',
    operation: 'GetTrailStatus',
    parameters: { Name: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main' },
    body: { IsLogging: true },
  };

  it('refuses an entry whose operation was renamed, naming the entry, instead of leaving its requirements NOT_EVALUATED', async () => {
    const dir = writeTestBundle({ files: [policyFile, bucketFile] });
    editManifest(dir, (m) => {
      (m.files as Record<string, unknown>[])[0]!.operation = 'GetAccountPasswordPolicyX';
    });
    const error = await openError(dir);
    expect(error.code).toBe('BUNDLE_INVALID');
    expect(error.message).toMatch(
      /files\[0\] \(aws\/111122223333\/global\/iam\/GetAccountPasswordPolicy\.json\)\.operation: "GetAccountPasswordPolicyX" does not match its path, which records "GetAccountPasswordPolicy"/,
    );
  });

  for (const [field, value] of [
    ['account', '444455556666'],
    ['region', 'eu-west-1'],
    ['service', 's3control'],
  ] as const) {
    it(`refuses an entry whose ${field} disagrees with its path`, async () => {
      const dir = writeTestBundle({ accounts: ['111122223333', '444455556666'], files: [bucketFile] });
      editManifest(dir, (m) => {
        (m.files as Record<string, unknown>[])[0]![field] = value;
      });
      const error = await openError(dir);
      expect(error.code).toBe('BUNDLE_INVALID');
      expect(error.message).toMatch(new RegExp(`files\\[0\\] \\([^)]*\\)\\.${field}: "${value}" does not match its path`));
    });
  }

  it("refuses an entry whose parameters name another resource than its path's key", async () => {
    const dir = writeTestBundle({ files: [bucketFile] });
    editManifest(dir, (m) => {
      (m.files as Record<string, unknown>[])[0]!.parameters = { Bucket: 'other-bucket' };
    });
    const error = await openError(dir);
    expect(error.code).toBe('BUNDLE_INVALID');
    expect(error.message).toMatch(/files\[0\] \(.*GetBucketPolicy\/acme-logs\.json\)\.parameters: .*"acme-logs"/);
  });

  it('refuses a page number its path does not carry', async () => {
    const dir = writeTestBundle({ files: [bucketFile] });
    editManifest(dir, (m) => {
      (m.files as Record<string, unknown>[])[0]!.page = 2;
    });
    const error = await openError(dir);
    expect(error.code).toBe('BUNDLE_INVALID');
    expect(error.message).toMatch(/files\[0\] .*\.page: .*\.p0002\.json/);
  });

  it('refuses the same call and page listed twice under two paths', async () => {
    const dir = writeTestBundle({ files: [bucketFile, { ...bucketFile, parameters: { Bucket: 'acme-logs-2' } }] });
    editManifest(dir, (m) => {
      const files = m.files as Record<string, unknown>[];
      files[1]!.path = String(files[0]!.path).replace('acme-logs.json', 'acme-logs-0123abcd.json');
      files[1]!.parameters = { Bucket: 'acme-logs' };
    });
    rmSync(join(dir, 'aws/111122223333/us-east-1/s3/GetBucketPolicy/acme-logs-2.json'));
    writeFileSync(
      join(dir, 'aws/111122223333/us-east-1/s3/GetBucketPolicy/acme-logs-0123abcd.json'),
      `${JSON.stringify(bucketFile.body, null, 2)}\n`,
    );
    const error = await openError(dir);
    expect(error.code).toBe('BUNDLE_INVALID');
    expect(error.message).toMatch(/files\[1\].*is the same call and page as files\[0\]/);
  });

  it('accepts keys as the collector writes them: a name taken from an ARN, and a disambiguated duplicate', async () => {
    const dir = writeTestBundle({ files: [trailFile] });
    editManifest(dir, (m) => {
      const files = m.files as Record<string, unknown>[];
      files[0]!.path = 'aws/111122223333/us-east-1/cloudtrail/GetTrailStatus/main-0a1b2c3d.json';
    });
    rmSync(join(dir, 'aws/111122223333/us-east-1/cloudtrail/GetTrailStatus'), { recursive: true });
    mkdirSync(join(dir, 'aws/111122223333/us-east-1/cloudtrail/GetTrailStatus'), { recursive: true });
    writeFileSync(
      join(dir, 'aws/111122223333/us-east-1/cloudtrail/GetTrailStatus/main-0a1b2c3d.json'),
      `${JSON.stringify(trailFile.body, null, 2)}\n`,
    );
    await expect(openBundle(dir)).resolves.toBeDefined();
  });
});
