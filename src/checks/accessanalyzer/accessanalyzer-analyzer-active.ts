import { accessAnalyzers } from '../../bundle/evidence/accessanalyzer.js';
import { defineCheck } from '../define-check.js';

// Unused-access and internal-access analyzers do not look for external access.
const EXTERNAL_ACCESS_TYPES = ['ACCOUNT', 'ORGANIZATION'];

/** IAM Access Analyzer watches for external access in every region. */
export default defineCheck({
  id: 'accessanalyzer-analyzer-active',
  title: 'IAM Access Analyzer is enabled in every region',
  description:
    'In every region in scope, ListAnalyzers must show an analyzer of type ACCOUNT or ORGANIZATION with status ACTIVE; an analyzer whose type or status the answer omits could be that one, so without another ACTIVE one the region is not evaluated.',
  scope: 'region',
  needs: { analyzers: accessAnalyzers },
  params: {},
  *run({ analyzers }, ctx) {
    const resource = `${ctx.scope.account}/${ctx.scope.region}`;
    const readable = analyzers.filter((a) => a.problem === undefined);
    const external = readable.filter((a) => a.type !== undefined && EXTERNAL_ACCESS_TYPES.includes(a.type));
    const active = external.find((a) => a.status === 'ACTIVE');
    if (active) {
      yield ctx.pass(resource, `analyzer ${active.name} (${active.type ?? ''}) is ACTIVE in ${ctx.scope.region}`);
      return;
    }
    const unknown = analyzers.filter(
      (a) => a.problem !== undefined || (a.type === undefined && a.status !== 'DISABLED' && a.status !== 'FAILED') || (a.status === undefined && external.includes(a)),
    );
    if (unknown.length > 0) {
      const missing = unknown.map((a) => `analyzer ${a.name} ${a.problem ?? `has ${a.type === undefined ? 'no type' : 'no status'}`}`);
      yield ctx.notEvaluated(resource, `no ACTIVE ACCOUNT or ORGANIZATION analyzer shown in ${ctx.scope.region}, and ${missing.join('; ')} in the ListAnalyzers answer`);
      return;
    }
    const others = readable.filter((a) => !external.includes(a)).map((a) => `${a.name} (${a.type ?? 'no type'})`);
    const inactive = external.map((a) => `analyzer ${a.name} (${a.type ?? ''}) is ${a.status ?? 'of unknown status'}${a.statusReason ? ` (${a.statusReason})` : ''}`);
    const found =
      inactive.length > 0
        ? inactive.join('; ')
        : `no ACCOUNT or ORGANIZATION analyzer${others.length > 0 ? ` (only ${others.join(', ')})` : ''}`;
    yield ctx.fail(resource, `${found} in ${ctx.scope.region} (required: one ACTIVE)`);
  },
});
