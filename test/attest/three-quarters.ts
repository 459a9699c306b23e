import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDecisions, parseDecisionsCsv } from '../../src/attest/decisions.js';
import { importDecisions } from '../../src/attest/register-write.js';
import { attestationsFor, loadRegister, type RegisterSelection } from '../../src/attest/register.js';
import { openBundle } from '../../src/bundle/read-bundle.js';
import type { Catalog } from '../../src/catalog/catalog.js';
import { loadCrosswalk } from '../../src/catalog/crosswalk.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import type { Results } from '../../src/evaluate/results.js';
import { TEST_ACCOUNT, writeTestBundle } from '../helpers/bundle-builder.js';

/** The shipped CIS catalog of a version (5.0.0, 6.0.0, 7.0.0). */
export async function cisCatalog(version: string): Promise<Catalog> {
  return loadCatalog(
    `controls/cis-aws-foundations-v${version}.yaml`,
    findCheck,
    checks.map((c) => c.id),
  );
}

/** When each quarter's bundle was collected. */
export const QUARTERS = {
  Q1: '2026-03-31T06:00:00.000Z',
  Q2: '2026-06-30T06:00:00.000Z',
  Q3: '2026-09-30T06:00:00.000Z',
} as const;

/**
 * Three quarters of one account and a register made in Q1: v5.0.0 1.1 (contact details) attested
 * pass on 2026-03-20, expiring 2026-08-01 (so it decides Q1 and Q2, in any CIS version the
 * crosswalk maps, and has expired by Q3), with a screenshot as evidence. Returns the register
 * folder, one bundle folder per quarter and the entry's id.
 */
export async function threeQuarterScenario(): Promise<{
  register: string;
  bundles: Record<keyof typeof QUARTERS, string>;
  entryId: string;
}> {
  const work = mkdtempSync(join(tmpdir(), 'auditpack-quarters-'));
  writeFileSync(join(work, 'contacts.png'), 'screenshot of the account contacts page');
  const csv = join(work, 'q1-decisions.csv');
  writeFileSync(
    csv,
    'framework,version,requirement,result,attested_by,role,date,expires,justification,evidence\n' +
      'cis-aws-foundations,5.0.0,1.1,pass,Dana Smith,Head of Cloud Security,2026-03-20,2026-08-01,"Contacts reviewed in the console; all current.",contacts.png\n',
  );
  const register = join(work, 'attestations');
  const v5 = await cisCatalog('5.0.0');
  const checked = await checkDecisions(parseDecisionsCsv(readFileSync(csv, 'utf8'), csv), {
    catalogs: [v5],
    defaultCatalog: v5,
    today: '2026-03-20',
  });
  const imported = await importDecisions(register, checked);
  const entry = imported.added[0];
  if (!entry) throw new Error('threeQuarterScenario: the Q1 decision was not imported');
  const bundles = {
    Q1: writeTestBundle({ collectedAt: QUARTERS.Q1, accounts: [TEST_ACCOUNT] }),
    Q2: writeTestBundle({ collectedAt: QUARTERS.Q2, accounts: [TEST_ACCOUNT] }),
    Q3: writeTestBundle({ collectedAt: QUARTERS.Q3, accounts: [TEST_ACCOUNT] }),
  };
  return { register, bundles, entryId: entry.id };
}

/**
 * What `auditpack report BUNDLE --register PATH --catalog cis-aws-foundations-vVERSION` does with
 * the register: load it and the crosswalk, select the entries for the bundle, evaluate with them.
 */
export async function evaluateWithRegister(
  bundleDir: string,
  version: string,
  registerPath: string,
): Promise<{ results: Results; selection: RegisterSelection }> {
  const bundle = await openBundle(bundleDir);
  const catalog = await cisCatalog(version);
  const register = await loadRegister(registerPath);
  const crosswalk = await loadCrosswalk('controls/crosswalk-cis-aws-foundations.yaml');
  const selection = attestationsFor(register, {
    framework: catalog.framework,
    version: catalog.version,
    collectedAt: bundle.collectedAt,
    accounts: bundle.manifest.scope.accounts.map((a) => a.id),
    crosswalk,
  });
  const results = await evaluate(bundle, catalog, {
    findCheck,
    toolVersion: '0.0.0-test',
    catalogFileName: `cis-aws-foundations-v${version}.yaml`,
    attestations: selection.attestations,
  });
  return { results: { ...results, warnings: [...results.warnings, ...selection.warnings] }, selection };
}
