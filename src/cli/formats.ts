import { AuditpackError } from '../shared/errors.js';
import type { Io } from './io.js';

/** `--format a,b`: the known formats asked for, each once; a usage error names any unknown one. */
export function parseFormatList<F extends string>(list: string, known: readonly F[]): F[] {
  const formats = list
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const unknown = formats.filter((f) => !known.includes(f as F));
  if (unknown.length > 0 || formats.length === 0) {
    throw new AuditpackError(
      'USAGE',
      `--format ${list}: unknown format ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}. Use a comma-separated list of ${known.join(', ')}.`,
    );
  }
  return [...new Set(formats)] as F[];
}

/** The "generated" time of an output: SOURCE_DATE_EPOCH (seconds) when set, for reproducible outputs; else now. */
export function generatedAt(io: Io): string {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return io.now().toISOString();
  if (!/^\d+$/.test(epoch))
    throw new AuditpackError(
      'USAGE',
      `SOURCE_DATE_EPOCH=${epoch}: not a whole number of seconds since 1970. Unset it or give e.g. SOURCE_DATE_EPOCH=$(date +%s).`,
    );
  return new Date(Number(epoch) * 1000).toISOString();
}
