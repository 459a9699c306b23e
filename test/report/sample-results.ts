import { openBundle } from '../../src/bundle/read-bundle.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { evaluateToSets } from '../../src/evaluate/evaluate.js';
import { memoryStore, type FindingSet } from '../../src/evaluate/findings.js';
import type { Results } from '../../src/evaluate/results.js';
import { exceptionsInForce, parseExceptions } from '../../src/exceptions/exceptions.js';

/** The sample bundle's bastion security group, which fails 5.3 (CIS v5.0.0). */
export const SAMPLE_SG = 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a7b3c9d1e5f24680';

const EXCEPTION = `exceptions:
  - id: EXC-2026-007
    framework: cis-aws-foundations
    version: 5.0.0
    requirement: "5.3"
    account: "111122223333"
    resource: "${SAMPLE_SG}"
    justification: Legacy bastion kept until the SSM migration finishes.
    approved_by: Dana Smith (CISO)
    approved_on: 2026-07-01
    expires: 2027-01-01
`;

/**
 * evidence/sample evaluated against a shipped catalog, findings as sets (as `report` renders
 * them). It has NOT_EVALUATED (a denied region) and MANUAL requirements; `excepted` adds an accepted
 * risk for the bastion security group (CIS v5.0.0 only).
 */
export async function sampleResults(catalogFile: string, excepted = false): Promise<Results<FindingSet>> {
  const bundle = await openBundle('evidence/sample');
  const catalog = await loadCatalog(
    `controls/${catalogFile}`,
    findCheck,
    checks.map((c) => c.id),
  );
  const exceptions = excepted
    ? exceptionsInForce(
        parseExceptions(EXCEPTION, 'exceptions.yaml'),
        { framework: catalog.framework, version: catalog.version, requirementIds: catalog.requirements.map((r) => r.id) },
        bundle.collectedAt,
      )
    : undefined;
  return evaluateToSets(bundle, catalog, {
    findCheck,
    toolVersion: 'test',
    catalogFileName: catalogFile,
    store: memoryStore(),
    ...(exceptions ? { exceptions } : {}),
  });
}
