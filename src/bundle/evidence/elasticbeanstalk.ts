import type {
  ConfigurationSettingsDescriptions,
  EnvironmentDescription,
  EnvironmentDescriptionsMessage,
} from '@aws-sdk/client-elastic-beanstalk';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { afterCollection, listField, loadOptional, loadPages, mapRecords, type Wire } from './wire.js';

/** The configuration settings of an environment the checks read (`undefined`: not in the answer). */
export interface BeanstalkSettings {
  /** aws:elasticbeanstalk:healthreporting:system SystemType: `enhanced` or `basic`. */
  healthSystemType: string | undefined;
  /** aws:elasticbeanstalk:managedactions ManagedActionsEnabled. */
  managedActionsEnabled: boolean | undefined;
  /** aws:elasticbeanstalk:managedactions:platformupdate UpdateLevel: `minor` or `patch`. */
  updateLevel: string | undefined;
}

/** An Elastic Beanstalk environment with its configuration settings. */
export interface BeanstalkEnvironment {
  name: string;
  arn: string;
  application: string;
  status: string | undefined;
  /** From DescribeConfigurationSettings; `deleted` when AWS answered that the environment no longer exists. */
  settings: Evidence<BeanstalkSettings | 'deleted'>;
}

/**
 * `elasticbeanstalk:DescribeEnvironments` (IncludeDeleted false, every page) of one region, typed
 * per environment, with `elasticbeanstalk:DescribeConfigurationSettings` of each, found by its
 * EnvironmentName. An environment without ApplicationName or EnvironmentName, or created after
 * collection ended, is set aside as unusable; terminated environments are left out.
 */
export const beanstalkEnvironments = defineEvidence<BeanstalkEnvironment[]>({
  name: 'Elastic Beanstalk environments',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = {
      account,
      region,
      service: 'elasticbeanstalk',
      operation: 'DescribeEnvironments',
      parameters: { IncludeDeleted: false },
    };
    const where = `DescribeEnvironments of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<EnvironmentDescriptionsMessage>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'Environments')),
      where,
      (env: Wire<EnvironmentDescription>, index) => {
        const name = text(env.EnvironmentName);
        const application = text(env.ApplicationName);
        if (!name || !application)
          throw new UnusableRecordError(
            text(env.EnvironmentArn) ?? `${where}, environment ${index + 1}`,
            'lacks EnvironmentName or ApplicationName',
          );
        const arn = text(env.EnvironmentArn) ?? `arn:aws:elasticbeanstalk:${region}:${account}:environment/${application}/${name}`;
        const late = afterCollection(env.DateCreated, 'DateCreated', bundle.collectedAt);
        if (late) throw new UnusableRecordError(arn, late);
        return { name, arn, application, status: text(env.Status) };
      },
    );
    if (!listed.ok) return listed;
    const value = await Promise.all(
      listed.value
        .filter((env) => env.status !== 'Terminated')
        .map(async (env): Promise<BeanstalkEnvironment> => {
          const settingsKey: CallKey = {
            account,
            region,
            service: 'elasticbeanstalk',
            operation: 'DescribeConfigurationSettings',
            parameters: { EnvironmentName: env.name },
          };
          const loaded = await loadOptional<ConfigurationSettingsDescriptions>(bundle, settingsKey);
          if (!loaded.ok) return { ...env, settings: loaded };
          if (loaded.value === undefined) return { ...env, settings: { ok: true, value: 'deleted', files: loaded.files } };
          try {
            return { ...env, settings: { ok: true, value: readSettings(loaded.value, env.name), files: loaded.files } };
          } catch (error) {
            return {
              ...env,
              settings: {
                ok: false,
                reason: `elasticbeanstalk:DescribeConfigurationSettings of ${env.name} could not be read: ${messageOf(error)}`,
                errors: [],
              },
            };
          }
        }),
    );
    return { ...listed, value };
  },
});

function readSettings(answer: Wire<ConfigurationSettingsDescriptions>, environment: string): BeanstalkSettings {
  const descriptions = listField(answer, 'ConfigurationSettings');
  const mine = descriptions.find((d) => (d as { EnvironmentName?: unknown } | null)?.EnvironmentName === environment) ?? descriptions[0];
  if (typeof mine !== 'object' || mine === null) throw new Error('the answer holds no ConfigurationSettings');
  const option = (namespace: string, name: string): string | undefined => {
    for (const setting of listField(mine, 'OptionSettings') as unknown[]) {
      const s = (setting ?? {}) as { Namespace?: unknown; OptionName?: unknown; Value?: unknown };
      if (s.Namespace === namespace && s.OptionName === name) return typeof s.Value === 'string' ? s.Value : undefined;
    }
    return undefined;
  };
  const enabled = option('aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled')?.toLowerCase();
  return {
    healthSystemType: option('aws:elasticbeanstalk:healthreporting:system', 'SystemType'),
    managedActionsEnabled: enabled === 'true' ? true : enabled === 'false' ? false : undefined,
    updateLevel: option('aws:elasticbeanstalk:managedactions:platformupdate', 'UpdateLevel'),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
