import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/cli/main.js';
import { sha256 } from '../../src/shared/hash.js';
import { extractArchive } from '../../src/sign/archive.js';
import { runCli, sealedBundle, signedReport, tempDir, testBundleDir, testKeys } from './helpers.js';

interface Member {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
  body?: string;
}

/** A .tar.gz with exactly these members, names unchecked: what an attacker would hand over. */
async function hostileArchive(members: Member[]): Promise<string> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  for (const m of members) {
    if (m.type === 'symlink' || m.type === 'link' || m.type === 'directory')
      pack.entry({ name: m.name, type: m.type, linkname: m.linkname });
    else pack.entry({ name: m.name, type: 'file' }, m.body ?? 'x');
  }
  pack.finalize();
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  const path = join(tempDir('auditpack-hostile-'), 'evil.tar.gz');
  writeFileSync(path, gzipSync(Buffer.concat(chunks)));
  return path;
}

/** An extraction target inside a fresh directory; the directory must hold nothing else afterwards. */
function target(): { base: string; dir: string } {
  const base = tempDir('auditpack-extract-');
  const dir = join(base, 'target');
  mkdirSync(dir);
  return { base, dir };
}

describe('auditpack archive', () => {
  it('writes one archive that verify checks directly', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    const report = await signedReport(bundle, keys.key);
    const out = join(tempDir(), 'q3.tar.gz');
    const written = await runCli(['archive', bundle, report, '--out', out], { SOURCE_DATE_EPOCH: '1790000000' });
    expect(written.code, written.err).toBe(0);
    const run = await runCli(['verify', out, '--key', keys.publicPath]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(`OK   bundle ${out}:${basename(bundle)}`);
    expect(run.out).toContain(`OK   report ${out}:${basename(report)}`);
  });

  it('gives the same bytes for the same inputs and SOURCE_DATE_EPOCH', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    const [a, b] = [join(tempDir(), 'a.tar.gz'), join(tempDir(), 'b.tar.gz')];
    await runCli(['archive', bundle, '--out', a], { SOURCE_DATE_EPOCH: '1790000000' });
    await runCli(['archive', bundle, '--out', b], { SOURCE_DATE_EPOCH: '1790000000' });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it('refuses an unsealed bundle', async () => {
    const run = await runCli(['archive', testBundleDir(), '--out', join(tempDir(), 'x.tar.gz')]);
    expect(run.code).toBe(EXIT_CODES.USAGE);
    expect(run.err).toMatch(/the bundle is not sealed/);
  });

  it('refuses a private key found in a report directory', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    const report = await signedReport(bundle, keys.key);
    writeFileSync(join(report, 'oops.pem'), readFileSync(keys.privatePath));
    const run = await runCli(['archive', bundle, report, '--out', join(tempDir(), 'x.tar.gz')]);
    expect(run.code).toBe(EXIT_CODES.USAGE);
    expect(run.err).toMatch(/oops\.pem: is a private key/);
  });

  it('flags a report whose bundle is not the one in the archive', async () => {
    const keys = await testKeys();
    const report = await signedReport(await sealedBundle(keys.key), keys.key);
    const otherBundle = testBundleDir();
    writeFileSync(
      join(otherBundle, 'manifest.json'),
      readFileSync(join(otherBundle, 'manifest.json'), 'utf8').replace('-000000000001', '-000000000009'),
    );
    const { sealBundle } = await import('../../src/sign/seal.js');
    await sealBundle(otherBundle, keys.key);
    const out = join(tempDir(), 'mixed.tar.gz');
    expect((await runCli(['archive', otherBundle, report, '--out', out])).code).toBe(0);
    const run = await runCli(['verify', out, '--key', keys.publicPath]);
    expect(run.code).toBe(EXIT_CODES.REPORT_INTEGRITY);
    expect(run.err).toMatch(/which is not in this archive/);
  });

  it('refuses to archive a report without any bundle', async () => {
    const keys = await testKeys();
    const report = await signedReport(await sealedBundle(keys.key), keys.key);
    const out = join(tempDir(), 'report-only.tar.gz');
    const run = await runCli(['archive', report, '--out', out]);
    expect(run.code).toBe(EXIT_CODES.USAGE);
    expect(run.err).toMatch(
      /was computed from the evidence bundle with manifest sha256 [0-9a-f]{64}, and no bundle was given to archive with it/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('does not verify an archive holding a report without its bundle as complete, and names the missing bundle', async () => {
    const keys = await testKeys();
    const bundle = await sealedBundle(keys.key);
    const report = await signedReport(bundle, keys.key);
    const manifestSha256 = sha256(readFileSync(join(bundle, 'manifest.json')));
    const run = await runCli(['verify', tarOf([report]), '--key', keys.publicPath]);
    expect(run.code).toBe(EXIT_CODES.REPORT_INTEGRITY);
    expect(run.err).toContain(`is for the bundle with manifest sha256 ${manifestSha256}, which is not in this archive`);
  });
});

/** A .tar.gz of these directories made with GNU tar, bypassing the checks "auditpack archive" makes. */
function tarOf(dirs: string[]): string {
  const parent = tempDir('auditpack-tar-');
  for (const dir of dirs) cpSync(dir, join(parent, basename(dir)), { recursive: true });
  const out = join(tempDir(), 'by-hand.tar.gz');
  execFileSync('tar', ['-czf', out, '-C', parent, ...dirs.map((d) => basename(d))]);
  return out;
}

describe('extracting a hostile archive', () => {
  const hostile: { name: string; members: Member[]; refusal: RegExp; outside?: string }[] = [
    {
      name: 'a zip-slip path',
      members: [{ name: 'bundle/ok.json' }, { name: '../evil.txt', body: 'pwned' }],
      refusal: /"\.\.\/evil\.txt" climbs out of the archive/,
      outside: 'evil.txt',
    },
    {
      name: 'a zip-slip path in the middle',
      members: [{ name: 'bundle/../../evil.txt', body: 'pwned' }],
      refusal: /climbs out of the archive/,
      outside: 'evil.txt',
    },
    { name: 'an absolute path', members: [{ name: '/tmp/auditpack-absolute-member.txt', body: 'pwned' }], refusal: /has an absolute path/ },
    {
      name: 'a symlink pointing outside, then a file through it',
      members: [
        { name: 'bundle/link', type: 'symlink', linkname: '../..' },
        { name: 'bundle/link/evil.txt', body: 'pwned' },
      ],
      refusal: /"bundle\/link" is a symbolic link to "\.\.\/\.\.", outside the archive/,
      outside: 'evil.txt',
    },
    {
      name: 'a hard link to a system file',
      members: [{ name: 'bundle/passwd', type: 'link', linkname: '/etc/passwd' }],
      refusal: /is a hard link to "\/etc\/passwd", outside the archive/,
    },
    {
      name: 'a member named twice',
      members: [
        { name: 'bundle/a.json', body: '1' },
        { name: 'bundle/a.json', body: '2' },
      ],
      refusal: /"bundle\/a\.json" appears twice/,
    },
  ];
  for (const { name, members, refusal, outside } of hostile) {
    it(`refuses ${name} without writing outside the target`, async () => {
      const archive = await hostileArchive(members);
      const { base, dir } = target();
      await expect(extractArchive(archive, dir)).rejects.toThrow(refusal);
      expect(readdirSync(base)).toEqual(['target']);
      if (outside) expect(existsSync(join(base, '..', outside))).toBe(false);
      expect(existsSync('/tmp/auditpack-absolute-member.txt')).toBe(false);
    });
  }

  it('refuses an oversize member before writing it', async () => {
    const archive = await hostileArchive([{ name: 'bundle/big.json', body: 'x'.repeat(5000) }]);
    const { dir } = target();
    await expect(extractArchive(archive, dir, { maxMemberBytes: 1000, maxTotalBytes: 10_000, maxEntries: 10 })).rejects.toThrow(
      /is 5000 bytes, over the limit of 1000/,
    );
    expect(existsSync(join(dir, 'bundle/big.json'))).toBe(false);
  });

  it('refuses members that add up to too much', async () => {
    const archive = await hostileArchive([1, 2, 3].map((i) => ({ name: `bundle/${i}.json`, body: 'x'.repeat(800) })));
    const { dir } = target();
    await expect(extractArchive(archive, dir, { maxMemberBytes: 1000, maxTotalBytes: 2000, maxEntries: 10 })).rejects.toThrow(
      /add up to more than 2000 bytes/,
    );
  });

  it('refuses a gzip bomb from its announced size, before writing the member', async () => {
    // 80 MiB of one letter compresses to about 80 KiB: far beyond any real bundle's ratio.
    const archive = await hostileArchive([{ name: 'bundle/bomb.json', body: 'x'.repeat(80 * (1 << 20)) }]);
    const { dir } = target();
    await expect(extractArchive(archive, dir)).rejects.toThrow(/more than 100 times the archive's compressed size/);
    expect(existsSync(join(dir, 'bundle/bomb.json'))).toBe(false);
  });

  it('makes verify exit with ARCHIVE_INVALID naming the member', async () => {
    const keys = await testKeys();
    const archive = await hostileArchive([{ name: '../evil.txt', body: 'pwned' }]);
    const run = await runCli(['verify', archive, '--key', keys.publicPath]);
    expect(run.code).toBe(EXIT_CODES.ARCHIVE_INVALID);
    expect(run.err).toContain(`${archive}: member "../evil.txt" climbs out of the archive`);
  });
});
