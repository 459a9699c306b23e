// Recomputes size and sha256 of every files[] entry in BUNDLE/manifest.json from the files on disk, sorts files by path and rewrites the manifest; fails if a listed file is missing or a file under aws/ is not listed.
//
// Usage: node scripts/rehash-bundle.mjs BUNDLE_DIR
//
// Everything else in the manifest (and in each entry) is kept as it is. Entries are written
// with path, sha256 and size first, then their other fields in their existing order. Output is
// JSON with 2-space indentation and a trailing newline (docs/bundle-format.md). Node 20, no
// dependencies beyond node:*.

import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import process from "node:process";

function fail(lines) {
  for (const line of [].concat(lines)) process.stderr.write(`rehash-bundle: ${line}\n`);
  process.exit(1);
}

/** Every regular file under dir, as bundle-relative paths with "/" separators. */
function listFiles(bundleDir, rel) {
  const out = [];
  for (const entry of readdirSync(join(bundleDir, rel), { withFileTypes: true })) {
    const child = `${rel}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(bundleDir, child));
    else out.push(child);
  }
  return out;
}

/** Code-unit order: deterministic, independent of locale. */
const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function main() {
  const [dirArg] = process.argv.slice(2);
  if (!dirArg) fail("usage: node scripts/rehash-bundle.mjs BUNDLE_DIR");
  const bundleDir = resolve(dirArg);
  const manifestPath = join(bundleDir, "manifest.json");
  if (!existsSync(manifestPath)) fail(`${manifestPath}: manifest.json not found`);

  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch (err) {
    fail(`${manifestPath}: not valid JSON: ${err.message}`);
  }
  if (!manifest || !Array.isArray(manifest.files)) fail(`${manifestPath}: "files" must be an array`);

  const problems = [];
  const listed = new Set();
  const files = manifest.files.map((entry, i) => {
    const path = entry && entry.path;
    if (typeof path !== "string" || path === "") {
      problems.push(`manifest.json: files[${i}].path is missing`);
      return entry;
    }
    if (path.startsWith("/") || path.includes("\\") || path.split("/").includes("..")) {
      problems.push(`manifest.json: files[${i}].path "${path}" must be relative, use "/" and contain no ".."`);
      return entry;
    }
    if (listed.has(path)) problems.push(`manifest.json: files[${i}].path "${path}" is listed twice`);
    listed.add(path);

    const abs = join(bundleDir, ...path.split("/"));
    if (!abs.startsWith(bundleDir + sep)) {
      problems.push(`manifest.json: files[${i}].path "${path}" points outside the bundle`);
      return entry;
    }
    if (!existsSync(abs) || !statSync(abs).isFile()) {
      problems.push(`${path}: listed in manifest.json but missing on disk`);
      return entry;
    }
    const bytes = readFileSync(abs);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const { path: _p, sha256: _h, size: _s, ...rest } = entry;
    return { path, sha256, size: bytes.length, ...rest };
  });

  if (existsSync(join(bundleDir, "aws"))) {
    for (const path of listFiles(bundleDir, "aws")) {
      if (!listed.has(path)) problems.push(`${path}: file under aws/ is not listed in manifest.json`);
    }
  }

  if (problems.length > 0) fail([...problems, "manifest.json left unchanged"]);

  files.sort((a, b) => byCodeUnit(a.path, b.path));
  manifest.files = files;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
  process.stdout.write(`rehash-bundle: ${files.length} files rehashed in ${manifestPath}\n`);
}

main();
