import { regionAlarms } from '../../bundle/evidence/cloudwatch.js';
import { defineCheck } from '../define-check.js';

/** Every metric alarm has an action for each state the catalog requires. */
export default defineCheck({
  id: 'cloudwatch-alarm-actions-configured',
  title: 'CloudWatch alarms have actions for the required states',
  description:
    "For every metric alarm in the region's DescribeAlarms answer (the collector asks without AlarmTypes, so composite alarms are not in the bundle and not checked), AlarmActions must list at least one action when alarmActionRequired, InsufficientDataActions when insufficientDataActionRequired, and OKActions when okActionRequired. As in the Config rule, ActionsEnabled does not decide (a pass names it when false), and the rule's action1–action5 parameters (actions must match given ARNs) are not offered.",
  scope: 'region',
  needs: { alarms: regionAlarms },
  params: {
    alarmActionRequired: {
      type: 'boolean',
      description: 'An action for the ALARM state is required (the rule parameter alarmActionRequired).',
    },
    insufficientDataActionRequired: {
      type: 'boolean',
      description: 'An action for the INSUFFICIENT_DATA state is required (the rule parameter insufficientDataActionRequired).',
    },
    okActionRequired: { type: 'boolean', description: 'An action for the OK state is required (the rule parameter okActionRequired).' },
  },
  *run({ alarms }, ctx) {
    const required = [
      { state: 'ALARM', field: 'AlarmActions', param: 'alarmActionRequired', on: ctx.params.alarmActionRequired, list: 'alarmActions' },
      {
        state: 'INSUFFICIENT_DATA',
        field: 'InsufficientDataActions',
        param: 'insufficientDataActionRequired',
        on: ctx.params.insufficientDataActionRequired,
        list: 'insufficientDataActions',
      },
      { state: 'OK', field: 'OKActions', param: 'okActionRequired', on: ctx.params.okActionRequired, list: 'okActions' },
    ] as const;
    for (const alarm of alarms) {
      const name = `alarm ${alarm.name}`;
      const missing = required.filter((r) => r.on && alarm[r.list].length === 0);
      if (missing.length > 0) {
        const what = missing.map((r) => `no ${r.state} action (${r.field} empty; required by ${r.param} true)`).join(', ');
        yield ctx.fail(alarm.arn, `${name} has ${what}`);
        continue;
      }
      const have = required
        .filter((r) => r.on)
        .map((r) => `${alarm[r.list].length} ${r.state} action${alarm[r.list].length === 1 ? '' : 's'}`);
      const disabled = alarm.actionsEnabled ? '' : ' (ActionsEnabled false: the actions do not run)';
      yield ctx.pass(alarm.arn, `${name} has ${have.length > 0 ? have.join(', ') : 'no state whose action is required'}${disabled}`);
    }
  },
});
