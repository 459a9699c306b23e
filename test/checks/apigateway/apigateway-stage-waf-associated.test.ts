import check from '../../../src/checks/apigateway/apigateway-stage-waf-associated.js';
import { apiWithStages, getRestApis, getStages, restApi, stage, unusableStageCases } from '../../helpers/apigw-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'stage with a web ACL',
      evidence: apiWithStages(stage('prod')),
      reason: /stage prod of REST API a1b2c3d4e5 \(orders\) is associated with web ACL arn:aws:wafv2:/,
    },
    { name: 'no REST APIs', evidence: { files: [getRestApis('us-east-1', []), getRestApis('eu-west-1', [])] } },
    {
      name: 'API deleted between GetRestApis and GetStages: no stages',
      evidence: {
        files: [
          getRestApis('us-east-1', [restApi('a1b2c3d4e5')]),
          getStages('us-east-1', 'a1b2c3d4e5', 'not-found'),
          getRestApis('eu-west-1', []),
        ],
      },
    },
  ],
  fail: [
    {
      name: 'stage without webAclArn beside one with',
      evidence: apiWithStages(stage('prod'), stage('dev', { webAclArn: undefined })),
      reason: /stage dev of REST API a1b2c3d4e5 \(orders\) has no webAclArn \(required: an AWS WAF web ACL\)/,
    },
    { name: 'stage with an empty webAclArn', evidence: apiWithStages(stage('dev', { webAclArn: '' })), reason: /has no webAclArn/ },
  ],
  notEvaluated: unusableStageCases(),
});
