import { guardDutyDetectors } from '../../bundle/evidence/guardduty.js';
import { defineCheck } from '../define-check.js';

/** GuardDuty is enabled in every region. */
export default defineCheck({
  id: 'guardduty-detector-enabled',
  title: 'Amazon GuardDuty is enabled in every region',
  description:
    'In every region in scope, ListDetectors must list a detector whose GetDetector shows Status ENABLED; a region with no detector, or only DISABLED ones, fails. A detector whose answer is missing or unreadable could be the enabled one, so without another it leaves the region not evaluated. The Config rule parameter CentralMonitoringAccount (check that findings go to a delegated administrator) is not offered: the bundle holds no GetAdministratorAccount answer.',
  scope: 'region',
  needs: { detectors: guardDutyDetectors },
  params: {},
  *run({ detectors }, ctx) {
    const resource = `${ctx.scope.account}/${ctx.scope.region}`;
    const enabled = detectors.find((d) => d.detail.ok && d.detail.value.status === 'ENABLED' && d.detail.value.problem === undefined);
    if (enabled?.detail.ok) {
      yield ctx.pass(resource, `GuardDuty detector ${enabled.id} is ENABLED in ${ctx.scope.region}`, [
        ...enabled.files,
        ...enabled.detail.files,
      ]);
      return;
    }
    const unknown = detectors.flatMap((d) => {
      if (!d.detail.ok) return [`detector ${d.id}: ${d.detail.reason}`];
      if (d.detail.value.problem) return [`detector ${d.id}: GetDetector ${d.detail.value.problem}`];
      if (d.detail.value.status === undefined) return [`detector ${d.id}: GetDetector gives no Status`];
      return [];
    });
    if (unknown.length > 0) {
      yield ctx.notEvaluated(resource, `no detector shown ENABLED in ${ctx.scope.region}, and ${unknown.join('; ')}`);
      return;
    }
    const cited = detectors.flatMap((d) => [...d.files, ...(d.detail.ok ? d.detail.files : [])]);
    const files = [...new Map(cited.map((f) => [f.path, f])).values()];
    const found =
      detectors.length === 0
        ? 'ListDetectors lists no GuardDuty detector'
        : detectors.map((d) => `detector ${d.id} is ${d.detail.ok ? (d.detail.value.status ?? '') : ''}`).join('; ');
    yield ctx.fail(
      resource,
      `${found} in ${ctx.scope.region} (required: a detector with Status ENABLED)`,
      files.length > 0 ? files : undefined,
    );
  },
});
