import type {
  ConfigRule,
  DeliveryChannel,
  DescribeConfigRulesResponse,
  DescribeDeliveryChannelsResponse,
  EvaluationResult,
  GetComplianceDetailsByConfigRuleResponse,
  ConfigurationRecorder,
  ConfigurationRecorderStatus,
  DescribeConfigurationRecordersResponse,
  DescribeConfigurationRecorderStatusResponse,
} from '@aws-sdk/client-config-service';
import type { DescribeRegionsResult } from '@aws-sdk/client-ec2';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle } from '../read-bundle.js';
import { callWhere, loadPages, mapEvidence, mapRecords, reviveDates, type Wire, listField } from './wire.js';

/** A configuration recorder as DescribeConfigurationRecorders lists it, its name derived from its ARN where AWS left it out. */
export type Recorder = Wire<ConfigurationRecorder> & { name: string };

/** A configuration recorder with its status (matched by name, else ARN). */
export interface ConfigRecorder {
  recorder: Recorder;
  /** Undefined when AWS listed no status for it, or when the status is unusable (see `statusUnusable`). */
  status: ConfigurationRecorderStatus | undefined;
  /** Why the listed status cannot be used: an unreadable time, or a time after the collection ended. */
  statusUnusable?: string;
}

const RECORDER_ARN = /:configuration-recorder\/([^/]+)(?:\/|$)/;
const STATUS_TIMES = ['lastStartTime', 'lastStopTime', 'lastStatusChangeTime'] as const;

