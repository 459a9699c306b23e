// Replaces tsc's output for src/shared/aws-sdk/*.ts with esbuild bundles of only what they export:
// the commands, paginators and clients auditpack calls, the SDK code they need, and none of the
// thousands of operations, schemas and waiters around them. The bundles share chunks, so code
// common to every client is loaded once; each client is still loaded only when first used.
// A full collection then holds about 90 MB less than with the SDK's own single-file builds
// (bench/collect-speed.ts). `npm run build` runs it after tsc; so do test/global-setup.ts and
// bench/collect-speed.ts, with their own output folder.
//
//   node scripts/bundle-sdk.mjs [DIST]     # DIST: tsc's output folder (default: dist)
import { readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = process.argv[2] ?? join(root, 'dist');
const source = join(root, 'src/shared/aws-sdk');
const outdir = join(dist, 'shared/aws-sdk');
// Two of Node's modules are given to the SDK through stand-ins (namespace `node-stand-in`):
// - node:http: `import … from 'node:http'` builds the module's ES namespace, and reading its exports
//   to do so loads the lazy WebSocket and fetch classes, that is Node's bundled undici: 13 MB
//   resident that no call uses. The stand-in is `require('node:http')`, which reads no export.
// - node:http2: only Kinesis's default HTTP/2 handler (for SubscribeToShard) uses it, but the shared
//   handler chunk imports it, and loading it costs 5 MB. The stand-in loads it when a property is
//   first read; `constants` is lazy too, as the handler takes it when its module loads (and the
//   bundle's `__esModule` test reads nothing).
const STAND_INS = {
  'node:http': "module.exports = require('node:http');",
  'node:http2': `let http2;
const load = () => (http2 ??= require('node:http2'));
const constants = new Proxy({}, { get: (_, key) => load().constants[key] });
module.exports = new Proxy({}, { get: (_, key) => (key === 'constants' ? constants : key === '__esModule' ? undefined : load()[key]) });`,
};
const nodeStandIns = {
  name: 'node-stand-ins',
  setup(builder) {
    builder.onResolve({ filter: /^(node:)?http2?$/ }, (args) => {
      const path = args.path.startsWith('node:') ? args.path : `node:${args.path}`;
      // A stand-in's own require() is left to Node.
      return args.namespace === 'node-stand-in' ? { path, external: true } : { path, namespace: 'node-stand-in' };
    });
    builder.onLoad({ filter: /.*/, namespace: 'node-stand-in' }, (args) => ({ contents: STAND_INS[args.path], loader: 'js' }));
  },
};

// The generated schema modules key their traits by constants (`{ [_xN]: _ZN }`). A computed key
// could run code, so esbuild keeps every schema that has one, used or not: for EC2 that is 2,200 of
// them. Keyed by the constants' literal values (`{ "xmlName": _ZN }`, the same object), unused
// schemas are left out like any unused code.
const literalSchemaKeys = {
  name: 'literal-schema-keys',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const values = new Map();
      for (const [, name, value] of text.matchAll(/^const (_[\w$]+) = ("[^"\\\n]*");$/gm)) values.set(name, value);
      return { contents: text.replace(/\[(_[\w$]+)\]:/g, (key, name) => (values.has(name) ? `${values.get(name)}:` : key)), loader: 'js' };
    });
  },
};

const entryPoints = readdirSync(source)
  .filter((name) => name.endsWith('.ts'))
  .sort()
  .map((name) => join(source, name));

// tsc's plain re-exports (and their maps) go; the bundles take their place under the same names.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  // The SDK's ES module builds (`module`) are the ones split per command, so unused ones can be left out.
  mainFields: ['module', 'main'],
  chunkNames: 'chunk-[hash]',
  // Some dependencies are CommonJS and require() Node's own modules.
  banner: {
    js: "import { createRequire as __auditpackCreateRequire } from 'node:module'; const require = __auditpackCreateRequire(import.meta.url);",
  },
  plugins: [nodeStandIns, literalSchemaKeys],
  minifySyntax: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
