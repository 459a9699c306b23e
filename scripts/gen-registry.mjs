#!/usr/bin/env node
// Writes src/checks/registry.ts from the check files: every src/checks/<service>/<id>.ts whose default
// export is a check made by a function call (defineCheck or a maker such as publicAccessCheck). Run after adding or renaming a check: node scripts/gen-registry.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../src/checks/', import.meta.url).pathname;
const camel = (id) => id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

const checks = [];
for (const dir of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const file of readdirSync(join(root, dir.name)).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(root, dir.name, file), 'utf8');
    if (!/^export default \w+\(/m.test(text)) continue;
    const id = file.slice(0, -3);
    const declared = /\bid: '([^']+)'/.exec(text)?.[1];
    // An id given by a constant is not checked here; the registry test compares ids with file names.
    if (declared !== undefined && declared !== id) throw new Error(`src/checks/${dir.name}/${file}: its id is ${declared}, not the file name ${id}`);
    checks.push({ id, path: `./${dir.name}/${file.replace(/\.ts$/, '.js')}` });
  }
}
checks.sort((a, b) => (a.id < b.id ? -1 : 1));
const imports = [
  ...checks.map((c) => ({ path: c.path, line: `import ${camel(c.id)} from '${c.path}';` })),
  { path: './define-check.js', line: `import type { Check } from './define-check.js';` },
].sort((a, b) => (a.path < b.path ? -1 : 1));

const text = `${imports.map((i) => i.line).join('\n')}

/** Every check, sorted by id. */
export const checks: readonly Check[] = [
${checks.map((c) => `  ${camel(c.id)},`).join('\n')}
];

/** The check with this id, if there is one. */
export function findCheck(id: string): Check | undefined {
  return checks.find((check) => check.id === id);
}
`;
writeFileSync(join(root, 'registry.ts'), text);
console.log(`src/checks/registry.ts: ${checks.length} checks`);
