import check from '../../../src/checks/apigateway/apigateway-stage-cache-enabled-encrypted.js';
import { apiWithStages, methodSetting, stage, unusableStageCases } from '../../helpers/apigw-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'cache cluster, all methods cached and encrypted',
      evidence: apiWithStages(stage('prod')),
      reason: /caching on and the cache encrypted for all methods/,
    },
    {
      name: 'a method override that also caches encrypted',
      evidence: apiWithStages(
        stage('prod', { methodSettings: { '*/*': methodSetting(), 'orders/GET': methodSetting({ cacheTtlInSeconds: 60 }) } }),
      ),
    },
  ],
  fail: [
    {
      name: 'no cache cluster',
      evidence: apiWithStages(stage('dev', { cacheClusterEnabled: false })),
      reason: /stage dev .* has cacheClusterEnabled false/,
    },
    {
      name: 'no method settings at all',
      evidence: apiWithStages(stage('dev', { methodSettings: undefined })),
      reason: /has no method settings for all methods \(\*\/\*\), so caching is off/,
    },
    {
      name: 'all methods cached but not encrypted',
      evidence: apiWithStages(stage('dev', { methodSettings: { '*/*': methodSetting({ cacheDataEncrypted: false }) } })),
      reason: /\*\/\* has cacheDataEncrypted false \(required: cachingEnabled and cacheDataEncrypted true for every method\)/,
    },
    {
      name: 'caching off for all methods',
      evidence: apiWithStages(stage('dev', { methodSettings: { '*/*': methodSetting({ cachingEnabled: false }) } })),
      reason: /\*\/\* has cachingEnabled false/,
    },
    {
      name: 'one method override turns caching off',
      evidence: apiWithStages(
        stage('dev', { methodSettings: { '*/*': methodSetting(), '~1orders/POST': methodSetting({ cachingEnabled: false }) } }),
      ),
      reason: /~1orders\/POST has cachingEnabled false/,
    },
  ],
  notEvaluated: [
    ...unusableStageCases(),
    {
      name: 'answer omits cacheClusterEnabled',
      evidence: apiWithStages(stage('prod', { cacheClusterEnabled: undefined })),
      reason: /GetStages shows no cacheClusterEnabled/,
    },
    {
      name: 'answer omits cacheDataEncrypted',
      evidence: apiWithStages(stage('prod', { methodSettings: { '*/*': methodSetting({ cacheDataEncrypted: undefined }) } })),
      reason: /shows no cachingEnabled or cacheDataEncrypted for \*\/\*/,
    },
    {
      name: 'methodSettings is not a map',
      evidence: apiWithStages(stage('prod', { methodSettings: ['*/*'] })),
      reason: /methodSettings that cannot be read/,
    },
  ],
});
