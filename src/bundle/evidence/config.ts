import type {
  ConfigRule,
  DescribeConfigRulesResponse,
  EvaluationResult,
  GetComplianceDetailsByConfigRuleResponse,
  ConfigurationRecorder,
  ConfigurationRecorderStatus,
  DescribeConfigurationRecordersResponse,
  DescribeConfigurationRecorderStatusResponse,
} from '@aws-sdk/client-config-service';
import { defineEvidence, type Evidence } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { callWhere, loadPages, mapEvidence, reviveDates, type Wire } from './wire.js';

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

/** One deployed AWS Config rule with the per-resource results it recorded (or why they are missing). */
export interface ConfigRuleEvaluations {
  rule: Wire<ConfigRule>;
  results: Evidence<Wire<EvaluationResult>[]>;
}

/** The Config rules of one region (`DescribeConfigRules`), each with `GetComplianceDetailsByConfigRule`. */
export const configRules = defineEvidence<ConfigRuleEvaluations[]>({
  name: 'AWS Config rules and their evaluations',
  scope: 'region',
  async load(bundle, { account, region }) {
    const rules = await loadPages<DescribeConfigRulesResponse>(bundle, { account, region, service: 'config', operation: 'DescribeConfigRules' });
    if (!rules.ok) return rules;
    const value: ConfigRuleEvaluations[] = [];
    for (const rule of rules.value.flatMap((page) => page.ConfigRules ?? [])) {
      const name = rule.ConfigRuleName ?? '';
      const key = callWhere(bundle, { account, region, service: 'config', operation: 'GetComplianceDetailsByConfigRule' }, 'ConfigRuleName', [name]);
      const details = await loadPages<GetComplianceDetailsByConfigRuleResponse>(bundle, key);
      value.push({ rule, results: mapEvidence(details, (pages) => pages.flatMap((page) => page.EvaluationResults ?? [])) });
    }
    return { ok: true, value, files: rules.files };
  },
});
