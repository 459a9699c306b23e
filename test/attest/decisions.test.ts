import { describe, expect, it } from 'vitest';
import { parseDecisionsCsv } from '../../src/attest/decisions.js';

describe('decisions CSV', () => {
  it('numbers each row by the line it starts on, past blank lines and quoted line breaks', () => {
    const text =
      '\uFEFFrequirement,result,attested_by,role,justification\r\n' +
      '1.1,pass,Dana Smith,CISO,"Reviewed.\r\nAll current."\r\n' +
      '\r\n' +
      '1.2,pass,Dana Smith,CISO,Set to secops@.\r\n' +
      '1.5,fail,Dana Smith,CISO,No.';
    expect(parseDecisionsCsv(text, 'd.csv').map((r) => [r.line, r.fields.requirement, r.fields.justification])).toEqual([
      [2, '1.1', 'Reviewed.\r\nAll current.'],
      [5, '1.2', 'Set to secops@.'],
      [6, '1.5', 'No.'],
    ]);
  });

  it('refuses an unknown column, naming the closest, and a missing required one', () => {
    expect(() => parseDecisionsCsv('requirement,result,attested_by,role,justificaton\n', 'd.csv')).toThrow(
      /^d\.csv:1: unknown column "justificaton"\. Did you mean "justification"\?/,
    );
  });

  it('gives the line of a broken quote', () => {
    expect(() => parseDecisionsCsv('requirement,result,attested_by,role,justification\n1.1,pass,D,C,"open\n', 'd.csv')).toThrow(
      /^d\.csv:\d+: Quote Not Closed/,
    );
  });
});
