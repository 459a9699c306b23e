// Refreshes evidence/sample from the sample company's fake AWS, for the services named in
// REFRESH_SAMPLE (comma-separated bundle service names): their files are replaced by what the
// collector writes, with collectedAt inside the sample's collection window. Skipped otherwise.
//
//   REFRESH_SAMPLE=lambda,dynamodb npx vitest run test/collect/refresh-sample.test.ts
//   node scripts/rehash-bundle.mjs evidence/sample
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/read-bundle.js';
import type { FakeAws } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

const SAMPLE = new URL('../../evidence/sample/', import.meta.url).pathname;
const services = (process.env.REFRESH_SAMPLE ?? '').split(',').filter(Boolean);

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

it.skipIf(services.length === 0)('refreshes the sample evidence of the named services', async () => {
  const result = await collectFrom(fake);
  const { manifest } = await openBundle(result.dir);
  const sample = JSON.parse(readFileSync(join(SAMPLE, 'manifest.json'), 'utf8')) as {
    collection: { finishedAt: string };
    files: { path: string; service: string }[];
    errors: { service: string }[];
  };
  for (const old of sample.files.filter((f) => services.includes(f.service))) rmSync(join(SAMPLE, old.path));
  const fresh = manifest.files.filter((f) => services.includes(f.service));
  for (const file of fresh) {
    mkdirSync(dirname(join(SAMPLE, file.path)), { recursive: true });
    copyFileSync(join(result.dir, file.path), join(SAMPLE, file.path));
  }
  const at = sample.collection.finishedAt.replace(/\d\d\.000Z$/, '00.000Z');
  sample.files = [...sample.files.filter((f) => !services.includes(f.service)), ...fresh.map((f) => ({ ...f, collectedAt: at }))];
  const errors = manifest.errors.filter((e) => services.includes(e.service));
  sample.errors = [...sample.errors.filter((e) => !services.includes(e.service)), ...errors];
  writeFileSync(join(SAMPLE, 'manifest.json'), `${JSON.stringify(sample, null, 2)}\n`);
  expect(fresh.length).toBeGreaterThan(0);
});
