import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const policyOf = (file: string): unknown => {
  const text = readFileSync(file, 'utf8');
  const section = text.slice(text.indexOf('IAM permissions'));
  const match = /```json\n([\s\S]*?)\n```/.exec(section);
  if (!match?.[1]) throw new Error(`${file}: no IAM policy block after "IAM permissions"`);
  return JSON.parse(match[1]) as unknown;
};

describe('docs', () => {
  it('the README lists the same IAM policy as docs/collection.md', () => {
    expect(policyOf('README.md')).toEqual(policyOf('docs/collection.md'));
  });
});
