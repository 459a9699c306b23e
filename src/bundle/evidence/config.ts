import type {
  ConfigurationRecorder,
  ConfigurationRecorderStatus,
  DescribeConfigurationRecordersResponse,
  DescribeConfigurationRecorderStatusResponse,
} from '@aws-sdk/client-config-service';
import { defineEvidence } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { loadPages, reviveDates } from './wire.js';

/** A configuration recorder with its status (matched by name); `status` is undefined when AWS listed none for it. */
export interface ConfigRecorder {
  recorder: ConfigurationRecorder;
  status: ConfigurationRecorderStatus | undefined;
}

/** `config:DescribeConfigurationRecorders` and `DescribeConfigurationRecorderStatus` of one region; both are needed. */
export const configRecorders = defineEvidence<ConfigRecorder[]>({
  name: 'AWS Config recorders',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key = (operation: string): CallKey => ({ account, region, service: 'config', operation });
    const recorders = await loadPages<DescribeConfigurationRecordersResponse>(bundle, key('DescribeConfigurationRecorders'));
    if (!recorders.ok) return recorders;
    const statuses = await loadPages<DescribeConfigurationRecorderStatusResponse>(bundle, key('DescribeConfigurationRecorderStatus'));
    if (!statuses.ok) return statuses;
    const byName = new Map(
      statuses.value
        .flatMap((page) => page.ConfigurationRecordersStatus ?? [])
        .map((wire) => reviveDates<ConfigurationRecorderStatus>(wire, ['lastStartTime', 'lastStopTime', 'lastStatusChangeTime'], `DescribeConfigurationRecorderStatus in ${account}/${region}`))
        .map((status) => [status.name, status]),
    );
    const value = recorders.value.flatMap((page) => page.ConfigurationRecorders ?? []).map((recorder) => ({ recorder, status: byName.get(recorder.name) }));
    return { ok: true, value, files: [...recorders.files, ...statuses.files] };
  },
});
