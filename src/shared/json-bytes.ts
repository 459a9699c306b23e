import { open } from 'node:fs/promises';
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
  const parser = new PieceParser();
  for (let at = 0; at < bytes.length; at += PIECE_BYTES) parser.write(bytes.subarray(at, at + PIECE_BYTES));
  return parser.end();
}

/**
 * Parses a JSON file of any size (a results.json of 1,000 accounts is over 2 GB, more than one
 * read or one string can hold): small files with JSON.parse, large ones piece by piece.
 */
export async function parseJsonFile(path: string, streamAbove = WHOLE_STRING_BYTES): Promise<unknown> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size <= streamAbove) return JSON.parse(await handle.readFile('utf8'));
    const parser = new PieceParser();
    const buffer = Buffer.alloc(PIECE_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      parser.write(buffer.subarray(0, bytesRead));
    }
    return parser.end();
  } finally {
    await handle.close();
  }
}

/** One JSON document fed in pieces; errors are SyntaxErrors, as JSON.parse throws. */
class PieceParser {
  private root: unknown;
  private done = false;
  private readonly parser = new JSONParser({ paths: ['$'], keepStack: false });

  constructor() {
    this.parser.onValue = ({ value, stack }) => {
      if (stack.length === 0) {
        this.root = value;
        this.done = true;
      }
    };
  }

  write(piece: Uint8Array): void {
    try {
      // The parser keeps no reference to the piece once write returns: a reused buffer is safe.
      this.parser.write(piece);
    } catch (error) {
      throw new SyntaxError(error instanceof Error ? error.message : String(error));
    }
  }

  end(): unknown {
    try {
      if (!this.done) this.parser.end();
    } catch (error) {
      throw new SyntaxError(error instanceof Error ? error.message : String(error));
    }
    if (!this.done) throw new SyntaxError('Unexpected end of JSON input');
    return this.root;
  }
}