/** `config:DescribeConfigurationRecorders` and `DescribeConfigurationRecorderStatus` of one region; both are needed. */
export const configRecorders = defineEvidence<ConfigRecorder[]>({
  name: 'AWS Config recorders',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key = (operation: string): CallKey => ({ account, region, service: 'config', operation });
    const where = `config:DescribeConfigurationRecorders of ${account}/${region}`;
    const recorders = mapRecords(
      await loadPages<DescribeConfigurationRecordersResponse>(bundle, key('DescribeConfigurationRecorders')),
      (pages) => pages.flatMap((p) => listField(p, 'ConfigurationRecorders')),
      where,
      (recorder, index): Recorder => {
        const name = recorder.name ?? (recorder.arn ? RECORDER_ARN.exec(recorder.arn)?.[1] : undefined);
        if (!name)
          throw new UnusableRecordError(
            recorder.arn ?? `${where}, recorder ${index + 1}`,
            'the recorder lacks name and an ARN to derive it from',
          );
        return { ...recorder, name };
      },
    );
    if (!recorders.ok) return recorders;
    const statuses = await loadPages<DescribeConfigurationRecorderStatusResponse>(bundle, key('DescribeConfigurationRecorderStatus'));
    if (!statuses.ok) return statuses;
    const listed = statuses.value.flatMap((page) => listField(page, 'ConfigurationRecordersStatus'));
    const warnings: string[] = [];
    const value = recorders.value.map((recorder): ConfigRecorder => {
      const wire = listed.find((s) => (s.name ?? (s.arn ? RECORDER_ARN.exec(s.arn)?.[1] : undefined)) === recorder.name);
      if (!wire) return { recorder, status: undefined };
      const statusWhere = `DescribeConfigurationRecorderStatus of recorder ${recorder.name} in ${account}/${region}`;
      try {
        const status = reviveDates<ConfigurationRecorderStatus>(wire, STATUS_TIMES, statusWhere);
        for (const field of STATUS_TIMES) {
          const time = status[field];
          if (time && time.getTime() > bundle.collectedAt.getTime()) {
            const problem = `${statusWhere}: ${field} ${time.toISOString()} is later than the collection (${bundle.collectedAt.toISOString()}); the status contradicts itself and no verdict rests on it`;
            warnings.push(problem);
            return { recorder, status: undefined, statusUnusable: problem };
          }
        }
        return { recorder, status };
      } catch (error) {
        return { recorder, status: undefined, statusUnusable: error instanceof Error ? error.message : String(error) };
      }
    });
    return {
      ok: true,
      value,
      files: [...recorders.files, ...statuses.files],
      ...(recorders.unusable && recorders.unusable.length > 0 ? { unusable: recorders.unusable } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  },
});

/** What AWS Config's "enabled in all regions" needs of one region, with what it needs of the others. */
export interface ConfigRecording {
  /** This region's recorders with their statuses. */
  recorders: ConfigRecorder[];
  /** How many of this region's recorder records could not be read (each is also an unusable record). */
  unreadableRecorders: number;
  /** `config:DescribeDeliveryChannels` of this region. */
  deliveryChannels: Evidence<Wire<DeliveryChannel>[]>;
  /** Customer-managed recorders that include global resource types, in any region of the bundle's scope. */
  globalRecorders: { region: string; name: string }[];
  /** Regions in scope whose recorders are unavailable: a recorder of global resource types may be there. */
  unavailableRegions: { region: string; reason: string }[];
  /** Regions the account has enabled (ec2:DescribeRegions) outside the bundle's scope; undefined when the bundle does not say. */
  regionsOutsideScope: string[] | undefined;
}

/** Recorders (see {@link configRecorders}) and delivery channels of one region, and the global resource recording of the account. */
export const configRecording = defineEvidence<ConfigRecording>({
  name: 'AWS Config recorders and delivery channels',
  scope: 'region',
  async load(bundle, scope) {
    const here = await configRecorders.load(bundle, scope);
    if (!here.ok) return here;
    const deliveryChannels = mapEvidence(
      await loadPages<DescribeDeliveryChannelsResponse>(bundle, {
        account: scope.account,
        region: scope.region,
        service: 'config',
        operation: 'DescribeDeliveryChannels',
      }),
      (pages) => pages.flatMap((p) => listField(p, 'DeliveryChannels')),
    );
    const globalRecorders: ConfigRecording['globalRecorders'] = [];
    const unavailableRegions: ConfigRecording['unavailableRegions'] = [];
    for (const region of bundle.manifest.scope.regions) {
      const listed = region === scope.region ? here : await configRecorders.load(bundle, { account: scope.account, region });
      if (!listed.ok) {
        unavailableRegions.push({ region, reason: listed.reason });
        continue;
      }
      for (const { recorder } of listed.value) {
        if (recorder.servicePrincipal === undefined && recorder.recordingGroup?.includeGlobalResourceTypes === true)
          globalRecorders.push({ region, name: recorder.name });
      }
    }
    return {
      ...here,
      files: [...here.files, ...(deliveryChannels.ok ? deliveryChannels.files : [])],
      value: {
        recorders: here.value,
        unreadableRecorders: here.unusable?.length ?? 0,
        deliveryChannels,
        globalRecorders,
        unavailableRegions,
        regionsOutsideScope: await regionsOutsideScope(bundle, scope.account),
      },
    };
  },
});

/** Enabled regions (ec2:DescribeRegions, opted-in or opt-in not required) that the bundle's scope leaves out. */
async function regionsOutsideScope(bundle: EvidenceBundle, account: string): Promise<string[] | undefined> {
  const loaded = await loadPages<DescribeRegionsResult>(bundle, {
    account,
    region: 'global',
    service: 'ec2',
    operation: 'DescribeRegions',
  });
  if (!loaded.ok) return undefined;
  const inScope = new Set(bundle.manifest.scope.regions);
  const enabled = loaded.value.flatMap((p) => listField(p, 'Regions')).filter((r) => r.OptInStatus !== 'not-opted-in');
  return [...new Set(enabled.flatMap((r) => (r.RegionName && !inScope.has(r.RegionName) ? [r.RegionName] : [])))].sort();
}

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
    const rules = await loadPages<DescribeConfigRulesResponse>(bundle, {
      account,
      region,
      service: 'config',
      operation: 'DescribeConfigRules',
    });
    if (!rules.ok) return rules;
    const value: ConfigRuleEvaluations[] = [];
    for (const rule of rules.value.flatMap((page) => listField(page, 'ConfigRules'))) {
      const name = rule.ConfigRuleName ?? '';
      const key = callWhere(
        bundle,
        { account, region, service: 'config', operation: 'GetComplianceDetailsByConfigRule' },
        'ConfigRuleName',
        [name],
      );
      const details = await loadPages<GetComplianceDetailsByConfigRuleResponse>(bundle, key);
      value.push({ rule, results: mapEvidence(details, (pages) => pages.flatMap((page) => listField(page, 'EvaluationResults'))) });
    }
    return { ok: true, value, files: rules.files };
  },
});
