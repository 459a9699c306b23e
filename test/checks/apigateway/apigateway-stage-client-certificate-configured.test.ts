import check from '../../../src/checks/apigateway/apigateway-stage-client-certificate-configured.js';
import { apiWithStages, stage, unusableStageCases } from '../../helpers/apigw-builders.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'stage with a client certificate',
      evidence: apiWithStages(stage('prod')),
      reason: /stage prod .* uses client certificate q1w2e3/,
    },
  ],
  fail: [
    {
      name: 'stage without clientCertificateId',
      evidence: apiWithStages(stage('prod'), stage('dev', { clientCertificateId: undefined })),
      reason: /stage dev of REST API a1b2c3d4e5 \(orders\) has no clientCertificateId \(required: a client SSL certificate\)/,
    },
  ],
  notEvaluated: unusableStageCases(),
});
