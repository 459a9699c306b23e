import type { MethodSetting, RestApi, RestApis, Stage, Stages } from '@aws-sdk/client-api-gateway';
import { defineEvidence, typeRecords, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle } from '../read-bundle.js';
import { afterCollection, callWhere, listField, loadOptional, loadPages, mapRecords, type Wire } from './wire.js';

/** The settings of one method of a stage (or of all: key `*` + `/` + `*`) that checks read. */
export interface StageMethodSetting {
  /** OFF, ERROR or INFO; `undefined` when the answer omits it. */
  loggingLevel: string | undefined;
  cachingEnabled: boolean | undefined;
  cacheDataEncrypted: boolean | undefined;
}

/** A stage of an API Gateway REST API. */
export interface ApiStage {
  apiId: string;
  apiName: string | undefined;
  name: string;
  /** arn:aws:apigateway:<region>::/restapis/<api id>/stages/<stage name> */
  arn: string;
  /** The AWS WAF web ACL associated with the stage; `undefined` when there is none. */
  webAclArn: string | undefined;
  /** The client certificate API Gateway presents to the backend; `undefined` when there is none. */
  clientCertificateId: string | undefined;
  /** `undefined` when the answer omits it or holds something else: unknown. */
  cacheClusterEnabled: boolean | undefined;
  /**
   * Method settings by `resourcePath/httpMethod` (the key of all methods is `*` + `/` + `*`); `{}` when
   * AWS leaves the map out (no method settings); `undefined` when the map is malformed.
   */
  methodSettings: Record<string, StageMethodSetting> | undefined;
}

/** An API Gateway REST API with its stages, each from the API's own GetStages call. */
export interface RestApiStages {
  id: string;
  name: string | undefined;
  arn: string;
  /** The stages (`[]` when GetStages said the API no longer exists); unusable stages ride along on `unusable`. */
  stages: Evidence<ApiStage[]>;
}

/**
 * `apigateway:GetRestApis` of one region (every page), typed per API, with `apigateway:GetStages` of
 * each found by its restApiId. An API without an id, or created after collection ended, is set aside
 * as unusable; so is a stage without a name or created after collection ended (on its API's `stages`).
 */
export const restApiStages = defineEvidence<RestApiStages[]>({
  name: 'API Gateway REST API stages',
  scope: 'region',
  async load(bundle, { account, region }) {
    const where = `GetRestApis of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<RestApis>(bundle, { account, region, service: 'apigateway', operation: 'GetRestApis' }),
      (pages) => pages.flatMap((page) => listField(page, 'items')),
      where,
      (api: Wire<RestApi>, index) => {
        if (typeof api.id !== 'string' || api.id === '') throw new UnusableRecordError(`${where}, API ${index + 1}`, 'lacks id');
        const arn = `arn:aws:apigateway:${region}::/restapis/${api.id}`;
        const reason = afterCollection(api.createdDate, 'createdDate', bundle.collectedAt);
        if (reason) throw new UnusableRecordError(arn, reason);
        return { id: api.id, name: text(api.name), arn };
      },
    );
    if (!listed.ok) return listed;
    const value = await Promise.all(
      listed.value.map(async (api) => ({ ...api, stages: await stagesOf(bundle, { account, region }, api.id, api.name) })),
    );
    return { ...listed, value };
  },
});

async function stagesOf(
  bundle: EvidenceBundle,
  scope: { account: string; region: string },
  apiId: string,
  apiName: string | undefined,
): Promise<Evidence<ApiStage[]>> {
  const key: Omit<CallKey, 'parameters'> = { ...scope, service: 'apigateway', operation: 'GetStages' };
  const loaded = await loadOptional<Stages>(bundle, callWhere(bundle, key, 'restApiId', [apiId]));
  if (!loaded.ok) return loaded;
  // NotFoundException: the API was deleted after it was listed, so it has no stages.
  if (loaded.value === undefined) return { ok: true, value: [], files: loaded.files };
  const where = `GetStages of REST API ${apiId} in ${scope.account}/${scope.region}`;
  let records: Wire<Stage>[];
  try {
    records = listField(loaded.value, 'item');
  } catch (error) {
    return { ok: false, reason: `${where} could not be read: ${error instanceof Error ? error.message : String(error)}`, errors: [] };
  }
  const typed = typeRecords(records, where, (stage: Wire<Stage>, index) => {
    if (typeof stage.stageName !== 'string' || stage.stageName === '')
      throw new UnusableRecordError(`${where}, stage ${index + 1}`, 'lacks stageName');
    const arn = `arn:aws:apigateway:${scope.region}::/restapis/${apiId}/stages/${stage.stageName}`;
    const reason = afterCollection(stage.createdDate, 'createdDate', bundle.collectedAt);
    if (reason) throw new UnusableRecordError(arn, reason);
    return {
      apiId,
      apiName,
      name: stage.stageName,
      arn,
      webAclArn: text(stage.webAclArn),
      clientCertificateId: text(stage.clientCertificateId),
      cacheClusterEnabled: typeof stage.cacheClusterEnabled === 'boolean' ? stage.cacheClusterEnabled : undefined,
      methodSettings: methodSettings(stage.methodSettings),
    };
  });
  return { ok: true, value: typed.value, files: loaded.files, unusable: typed.unusable };
}

function methodSettings(value: unknown): Record<string, StageMethodSetting> | undefined {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const settings: Record<string, StageMethodSetting> = {};
  for (const [path, raw] of Object.entries(value as Record<string, unknown>)) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
    const s = raw as Wire<MethodSetting>;
    settings[path] = {
      loggingLevel: text(s.loggingLevel),
      cachingEnabled: typeof s.cachingEnabled === 'boolean' ? s.cachingEnabled : undefined,
      cacheDataEncrypted: typeof s.cacheDataEncrypted === 'boolean' ? s.cacheDataEncrypted : undefined,
    };
  }
  return settings;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
