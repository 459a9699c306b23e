import check from '../../../src/checks/apigateway/apigateway-stage-execution-logging-enabled.js';
import { apiWithStages, methodSetting, stage, unusableStageCases } from '../../helpers/apigw-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const logging = (all: string | undefined, overrides: Record<string, string> = {}) => ({
  methodSettings: {
    '*/*': methodSetting({ loggingLevel: all }),
    ...Object.fromEntries(Object.entries(overrides).map(([path, level]) => [path, methodSetting({ loggingLevel: level })])),
  },
});

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { loggingLevels: ['ERROR', 'INFO'] },
  pass: [
    {
      name: 'ERROR for all methods',
      evidence: apiWithStages(stage('prod', logging('ERROR'))),
      reason: /logs execution at ERROR for all methods/,
    },
    { name: 'INFO for all methods, ERROR for one', evidence: apiWithStages(stage('prod', logging('INFO', { 'orders/GET': 'ERROR' }))) },
  ],
  fail: [
    {
      name: 'logging OFF for all methods',
      evidence: apiWithStages(stage('dev', logging('OFF'))),
      reason: /stage dev .*: \*\/\* has loggingLevel OFF \(required: loggingLevel ERROR or INFO\)/,
    },
    {
      name: 'no method settings: logging off by default',
      evidence: apiWithStages(stage('dev', { methodSettings: undefined })),
      reason: /so execution logging is off/,
    },
    {
      name: 'one method override turns logging off',
      evidence: apiWithStages(stage('dev', logging('INFO', { 'orders/POST': 'OFF' }))),
      reason: /orders\/POST has loggingLevel OFF/,
    },
    {
      name: 'INFO when only ERROR is allowed',
      evidence: apiWithStages(stage('dev', logging('INFO'))),
      params: { loggingLevels: ['ERROR'] },
      reason: /\*\/\* has loggingLevel INFO \(required: loggingLevel ERROR\)/,
    },
  ],
  notEvaluated: [
    ...unusableStageCases(),
    {
      name: 'answer omits loggingLevel',
      evidence: apiWithStages(stage('prod', logging(undefined))),
      reason: /GetStages shows no loggingLevel for \*\/\*/,
    },
  ],
});
