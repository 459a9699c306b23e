import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonBytes, parseJsonFile } from '../../src/shared/json-bytes.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('parseJsonBytes in pieces (large documents)', () => {
  it('gives what JSON.parse gives for the sample manifest', () => {
    const manifest = readFileSync('evidence/sample/manifest.json');
    expect(parseJsonBytes(manifest, 0)).toEqual(JSON.parse(manifest.toString('utf8')));
  });

  it('keeps "__proto__" an own key, numbers, unicode and escapes as JSON.parse does', () => {
    const text = '{"__proto__":{"polluted":true},"n":[1,-2.5e3,1e400,0],"s":"é\\u2028\\ud83d\\ude00\\"","deep":{"a":[{"b":null}]}}';
    const parsed = parseJsonBytes(bytes(text), 0) as Record<string, unknown>;
    expect(parsed).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses broken, truncated and trailing input with a SyntaxError', () => {
    for (const text of ['{"a":', '{"a":1}}', '{"a":1} x', '', 'nul', '{"a" 1}']) {
      expect(() => parseJsonBytes(bytes(text), 0), text).toThrow(SyntaxError);
      expect(() => parseJsonBytes(bytes(text)), text).toThrow(SyntaxError);
    }
  });

  it('parses a document split across many pieces', () => {
    const value = { files: Array.from({ length: 20000 }, (_, i) => ({ path: `aws/${i}.json`, size: i, sha256: 'ab'.repeat(32) })) };
    expect(parseJsonBytes(bytes(JSON.stringify(value)), 0)).toEqual(value);
  });

  it('parses a file read piece by piece into one reused buffer, as JSON.parse would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auditpack-json-'));
    try {
      // Multi-byte characters, escapes and numbers fall across the 1 MiB piece boundaries.
      const value = { rows: Array.from({ length: 30000 }, (_, i) => ({ r: `é€😀${i}"x`, n: i * 1.5, ok: i % 2 === 0 })) };
      const file = join(dir, 'results.json');
      writeFileSync(file, JSON.stringify(value, null, 2));
      expect(await parseJsonFile(file, 0)).toEqual(value);
      expect(await parseJsonFile(file)).toEqual(value);
      writeFileSync(file, '{"a": [1, 2');
      await expect(parseJsonFile(file, 0)).rejects.toThrow(SyntaxError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
