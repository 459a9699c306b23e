import { JSONParser } from '@streamparser/json';

/** Below this many bytes a document is parsed as one string; above, it is parsed in pieces. */
export const WHOLE_STRING_BYTES = 64 * 1024 * 1024;
const PIECE_BYTES = 1024 * 1024;

/**
 * Parses a JSON document held as bytes. A large one (a bundle manifest of an organisation: about
 * 400 bytes per evidence file) is never turned into one string, which V8 caps at about 512 million
 * characters: its bytes are fed to a streaming parser piece by piece. Same result as JSON.parse
 * ("__proto__" stays an own key), and the same kind of error (SyntaxError) for a broken document.
 */
export function parseJsonBytes(bytes: Uint8Array, streamAbove = WHOLE_STRING_BYTES): unknown {
  if (bytes.length <= streamAbove) return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  let root: unknown;
  let done = false;
  const parser = new JSONParser({ paths: ['$'], keepStack: false });
  parser.onValue = ({ value, stack }) => {
    if (stack.length === 0) {
      root = value;
      done = true;
    }
  };
  try {
    for (let at = 0; at < bytes.length; at += PIECE_BYTES) parser.write(bytes.subarray(at, at + PIECE_BYTES));
    if (!done) parser.end();
  } catch (error) {
    throw new SyntaxError(error instanceof Error ? error.message : String(error));
  }
  if (!done) throw new SyntaxError('Unexpected end of JSON input');
  return root;
}
