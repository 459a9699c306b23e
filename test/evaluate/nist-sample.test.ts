import { describe, expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/read-bundle.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { CONFIG_RULE_CHECK } from '../../src/checks/config/config-rule-compliant.js';
import { checks, findCheck } from '../../src/checks/registry.js';
import { evaluate } from '../../src/evaluate/evaluate.js';

const SAMPLE = new URL('../../evidence/sample/', import.meta.url).pathname;
const CATALOG = new URL('../../controls/nist-800-53-rev5.yaml', import.meta.url).pathname;

describe('NIST SP 800-53 rev5 on the sample evidence', () => {
  it('decides the automated controls from our own checks, and suggests an outcome beside every manual control with evidence', async () => {
    const catalog = await loadCatalog(
      CATALOG,
      findCheck,
      checks.map((c) => c.id),
    );
    const results = await evaluate(await openBundle(SAMPLE), catalog, {
      findCheck,
      toolVersion: 't',
      catalogFileName: 'nist-800-53-rev5.yaml',
    });
    const automated = results.requirements.filter((r) => r.assessment === 'automated');
    expect(automated.map((r) => r.id).sort()).toEqual(['AC-17(2)', 'IA-2(1)', 'IA-2(2)', 'SC-28(1)', 'SC-8(1)']);
    // The sample's story has a failing resource behind each of them, and no evidence is missing.
    expect(Object.fromEntries(automated.map((r) => [r.id, r.status]))).toEqual({
      'AC-17(2)': 'FAIL',
      'IA-2(1)': 'FAIL',
      'IA-2(2)': 'FAIL',
      'SC-28(1)': 'FAIL',
      'SC-8(1)': 'FAIL',
    });
    const services = (id: string) =>
      new Set(
        results.requirements
          .find((r) => r.id === id)
          ?.checks.filter((c) => c.check !== CONFIG_RULE_CHECK)
          .flatMap((c) => c.findings.map((f) => f.resource.split(':')[2])),
      );
    expect([...services('SC-28(1)')].sort()).toEqual(
      expect.arrayContaining([
        'codebuild',
        'dynamodb',
        'ec2',
        'elasticfilesystem',
        'es',
        'kinesis',
        'rds',
        'redshift',
        's3',
        'sagemaker',
        'secretsmanager',
        'sns',
      ]),
    );
    expect([...services('SC-8(1)')].sort()).toEqual(expect.arrayContaining(['apigateway', 'elasticloadbalancing', 'es', 'redshift', 's3']));
    // Every finding of an automated control names the resource and comes with evidence.
    for (const r of automated)
      for (const c of r.checks.filter((x) => x.check !== CONFIG_RULE_CHECK))
        for (const f of c.findings)
          expect(f.status === 'NOT_EVALUATED' || f.evidence.length > 0, `${r.id} ${c.check} ${f.resource}`).toBe(true);
    const manualWithChecks = results.requirements.filter((r) => r.assessment === 'manual' && r.checks.length > 0);
    expect(manualWithChecks.length).toBeGreaterThan(70);
    for (const r of manualWithChecks) expect(r.suggestedStatus, r.id).toBeDefined();
    expect(manualWithChecks.every((r) => r.status === 'MANUAL')).toBe(true);
  });
});
