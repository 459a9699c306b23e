import { serveAcmeCompute } from './acme-compute.js';
import { serveAcmeElb } from './acme-elb.js';
import { serveAcmeSsm } from './acme-ssm.js';
import { serveAcmeRedshift } from './acme-redshift.js';
import { serveAcmeLambda } from './acme-lambda.js';
import { serveAcmeApigw } from './acme-apigw.js';
import { serveAcmeDynamodb } from './acme-dynamodb.js';
import { serveAcmeCodebuild } from './acme-codebuild.js';
import type { FakeAws } from './fake-aws.js';

/** The sample company's services beyond the CIS ones, each served by its own helper. */
export function serveAcmeServices(fake: FakeAws): void {
  serveAcmeElb(fake);
  serveAcmeCompute(fake);
  serveAcmeSsm(fake);
  serveAcmeRedshift(fake);
  serveAcmeLambda(fake);
  serveAcmeApigw(fake);
  serveAcmeDynamodb(fake);
  serveAcmeCodebuild(fake);
}
