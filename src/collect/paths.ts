/** Where one AWS call is recorded: the bundle's own names for it (docs/bundle-format.md). */
export interface CallRef {
  account: string;
  /** An AWS region code, or `global`. */
  region: string;
  /** The SDK v3 client name in lower case: `iam`, `s3control`, `config`, … */
  service: string;
  operation: string;
  /** The request parameters that identify the call (not page sizes or tokens). */
  parameters: Record<string, unknown>;
  /** The resource the call is about, for per-resource calls: names the file. */
  key?: string;
}

/** A stable text id of a call: the same call always gets the same id, whatever the key order. */
export function callId(call: Omit<CallRef, 'key'>): string {
  return `${call.account}|${call.region}|${call.service}|${call.operation}|${stableJson(call.parameters)}`;
}

/** `aws/<account>/<region>/<service>/<Operation>[/<key>][.p0002].<ext>` */
export function evidencePath(call: CallRef, page: number, extension: 'json' | 'csv', keySuffix = ''): string {
  const key = call.key === undefined ? '' : `/${encodeKey(call.key)}${keySuffix}`;
  const pageSuffix = page > 1 ? `.p${String(page).padStart(4, '0')}` : '';
  return `aws/${call.account}/${call.region}/${call.service}/${call.operation}${key}${pageSuffix}.${extension}`;
}

/** Every character outside `A-Za-z0-9._-` as `%XX` of its UTF-8 bytes, upper-case hex. */
export function encodeKey(key: string): string {
  let out = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9._-]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  // `.` and `..` alone would be directory names; spell them out.
  return out === '.' || out === '..' ? out.replace(/\./g, '%2E') : out;
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
