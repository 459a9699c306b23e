import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The repository (or installed package) root: where controls/, templates/ and schemas/ live. */
export const packageRoot: string = findRoot(dirname(fileURLToPath(import.meta.url)));

/** This tool's version, from package.json; it is recorded in every results file. */
export const toolVersion: string = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'auditpack') return dir;
    } catch {
      // not here; look one level up
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`auditpack: cannot find package.json above ${start}`);
    dir = parent;
  }
}
