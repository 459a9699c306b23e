import { restApiStages } from '../../bundle/evidence/apigateway.js';
import { defineCheck } from '../define-check.js';
import { eachStage, stageLabel } from './stages.js';

/** Every REST API stage presents a client (SSL) certificate to its backend. */
export default defineCheck({
  id: 'apigateway-stage-client-certificate-configured',
  title: 'API Gateway REST API stages use a client SSL certificate',
  description:
    'For every stage (GetStages) of every REST API (GetRestApis), clientCertificateId must be set. Unlike the AWS Config rule, stages whose integrations are not HTTP are evaluated too (integrations are not collected), and the optional CertificateIDs parameter is not supported; HTTP and WebSocket APIs are not evaluated.',
  scope: 'region',
  needs: { apis: restApiStages },
  params: {},
  *run({ apis }, ctx) {
    yield* eachStage(apis, ctx, (stage, files) =>
      stage.clientCertificateId
        ? ctx.pass(stage.arn, `${stageLabel(stage)} uses client certificate ${stage.clientCertificateId}`, files)
        : ctx.fail(stage.arn, `${stageLabel(stage)} has no clientCertificateId (required: a client SSL certificate)`, files),
    );
  },
});
