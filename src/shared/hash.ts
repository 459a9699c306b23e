import { createHash } from 'node:crypto';
import { openRegularFile } from './limits.js';

/** SHA-256 of bytes or a UTF-8 string, as 64 lower-case hex digits. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 and size of a file, streamed so large evidence files are never held whole. */
export async function sha256File(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  // A FIFO or device at the path is refused, not read (reading a FIFO would wait for ever).
  const { handle } = await openRegularFile(path, Number.MAX_SAFE_INTEGER);
  for await (const chunk of handle.createReadStream()) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    hash.update(bytes);
  }
  return { sha256: hash.digest('hex'), size };
}
