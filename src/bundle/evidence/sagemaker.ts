import type {
  DescribeEndpointConfigOutput,
  DescribeNotebookInstanceOutput,
  ListEndpointConfigsOutput,
  ListNotebookInstancesOutput,
} from '@aws-sdk/client-sagemaker';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle } from '../read-bundle.js';
import { afterCollection, callWhere, listField, loadPages, mapRecords } from './wire.js';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function partition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * A KMS key setting: `none` when AWS leaves KmsKeyId out (no key of the customer's: SageMaker
 * uses an AWS managed key), the key id, ARN or alias as stored, or `unreadable` when the field holds
 * something other than text.
 */
export type SagemakerKmsKey = { kind: 'none' } | { kind: 'key'; id: string } | { kind: 'unreadable'; text: string };

function kmsKeyOf(value: unknown): SagemakerKmsKey {
  if (value === undefined || value === null || value === '') return { kind: 'none' };
  return typeof value === 'string' ? { kind: 'key', id: value } : { kind: 'unreadable', text: JSON.stringify(value).slice(0, 40) };
}

/** What DescribeNotebookInstance says of a notebook instance. */
export interface NotebookSettings {
  kmsKey: SagemakerKmsKey;
  /** `Enabled` or `Disabled`; `undefined` when missing or not text (unknown, never either). */
  directInternetAccess: string | undefined;
  subnetId: string | undefined;
}

/** A SageMaker notebook instance with its own DescribeNotebookInstance answer. */
export interface SagemakerNotebook {
  name: string;
  arn: string;
  /** Pending, InService, Stopping, Stopped, Failed, Deleting, Updating; from the listing. */
  status: string | undefined;
  settings: Evidence<NotebookSettings>;
}

/** A SageMaker endpoint configuration with its own DescribeEndpointConfig answer. */
export interface SagemakerEndpointConfig {
  name: string;
  arn: string;
  settings: Evidence<{ kmsKey: SagemakerKmsKey }>;
}

/**
 * `sagemaker:ListNotebookInstances` of one region (every page), typed per notebook instance, with
 * `sagemaker:DescribeNotebookInstance` of each; one without a name, or created after collection
 * ended, is unusable.
 */
export const sagemakerNotebooks = defineEvidence<SagemakerNotebook[]>({
  name: 'SageMaker notebook instances',
  scope: 'region',
  async load(bundle, { account, region }) {
    const where = `ListNotebookInstances of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<ListNotebookInstancesOutput>(bundle, { account, region, service: 'sagemaker', operation: 'ListNotebookInstances' }),
      (pages) => pages.flatMap((page) => listField(page, 'NotebookInstances')),
      where,
      (nb, index) => {
        const { name, arn } = identify(
          nb.NotebookInstanceName,
          nb.NotebookInstanceArn,
          'notebook-instance',
          'NotebookInstanceName',
          `${where}, notebook instance ${index + 1}`,
          account,
          region,
        );
        const reason = afterCollection(nb.CreationTime, 'CreationTime', bundle.collectedAt);
        if (reason) throw new UnusableRecordError(arn, reason);
        return { name, arn, status: text(nb.NotebookInstanceStatus) };
      },
    );
    if (!listed.ok) return listed;
    const value = await Promise.all(
      listed.value.map(async (nb): Promise<SagemakerNotebook> => ({
        ...nb,
        settings: await describe<DescribeNotebookInstanceOutput, NotebookSettings>(
          bundle,
          { account, region, service: 'sagemaker', operation: 'DescribeNotebookInstance' },
          'NotebookInstanceName',
          nb.name,
          (answer) => {
            if (answer.NotebookInstanceName !== nb.name && answer.NotebookInstanceArn !== nb.arn)
              throw new Error(`the answer names neither ${nb.name} nor its ARN`);
            return {
              kmsKey: kmsKeyOf(answer.KmsKeyId),
              directInternetAccess: text(answer.DirectInternetAccess),
              subnetId: text(answer.SubnetId),
            };
          },
        ),
      })),
    );
    return { ...listed, value };
  },
});

/**
 * `sagemaker:ListEndpointConfigs` of one region (every page), typed per endpoint configuration,
 * with `sagemaker:DescribeEndpointConfig` of each; one without a name, or created after collection
 * ended, is unusable.
 */
export const sagemakerEndpointConfigs = defineEvidence<SagemakerEndpointConfig[]>({
  name: 'SageMaker endpoint configurations',
  scope: 'region',
  async load(bundle, { account, region }) {
    const where = `ListEndpointConfigs of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<ListEndpointConfigsOutput>(bundle, { account, region, service: 'sagemaker', operation: 'ListEndpointConfigs' }),
      (pages) => pages.flatMap((page) => listField(page, 'EndpointConfigs')),
      where,
      (config, index) => {
        const { name, arn } = identify(
          config.EndpointConfigName,
          config.EndpointConfigArn,
          'endpoint-config',
          'EndpointConfigName',
          `${where}, endpoint configuration ${index + 1}`,
          account,
          region,
        );
        const reason = afterCollection(config.CreationTime, 'CreationTime', bundle.collectedAt);
        if (reason) throw new UnusableRecordError(arn, reason);
        return { name, arn };
      },
    );
    if (!listed.ok) return listed;
    const value = await Promise.all(
      listed.value.map(async (config): Promise<SagemakerEndpointConfig> => ({
        ...config,
        settings: await describe<DescribeEndpointConfigOutput, { kmsKey: SagemakerKmsKey }>(
          bundle,
          { account, region, service: 'sagemaker', operation: 'DescribeEndpointConfig' },
          'EndpointConfigName',
          config.name,
          (answer) => {
            if (answer.EndpointConfigName !== config.name && answer.EndpointConfigArn !== config.arn)
              throw new Error(`the answer names neither ${config.name} nor its ARN`);
            return { kmsKey: kmsKeyOf(answer.KmsKeyId) };
          },
        ),
      })),
    );
    return { ...listed, value };
  },
});

/** One resource's Describe* answer, typed; a failed, absent or unreadable answer is unavailable for that resource alone. */
async function describe<R, T>(
  bundle: EvidenceBundle,
  operation: Omit<CallKey, 'parameters'>,
  parameter: string,
  name: string,
  type: (answer: Partial<Record<keyof R, unknown>>) => T,
): Promise<Evidence<T>> {
  const loaded = await loadPages<R>(bundle, callWhere(bundle, operation, parameter, [name]));
  if (!loaded.ok) return loaded;
  try {
    const answer = loaded.value[0];
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) throw new Error('the answer is not an object');
    return { ok: true, value: type(answer), files: loaded.files };
  } catch (error) {
    return { ok: false, reason: `sagemaker:${operation.operation} of ${name} could not be read: ${messageOf(error)}`, errors: [] };
  }
}

/** The name (from the ARN when missing) and ARN (derived when missing) of a SageMaker resource. */
function identify(
  rawName: unknown,
  rawArn: unknown,
  arnType: string,
  nameField: string,
  where: string,
  account: string,
  region: string,
): { name: string; arn: string } {
  const arn = text(rawArn);
  const arnName = arn === undefined ? undefined : new RegExp(`^arn:[^:]+:sagemaker:[^:]*:[^:]*:${arnType}/(.+)$`).exec(arn)?.[1];
  const name = text(rawName) ?? arnName;
  if (!name) throw new UnusableRecordError(where, `lacks ${nameField} (and no ARN names it)`);
  return { name, arn: arn ?? `arn:${partition(region)}:sagemaker:${region}:${account}:${arnType}/${name.toLowerCase()}` };
}
