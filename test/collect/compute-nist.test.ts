import { describe, expect, it } from 'vitest';
import { autoScalingGroups } from '../../src/bundle/evidence/autoscaling.js';
import { ecsTaskDefinitions } from '../../src/bundle/evidence/ecs.js';
import { openBundle, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import asgHealthCheck from '../../src/checks/autoscaling/autoscaling-group-elb-health-check-enabled.js';
import launchConfigPublicIp from '../../src/checks/autoscaling/autoscaling-launch-config-public-ip-disabled.js';
import type { Check } from '../../src/checks/define-check.js';
import dmsNotPublic from '../../src/checks/dms/dms-replication-instance-not-public.js';
import ecsReadOnly from '../../src/checks/ecs/ecs-container-root-filesystem-read-only.js';
import ecsHostMode from '../../src/checks/ecs/ecs-task-definition-host-network-non-root.js';
import elastiCacheBackup from '../../src/checks/elasticache/elasticache-redis-automatic-backup-enabled.js';
import enhancedHealth from '../../src/checks/elasticbeanstalk/elasticbeanstalk-environment-enhanced-health-enabled.js';
import managedUpdates from '../../src/checks/elasticbeanstalk/elasticbeanstalk-environment-managed-updates-enabled.js';
import emrPublicIp from '../../src/checks/emr/emr-cluster-master-public-ip-absent.js';
import { EvidenceCache, runCheck } from '../../src/checks/run-check.js';
import computeServices from '../../src/collect/sources/compute-services.js';
import dataServices from '../../src/collect/sources/data-services.js';
import { ACME } from './helpers/acme.js';
import { serveAcmeCompute } from './helpers/acme-compute.js';
import { anyOrder, FakeAws, json, jsonError, queryError, xml } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

const east = { account: ACME, region: 'us-east-1' };
const west = { account: ACME, region: 'eu-west-1' };
const SERVICES = ['autoscaling', 'elasticbeanstalk', 'ecs', 'emr', 'dms', 'elasticache'];
const BEANSTALK_NS = 'http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/';
const sources = [computeServices, dataServices];

/** `STATUS name` per finding of both regions, the resource shortened to its last ARN segment. */
async function findings(bundle: EvidenceBundle, check: Check, params: Record<string, unknown> = {}): Promise<string[]> {
  const cache = new EvidenceCache(bundle);
  const all = [
    ...(await runCheck(check, east, params, bundle.collectedAt, cache)),
    ...(await runCheck(check, west, params, bundle.collectedAt, cache)),
  ];
  return all.map((f) => `${f.status} ${f.resource.startsWith('arn:') ? (f.resource.split(/[/:]/).pop() ?? '') : f.resource}`);
}

describe('compute and data service evidence for the NIST checks', () => {
  it('collects the sample company with one call per listing and per-resource calls only where needed', async () => {
    serveAcmeCompute(fake);
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], sources });
    expect(result.manifest.errors).toEqual([]);
    const mine = fake.requests.filter((r) => SERVICES.includes(r.service));
    expect(mine.filter((r) => r.region === 'us-east-1')).toHaveLength(14);
    expect(mine.filter((r) => r.region === 'eu-west-1')).toHaveLength(8);

    expect(
      fake
        .calls('autoscaling', 'DescribeAutoScalingGroups')
        .map((r) => [r.region, r.params.MaxRecords])
        .sort(),
    ).toEqual([
      ['eu-west-1', '100'],
      ['us-east-1', '100'],
    ]);
    expect(fake.calls('elasticbeanstalk', 'DescribeEnvironments').map((r) => [r.params.IncludeDeleted, r.params.MaxRecords])).toEqual([
      ['false', '1000'],
      ['false', '1000'],
    ]);
    expect(
      fake
        .calls('elasticbeanstalk', 'DescribeConfigurationSettings')
        .map((r) => [r.region, r.params.ApplicationName, r.params.EnvironmentName])
        .sort(),
    ).toEqual([
      ['us-east-1', 'acme-web', 'acme-web-dev'],
      ['us-east-1', 'acme-web', 'acme-web-prod'],
    ]);
    expect(fake.calls('ecs', 'ListTaskDefinitions').map((r) => [r.body.status, r.body.maxResults])).toEqual([
      ['ACTIVE', 100],
      ['ACTIVE', 100],
    ]);
    // acme-api:11 is an older revision: only the latest of each family is described.
    expect(anyOrder(fake.calls('ecs', 'DescribeTaskDefinition').map((r) => r.body.taskDefinition))).toEqual(anyOrder(['acme-agent:4', 'acme-api:12']));
    expect(fake.calls('emr', 'ListClusters').map((r) => r.body.ClusterStates)).toEqual([
      ['RUNNING', 'WAITING'],
      ['RUNNING', 'WAITING'],
    ]);
    expect(anyOrder(fake.calls('emr', 'ListInstances').map((r) => [r.body.ClusterId, r.body.InstanceGroupTypes]))).toEqual(anyOrder([
      ['j-3SD2H8XKQW4VN', ['MASTER']],
      ['j-1K48GVWZ7HFCB', ['MASTER']],
    ]));
    expect(fake.calls('elasticache').map((r) => [r.operation, r.params.MaxRecords])).toContainEqual(['DescribeCacheClusters', '100']);
    const file = (path: string) => result.manifest.files.find((f) => f.path === `aws/111122223333/us-east-1/${path}`);
    expect(file('ecs/DescribeTaskDefinition/acme-api%3A12.json')?.parameters).toEqual({ taskDefinition: 'acme-api:12' });
    expect(file('elasticbeanstalk/DescribeConfigurationSettings/acme-web-dev.json')?.parameters).toEqual({
      EnvironmentName: 'acme-web-dev',
    });
    expect(file('emr/ListInstances/j-3SD2H8XKQW4VN.json')?.parameters).toEqual({ ClusterId: 'j-3SD2H8XKQW4VN' });

    const bundle = await openBundle(result.dir);
    expect(await autoScalingGroups.load(bundle, east)).toMatchObject({
      ok: true,
      value: [
        {
          name: 'acme-web-asg',
          healthCheckTypes: ['ELB'],
          loadBalancers: ['arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/acme-web-tg/73e2d6bc24d8a067'],
        },
        { name: 'acme-worker-asg', healthCheckTypes: ['EC2'], loadBalancers: ['acme-legacy-clb'] },
      ],
    });
    const tds = await ecsTaskDefinitions.load(bundle, east);
    expect(tds.ok && tds.value.map((t) => [t.name, t.detail.ok && t.detail.value.networkMode])).toEqual([
      ['acme-agent:4', 'host'],
      ['acme-api:12', 'awsvpc'],
    ]);

    expect(await findings(bundle, asgHealthCheck)).toEqual(['PASS acme-web-asg', 'FAIL acme-worker-asg', 'PASS 111122223333/eu-west-1']);
    expect(await findings(bundle, launchConfigPublicIp)).toEqual([
      'PASS acme-web-lc-v3',
      'FAIL acme-bastion-lc',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, enhancedHealth)).toEqual(['PASS acme-web-prod', 'FAIL acme-web-dev', 'PASS 111122223333/eu-west-1']);
    expect(await findings(bundle, managedUpdates, { updateLevel: 'any' })).toEqual([
      'PASS acme-web-prod',
      'FAIL acme-web-dev',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, ecsHostMode)).toEqual(['FAIL 4', 'PASS 12', 'PASS 111122223333/eu-west-1']);
    expect(await findings(bundle, ecsReadOnly)).toEqual(['FAIL 4', 'PASS 12', 'PASS 111122223333/eu-west-1']);
    expect(await findings(bundle, emrPublicIp)).toEqual(['FAIL j-3SD2H8XKQW4VN', 'PASS j-1K48GVWZ7HFCB', 'PASS 111122223333/eu-west-1']);
    expect(await findings(bundle, dmsNotPublic)).toEqual([
      'PASS 7QBLNBTPCNDEBG7CHI3WA73YFA',
      'FAIL ZX4KQ2MFTB6PNCQ3WJ7HLDY5AE',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, elastiCacheBackup, { minRetentionDays: 15 })).toEqual([
      'PASS acme-sessions',
      'FAIL acme-rate-limit',
      'PASS 111122223333/eu-west-1',
    ]);
  });

  it('follows NextToken through Auto Scaling and ECS listings, describing only the latest revision across pages', async () => {
    serveAcmeCompute(fake);
    fake.on('autoscaling', 'DescribeAutoScalingGroups', (r) =>
      r.region === 'us-east-1' && !r.params.NextToken ? xml('autoscaling/DescribeAutoScalingGroups.page1.xml') : undefined,
    );
    fake.on('ecs', 'ListTaskDefinitions', (r) =>
      r.region === 'us-east-1' && !r.body.nextToken ? json('ecs/ListTaskDefinitions.page1.json') : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [computeServices] });
    expect(result.manifest.errors).toEqual([]);
    expect(fake.calls('autoscaling', 'DescribeAutoScalingGroups').map((r) => r.params.NextToken)).toEqual([
      undefined,
      'YWNtZS1iYXRjaC1hc2c=',
    ]);
    expect(fake.calls('ecs', 'ListTaskDefinitions').map((r) => r.body.nextToken)).toEqual([
      undefined,
      'eyJlbmNyeXB0ZWREYXRhIjpbMTEyLDQ1LDIwOF19',
    ]);
    // acme-agent:3 on page 1 is older than acme-agent:4 on page 2.
    expect(anyOrder(fake.calls('ecs', 'DescribeTaskDefinition').map((r) => r.body.taskDefinition))).toEqual(anyOrder(['acme-agent:4', 'acme-api:12']));
    const bundle = await openBundle(result.dir);
    const groups = await autoScalingGroups.load(bundle, east);
    expect(groups.ok && groups.value.map((g) => g.name)).toEqual(['acme-batch-asg', 'acme-web-asg', 'acme-worker-asg']);
    // acme-batch-asg has no load balancer: no finding.
    expect(await runCheck(asgHealthCheck, east, {}, bundle.collectedAt, new EvidenceCache(bundle))).toHaveLength(2);
  });

  it('records denied calls as failures and absence answers as evidence', async () => {
    serveAcmeCompute(fake);
    fake.on('elasticbeanstalk', 'DescribeEnvironments', (r) =>
      r.region === 'eu-west-1'
        ? queryError('AccessDenied', 'User is not authorized to perform: elasticbeanstalk:DescribeEnvironments', 403, BEANSTALK_NS)
        : undefined,
    );
    // acme-web-dev was terminated between the listing and the settings call.
    fake.on('elasticbeanstalk', 'DescribeConfigurationSettings', (r) =>
      r.params.EnvironmentName === 'acme-web-dev'
        ? queryError('InvalidParameterValue', "No Environment found for EnvironmentName = 'acme-web-dev'.", 400, BEANSTALK_NS)
        : undefined,
    );
    fake.on('emr', 'ListInstances', (r) =>
      r.body.ClusterId === 'j-3SD2H8XKQW4VN'
        ? jsonError('AccessDeniedException', 'User is not authorized to perform: elasticmapreduce:ListInstances')
        : undefined,
    );
    fake.on('dms', 'DescribeReplicationInstances', (r) =>
      r.region === 'eu-west-1'
        ? jsonError('AccessDeniedFault', 'User is not authorized to perform: dms:DescribeReplicationInstances')
        : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1', 'eu-west-1'], sources });
    expect(result.manifest.errors.map((e) => [e.region, e.service, e.operation, e.parameters, e.code]).sort()).toEqual([
      ['eu-west-1', 'dms', 'DescribeReplicationInstances', {}, 'AccessDeniedFault'],
      ['eu-west-1', 'elasticbeanstalk', 'DescribeEnvironments', { IncludeDeleted: false }, 'AccessDenied'],
      ['us-east-1', 'emr', 'ListInstances', { ClusterId: 'j-3SD2H8XKQW4VN' }, 'AccessDeniedException'],
    ]);
    expect(
      result.manifest.files.find(
        (f) => f.path === 'aws/111122223333/us-east-1/elasticbeanstalk/DescribeConfigurationSettings/acme-web-dev.json',
      ),
    ).toMatchObject({ status: 'not-found' });

    const bundle = await openBundle(result.dir);
    expect(await findings(bundle, enhancedHealth)).toEqual([
      'PASS acme-web-prod',
      'NOT_EVALUATED acme-web-dev',
      'NOT_EVALUATED 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, emrPublicIp)).toEqual([
      'NOT_EVALUATED j-3SD2H8XKQW4VN',
      'PASS j-1K48GVWZ7HFCB',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, dmsNotPublic)).toEqual([
      'PASS 7QBLNBTPCNDEBG7CHI3WA73YFA',
      'FAIL ZX4KQ2MFTB6PNCQ3WJ7HLDY5AE',
      'NOT_EVALUATED 111122223333/eu-west-1',
    ]);
    const cache = new EvidenceCache(bundle);
    const [westHealth] = await runCheck(managedUpdates, west, { updateLevel: 'any' }, bundle.collectedAt, cache);
    expect(westHealth?.reason).toMatch(/elasticbeanstalk:DescribeEnvironments .*AccessDenied/);
  });
});
