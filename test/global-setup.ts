import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds dist/ once, as `npm run build` does (tsc, then the AWS SDK bundles of scripts/bundle-sdk.mjs),
 * so end-to-end tests run the CLI exactly as a user does. Type errors do not stop the build here (tsc
 * still emits); `npm run typecheck` is where they fail the suite.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const build = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.error) throw build.error;
  if (build.status !== 0) process.stderr.write(`global-setup: tsc reported errors; dist/ was built anyway:\n${build.stdout}`);
  const bundle = spawnSync(process.execPath, ['scripts/bundle-sdk.mjs'], { cwd: root, encoding: 'utf8' });
  if (bundle.error) throw bundle.error;
  if (bundle.status !== 0) throw new Error(`global-setup: scripts/bundle-sdk.mjs failed:\n${bundle.stderr}`);
}
