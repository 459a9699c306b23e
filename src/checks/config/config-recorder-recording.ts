import { configRecorders } from '../../bundle/evidence/config.js';
import { isoDay } from '../../shared/time.js';
import { defineCheck } from '../define-check.js';

/** An AWS Config recorder is recording in every region. */
export default defineCheck({
  id: 'config-recorder-recording',
  title: 'AWS Config is recording in every region',
  description:
    'In every region in scope, a customer-managed configuration recorder must exist whose status is recording and whose last status is not a failure.',
  scope: 'region',
  needs: { recorders: configRecorders },
  params: {},
  *run({ recorders }, ctx) {
    const resource = `${ctx.scope.account}/${ctx.scope.region}`;
    // Service-linked recorders record only what their AWS service needs, not the account's resources.
    const own = recorders.filter((r) => r.recorder.servicePrincipal === undefined);
    if (own.length === 0) {
      yield ctx.fail(resource, `no configuration recorder in ${ctx.scope.region}`);
      return;
    }
    const states = own.map(({ recorder, status }) => {
      const name = `recorder ${recorder.name ?? '?'}`;
      if (!status) return { ok: false, text: `${name} has no status` };
      const last = status.lastStatus ?? 'unknown';
      // The service answers SUCCESS/FAILURE although the model spells Success/Failure.
      if (last.toUpperCase() === 'FAILURE')
        return { ok: false, text: `${name}'s last status is ${last} (${status.lastErrorCode ?? 'no error code'})` };
      if (status.recording !== true) {
        const since = status.lastStopTime ? ` since ${isoDay(status.lastStopTime)}` : '';
        return { ok: false, text: `${name} is not recording${since}` };
      }
      return { ok: true, text: `${name} is recording (last status ${last})` };
    });
    const good = states.find((s) => s.ok);
    yield good
      ? ctx.pass(resource, `${good.text} in ${ctx.scope.region}`)
      : ctx.fail(resource, `${states.map((s) => s.text).join('; ')} in ${ctx.scope.region}`);
  },
});
