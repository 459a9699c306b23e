import { describe, expect, it } from 'vitest';
import { attestationsForVersion, type Attestation } from '../../src/attest/attestations.js';
import { loadCrosswalk } from '../../src/catalog/crosswalk.js';

const v5: Attestation = {
  framework: 'cis-aws-foundations',
  version: '5.0.0',
  requirement: '1.1',
  result: 'pass',
  attestedBy: 'Dana Smith',
  role: 'CISO',
  date: '2026-09-01',
  expires: '2027-09-01',
  justification: 'Contacts reviewed.',
  evidence: [],
  line: 3,
};

describe('bundle attestations seen by another version of the catalog', () => {
  it('maps a v5.0.0 attestation to the v7.0.0 requirement the crosswalk pairs it with, saying so', async () => {
    const crosswalk = await loadCrosswalk('controls/crosswalk-cis-aws-foundations.yaml');
    const [mapped] = attestationsForVersion([v5], { framework: 'cis-aws-foundations', version: '7.0.0' }, crosswalk);
    expect(mapped).toMatchObject({ version: '7.0.0', requirement: crosswalk.map('5.0.0', '1.1', '7.0.0'), result: 'pass', line: 3 });
    expect(mapped?.justification).toBe('Attested for 5.0.0 requirement 1.1, mapped by the crosswalk: Contacts reviewed.');
  });

  it('leaves alone what it cannot map: same version, other frameworks, dropped requirements, no crosswalk', async () => {
    const crosswalk = await loadCrosswalk('controls/crosswalk-cis-aws-foundations.yaml');
    const dropped = { ...v5, requirement: '1.10' }; // dropped in v7.0.0
    const other = { ...v5, framework: 'nist-800-53' };
    const target = { framework: 'cis-aws-foundations', version: '7.0.0' };
    expect(attestationsForVersion([dropped, other], target, crosswalk)).toEqual([dropped, other]);
    expect(attestationsForVersion([v5], { ...target, version: '5.0.0' }, crosswalk)).toEqual([v5]);
    expect(attestationsForVersion([v5], target, undefined)).toEqual([v5]);
  });
});
