import { restApiStages } from '../../bundle/evidence/apigateway.js';
import { defineCheck } from '../define-check.js';
import { eachStage, stageLabel } from './stages.js';

/** Every REST API stage is protected by an AWS WAF web ACL. */
export default defineCheck({
  id: 'apigateway-stage-waf-associated',
  title: 'API Gateway REST API stages are associated with an AWS WAF web ACL',
  description:
    'For every stage (GetStages) of every REST API (GetRestApis), webAclArn must name a web ACL. The optional WebAclArns parameter of the AWS Config rule (an allow-list of web ACLs) is not supported; HTTP and WebSocket APIs are not evaluated.',
  scope: 'region',
  needs: { apis: restApiStages },
  params: {},
  *run({ apis }, ctx) {
    yield* eachStage(apis, ctx, (stage, files) =>
      stage.webAclArn
        ? ctx.pass(stage.arn, `${stageLabel(stage)} is associated with web ACL ${stage.webAclArn}`, files)
        : ctx.fail(stage.arn, `${stageLabel(stage)} has no webAclArn (required: an AWS WAF web ACL)`, files),
    );
  },
});
