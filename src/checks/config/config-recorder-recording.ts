import { configRecording, type ConfigRecorder, type ConfigRecording as ConfigRecordingValue } from '../../bundle/evidence/config.js';
import { isoDay } from '../../shared/time.js';
import { defineCheck } from '../define-check.js';

type Verdict = { kind: 'ok'; text: string } | { kind: 'fail' | 'unknown'; text: string };

/** AWS Config records every supported resource type, and delivers, in every region. */
export default defineCheck({
  id: 'config-recorder-recording',
  title: 'AWS Config records all resource types in every region',
  description:
    'In every region in scope, every customer-managed configuration recorder must record all supported resource types (recordingGroup allSupported true, no exclusions), be recording with last status SUCCESS, and deliver through a delivery channel with an S3 bucket; at least one recorder in the account must include global resource types.',
  scope: 'region',
  needs: { config: configRecording },
  params: {},
  *run({ config }, ctx) {
    const { region } = ctx.scope;
    const resource = `${ctx.scope.account}/${region}`;
    // Service-linked recorders record only what their AWS service needs, not the account's resources.
    const own = config.recorders.filter((r) => r.recorder.servicePrincipal === undefined);
    if (own.length === 0 && config.unreadableRecorders > 0) {
      yield ctx.notEvaluated(
        resource,
        `no readable configuration recorder in ${region}: ${config.unreadableRecorders} recorder record(s) could not be read`,
      );
      return;
    }
    if (own.length === 0) {
      yield ctx.fail(resource, `no configuration recorder in ${region} (required: one recording all supported resource types)`);
      return;
    }
    const verdicts: Verdict[] = [...own.map(judgeRecorder), judgeDelivery(config.deliveryChannels), judgeGlobal(config)];
    const failed = verdicts.filter((v) => v.kind === 'fail');
    const unknown = verdicts.filter((v) => v.kind === 'unknown');
    const text = (list: Verdict[]): string => `${list.map((v) => v.text).join('; ')} in ${region}`;
    if (failed.length > 0) yield ctx.fail(resource, text(failed));
    else if (unknown.length > 0) yield ctx.notEvaluated(resource, text(unknown));
    else yield ctx.pass(resource, text(verdicts));
  },
});

function judgeRecorder({ recorder, status, statusUnusable }: ConfigRecorder): Verdict {
  const name = `recorder ${recorder.name}`;
  const group = recorder.recordingGroup;
  if (!group) return { kind: 'unknown', text: `${name} lists no recordingGroup, so what it records is unknown` };
  const strategy = group.recordingStrategy?.useOnly;
  const excluded = group.exclusionByResourceTypes?.resourceTypes ?? [];
  if (group.allSupported !== true) {
    const only = group.resourceTypes ?? [];
    const how =
      strategy === 'EXCLUSION_BY_RESOURCE_TYPES'
        ? `excludes ${excluded.length} resource type${excluded.length === 1 ? '' : 's'}`
        : `records only ${only.length} resource type${only.length === 1 ? '' : 's'}${strategy ? ` (${strategy})` : ''}`;
    return { kind: 'fail', text: `${name} ${how} (allSupported ${String(group.allSupported ?? 'absent')}; required: allSupported true)` };
  }
  // AWS refuses these combinations; a recorder showing one is not evidence of anything.
  if (strategy !== undefined && strategy !== 'ALL_SUPPORTED_RESOURCE_TYPES')
    return { kind: 'unknown', text: `${name} says allSupported true but recordingStrategy ${strategy}, which contradicts it` };
  if (excluded.length > 0)
    return { kind: 'unknown', text: `${name} says allSupported true but excludes ${excluded.join(', ')}, which contradicts it` };
  if (statusUnusable) return { kind: 'unknown', text: `${name}'s status cannot be used (${statusUnusable})` };
  if (!status) return { kind: 'unknown', text: `${name} has no status in DescribeConfigurationRecorderStatus` };
  if (status.recording !== true) {
    const since = status.lastStopTime ? ` since ${isoDay(status.lastStopTime)}` : '';
    return { kind: 'fail', text: `${name} is not recording${since} (recording ${String(status.recording ?? 'absent')}; required: true)` };
  }
  const last = status.lastStatus;
  if (last === undefined) return { kind: 'unknown', text: `${name} is recording but lists no lastStatus` };
  // The service answers SUCCESS/FAILURE although the model spells Success/Failure.
  if (last.toUpperCase() !== 'SUCCESS') {
    const error = status.lastErrorCode ? `, ${status.lastErrorCode}` : '';
    return { kind: 'fail', text: `${name}'s last status is ${last}${error} (required: SUCCESS)` };
  }
  return { kind: 'ok', text: `${name} records all supported resource types and is recording (last status ${last})` };
}

function judgeDelivery(channels: ConfigRecordingValue['deliveryChannels']): Verdict {
  if (!channels.ok) return { kind: 'unknown', text: `delivery channels unknown: ${channels.reason}` };
  if (channels.value.length === 0) return { kind: 'fail', text: 'no delivery channel (required: one delivering to an S3 bucket)' };
  const delivering = channels.value.find((c) => c.s3BucketName);
  if (!delivering) return { kind: 'unknown', text: `delivery channel ${channels.value[0]?.name ?? '(unnamed)'} lists no s3BucketName` };
  return { kind: 'ok', text: `delivery channel ${delivering.name ?? '(unnamed)'} delivers to bucket ${delivering.s3BucketName}` };
}

function judgeGlobal({ globalRecorders, unavailableRegions, regionsOutsideScope }: ConfigRecordingValue): Verdict {
  const first = globalRecorders[0];
  if (first) return { kind: 'ok', text: `global resource types are recorded by recorder ${first.name} in ${first.region}` };
  const gaps = [
    ...unavailableRegions.map((r) => r.reason),
    ...(regionsOutsideScope === undefined
      ? ['the bundle does not show which other regions are enabled (ec2:DescribeRegions was not collected)']
      : regionsOutsideScope.length > 0
        ? [`enabled regions outside the scope were not collected (${regionsOutsideScope.join(', ')})`]
        : []),
  ];
  const none =
    'no recorder in the regions in scope includes global resource types (required: includeGlobalResourceTypes true in at least one region)';
  return gaps.length > 0
    ? { kind: 'unknown', text: `${none}, and a recorder elsewhere may: ${gaps.join('; ')}` }
    : { kind: 'fail', text: none };
}
