import { accessAnalyzers } from '../../bundle/evidence/accessanalyzer.js';
import { defineCheck } from '../define-check.js';

// Unused-access and internal-access analyzers do not look for external access.
const EXTERNAL_ACCESS_TYPES = ['ACCOUNT', 'ORGANIZATION'];

/** IAM Access Analyzer watches for external access in every region. */
export default defineCheck({
  id: 'accessanalyzer-analyzer-active',
  title: 'IAM Access Analyzer is enabled in every region',
  description: 'In every region in scope, ListAnalyzers must show an analyzer of type ACCOUNT or ORGANIZATION with status ACTIVE.',
  scope: 'region',
  needs: { analyzers: accessAnalyzers },
  params: {},
  *run({ analyzers }, ctx) {
    const resource = `${ctx.scope.account}/${ctx.scope.region}`;
    const external = analyzers.filter((a) => EXTERNAL_ACCESS_TYPES.includes(a.type));
    const active = external.find((a) => a.status === 'ACTIVE');
    if (active) {
      yield ctx.pass(resource, `analyzer ${active.name} (${active.type}) is ACTIVE in ${ctx.scope.region}`);
      return;
    }
    const others = analyzers.filter((a) => !EXTERNAL_ACCESS_TYPES.includes(a.type)).map((a) => `${a.name} (${a.type})`);
    const inactive = external.map((a) => `analyzer ${a.name} (${a.type}) is ${a.status}${a.statusReason ? ` (${a.statusReason})` : ''}`);
    const found =
      inactive.length > 0
        ? inactive.join('; ')
        : `no ACCOUNT or ORGANIZATION analyzer${others.length > 0 ? ` (only ${others.join(', ')})` : ''}`;
    yield ctx.fail(resource, `${found} in ${ctx.scope.region} (required: one ACTIVE)`);
  },
});
