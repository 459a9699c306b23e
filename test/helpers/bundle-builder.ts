import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CollectionError, Manifest, ManifestFile } from '../../src/bundle/manifest.js';
import { openBundle, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import { sha256 } from '../../src/shared/hash.js';

/** One raw evidence file for a test bundle. */
export interface TestFile {
  account?: string;
  region?: string;
  service: string;
  operation: string;
  parameters?: Record<string, unknown>;
  /** Raw body: an object is written as the SDK response JSON; a string is written as is (CSV). */
  body: unknown;
  status?: 'ok' | 'not-found';
  page?: number;
  contentType?: 'application/json' | 'text/csv';
  fields?: Record<string, unknown>;
}

/** What a test bundle holds. Defaults: account 111122223333, regions us-east-1 + eu-west-1. */
export interface TestBundleSpec {
  collectedAt?: string;
  accounts?: string[];
  regions?: string[];
  files?: TestFile[];
  errors?: (Partial<CollectionError> & Pick<CollectionError, 'service' | 'operation' | 'code'>)[];
  complete?: boolean;
}

export const TEST_ACCOUNT = '111122223333';

/** Writes a real bundle directory (files + manifest with real hashes); returns its path. */
export function writeTestBundle(spec: TestBundleSpec = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'auditpack-bundle-'));
  const collectedAt = spec.collectedAt ?? '2026-09-30T08:04:12.000Z';
  const accounts = spec.accounts ?? [TEST_ACCOUNT];
  const files: ManifestFile[] = (spec.files ?? []).map((f) => {
    const account = f.account ?? accounts[0] ?? TEST_ACCOUNT;
    const region = f.region ?? 'global';
    const parameters = f.parameters ?? {};
    const csv = typeof f.body === 'string';
    const key = Object.values(parameters)
      .map((v) => encodeURIComponent(String(v)).replace(/[^A-Za-z0-9._%-]/g, '_'))
      .join('_');
    const ext = csv ? 'csv' : 'json';
    const page = f.page ? `.p${String(f.page).padStart(4, '0')}` : '';
    const path = `aws/${account}/${region}/${f.service}/${f.operation}${key ? `/${key}` : ''}${page}.${ext}`;
    const text = csv ? (f.body as string) : `${JSON.stringify(f.body, null, 2)}\n`;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
    const entry: ManifestFile = {
      path,
      sha256: sha256(text),
      size: Buffer.byteLength(text),
      account,
      region,
      service: f.service,
      operation: f.operation,
      parameters,
      collectedAt,
      status: f.status ?? 'ok',
    };
    if (f.page) entry.page = f.page;
    if (csv || f.contentType) entry.contentType = f.contentType ?? 'text/csv';
    if (f.fields) entry.fields = f.fields;
    return entry;
  });
  const manifest: Manifest = {
    formatVersion: 1,
    bundleId: '00000000-0000-4000-8000-000000000001',
    tool: { name: 'auditpack', version: '0.0.0-test' },
    collection: { startedAt: collectedAt, finishedAt: collectedAt, complete: spec.complete ?? true },
    scope: { accounts: accounts.map((id) => ({ id })), regions: [...(spec.regions ?? ['eu-west-1', 'us-east-1'])].sort() },
    files,
    errors: (spec.errors ?? []).map((e) => ({
      account: e.account ?? accounts[0] ?? TEST_ACCOUNT,
      region: e.region ?? 'global',
      service: e.service,
      operation: e.operation,
      parameters: e.parameters ?? {},
      code: e.code,
      message: e.message ?? `${e.code} (test)`,
    })),
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

/** Writes and opens a test bundle through the real reader (schema + hash checks included). */
export async function testBundle(spec: TestBundleSpec = {}): Promise<EvidenceBundle> {
  return openBundle(writeTestBundle(spec));
}
