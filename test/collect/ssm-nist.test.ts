import { describe, expect, it } from 'vitest';
import { sagemakerEndpointConfigs, sagemakerNotebooks } from '../../src/bundle/evidence/sagemaker.js';
import { ssmComplianceSummaries, ssmDocuments, ssmManagedNodes } from '../../src/bundle/evidence/ssm.js';
import { openBundle, type EvidenceBundle } from '../../src/bundle/read-bundle.js';
import type { Check } from '../../src/checks/define-check.js';
import { EvidenceCache, runCheck } from '../../src/checks/run-check.js';
import endpointConfigKms from '../../src/checks/sagemaker/sagemaker-endpoint-config-kms-key-configured.js';
import notebookInternet from '../../src/checks/sagemaker/sagemaker-notebook-direct-internet-access-disabled.js';
import notebookKms from '../../src/checks/sagemaker/sagemaker-notebook-kms-key-configured.js';
import documentNotPublic from '../../src/checks/ssm/ssm-document-not-public.js';
import instanceManaged from '../../src/checks/ssm/ssm-ec2-instance-managed.js';
import associationCompliant from '../../src/checks/ssm/ssm-instance-association-compliant.js';
import patchCompliant from '../../src/checks/ssm/ssm-instance-patch-compliant.js';
import ec2Network from '../../src/collect/sources/ec2-network.js';
import sagemaker from '../../src/collect/sources/sagemaker.js';
import ssm from '../../src/collect/sources/ssm.js';
import { ACME } from './helpers/acme.js';
import { serveAcmeSsm } from './helpers/acme-ssm.js';
import { anyOrder, json, jsonError, type FakeAws } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => {
  fake = f;
  serveAcmeSsm(f);
});

const east = { account: ACME, region: 'us-east-1' };
const west = { account: ACME, region: 'eu-west-1' };
const regions = ['us-east-1', 'eu-west-1'];

async function findings(bundle: EvidenceBundle, check: Check, params: Record<string, unknown> = {}): Promise<string[]> {
  const cache = new EvidenceCache(bundle);
  const all = [
    ...(await runCheck(check, east, params, bundle.collectedAt, cache)),
    ...(await runCheck(check, west, params, bundle.collectedAt, cache)),
  ];
  return all.map((f) => `${f.status} ${f.resource.replace(/^arn:aws:[a-z0-9]+:us-east-1:111122223333:/, '')}`);
}

const count = (service: string, region: string) => fake.calls(service).filter((r) => r.region === region).length;

describe('SSM and SageMaker evidence for the NIST checks', () => {
  it('lists nodes, compliance and owned documents, asks who each document is shared with, and describes each notebook and endpoint configuration', async () => {
    const result = await collectFrom(fake, { regions, sources: [ssm, sagemaker] });
    expect(result.manifest.errors).toEqual([]);
    // The calls the sample's collection documents: per region 3 + D (SSM) and 2 + N + E (SageMaker).
    expect([
      count('ssm', 'us-east-1'),
      count('ssm', 'eu-west-1'),
      count('sagemaker', 'us-east-1'),
      count('sagemaker', 'eu-west-1'),
    ]).toEqual([5, 3, 6, 2]);
    expect(fake.calls('ssm', 'DescribeInstanceInformation').map((r) => [r.region, r.body])).toEqual(
      expect.arrayContaining([
        ['us-east-1', { MaxResults: 50 }],
        ['eu-west-1', { MaxResults: 50 }],
      ]),
    );
    expect(fake.calls('ssm', 'ListResourceComplianceSummaries')[0]?.body).toEqual({ MaxResults: 50 });
    expect(fake.calls('ssm', 'ListDocuments')[0]?.body).toEqual({ Filters: [{ Key: 'Owner', Values: ['Self'] }], MaxResults: 50 });
    expect(anyOrder(fake.calls('ssm', 'DescribeDocumentPermission').map((r) => [r.region, r.body]))).toEqual(anyOrder([
      ['us-east-1', { Name: 'Acme-RotateLogs', PermissionType: 'Share', MaxResults: 200 }],
      ['us-east-1', { Name: 'Acme-BootstrapAgent', PermissionType: 'Share', MaxResults: 200 }],
    ]));
    expect(fake.calls('sagemaker', 'ListNotebookInstances')[0]?.body).toEqual({ MaxResults: 100 });
    expect(anyOrder(fake.calls('sagemaker', 'DescribeNotebookInstance').map((r) => r.body.NotebookInstanceName))).toEqual(anyOrder([
      'acme-data-science',
      'acme-scratch',
    ]));
    expect(anyOrder(fake.calls('sagemaker', 'DescribeEndpointConfig').map((r) => r.body.EndpointConfigName))).toEqual(anyOrder([
      'acme-churn-model-v2',
      'acme-churn-model-v1',
    ]));
    const paths = result.manifest.files.filter((f) => f.service === 'ssm' || f.service === 'sagemaker').map((f) => f.path);
    expect(paths).toContain('aws/111122223333/us-east-1/ssm/DescribeDocumentPermission/Acme-BootstrapAgent.json');
    expect(paths).toContain('aws/111122223333/us-east-1/sagemaker/DescribeNotebookInstance/acme-scratch.json');

    const bundle = await openBundle(result.dir);
    expect(await ssmManagedNodes.load(bundle, east)).toMatchObject({
      ok: true,
      value: {
        unreadable: 0,
        nodes: [
          { id: 'i-0a1b2c3d4e5f60718', pingStatus: 'Online', lastPing: '2026-09-30T07:52:31.193Z', resourceType: 'EC2Instance' },
          {
            id: 'mi-0a5c7e9b1d3f52468',
            pingStatus: 'Online',
            arn: 'arn:aws:ssm:us-east-1:111122223333:managed-instance/mi-0a5c7e9b1d3f52468',
          },
          { id: 'i-0c3d4e5f607182930', pingStatus: 'ConnectionLost' },
        ],
      },
    });
    const summaries = await ssmComplianceSummaries.load(bundle, east);
    expect(summaries.ok && summaries.value.map((s) => [s.resourceId, s.complianceType, s.status, s.nonCompliantCount])).toEqual([
      ['i-0a1b2c3d4e5f60718', 'Association', 'COMPLIANT', 0],
      ['i-0a1b2c3d4e5f60718', 'Patch', 'NON_COMPLIANT', 3],
      ['mi-0a5c7e9b1d3f52468', 'Association', 'NON_COMPLIANT', 1],
      ['mi-0a5c7e9b1d3f52468', 'Patch', 'COMPLIANT', undefined],
    ]);
    const documents = await ssmDocuments.load(bundle, east);
    expect(documents.ok && documents.value.map((d) => [d.name, d.sharedWith.ok && d.sharedWith.value])).toEqual([
      ['Acme-RotateLogs', []],
      ['Acme-BootstrapAgent', ['all']],
    ]);
    const notebooks = await sagemakerNotebooks.load(bundle, east);
    expect(notebooks.ok && notebooks.value.map((n) => [n.name, n.status, n.settings.ok && n.settings.value])).toEqual([
      [
        'acme-data-science',
        'InService',
        {
          kmsKey: { kind: 'key', id: '6a1f3c8e-2b4d-4e7a-9c0f-1d3e5a7b9c2d' },
          directInternetAccess: 'Disabled',
          subnetId: 'subnet-0b1c2d3e4f5a6b7c8',
        },
      ],
      ['acme-scratch', 'Stopped', { kmsKey: { kind: 'none' }, directInternetAccess: 'Enabled', subnetId: undefined }],
    ]);
    expect(await sagemakerEndpointConfigs.load(bundle, west)).toMatchObject({ ok: true, value: [] });

    expect(await findings(bundle, associationCompliant)).toEqual([
      'PASS instance/i-0a1b2c3d4e5f60718',
      'FAIL managed-instance/mi-0a5c7e9b1d3f52468',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, patchCompliant)).toEqual([
      'FAIL instance/i-0a1b2c3d4e5f60718',
      'PASS managed-instance/mi-0a5c7e9b1d3f52468',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, documentNotPublic)).toEqual([
      'PASS document/Acme-RotateLogs',
      'FAIL document/Acme-BootstrapAgent',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, notebookKms, { keyArns: [] })).toEqual([
      'PASS notebook-instance/acme-data-science',
      'FAIL notebook-instance/acme-scratch',
      'PASS 111122223333/eu-west-1',
    ]);
    // The bare key id in the answer matches the allowed key's ARN.
    expect(
      await findings(bundle, notebookKms, { keyArns: ['arn:aws:kms:us-east-1:111122223333:key/6a1f3c8e-2b4d-4e7a-9c0f-1d3e5a7b9c2d'] }),
    ).toContain('PASS notebook-instance/acme-data-science');
    expect(await findings(bundle, notebookInternet)).toEqual([
      'PASS notebook-instance/acme-data-science',
      'FAIL notebook-instance/acme-scratch',
      'PASS 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, endpointConfigKms, { keyArns: [] })).toEqual([
      'PASS endpoint-config/acme-churn-model-v2',
      'FAIL endpoint-config/acme-churn-model-v1',
      'PASS 111122223333/eu-west-1',
    ]);
  });

  it('checks running EC2 instances against the managed nodes: the bastion is not managed, the stopped instance is left out', async () => {
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [ec2Network, ssm] });
    expect(result.manifest.errors.filter((e) => e.service === 'ssm')).toEqual([]);
    const bundle = await openBundle(result.dir);
    const cache = new EvidenceCache(bundle);
    const out = await runCheck(instanceManaged, east, {}, bundle.collectedAt, cache);
    expect(out.map((f) => `${f.status} ${f.resource.replace(/^arn:aws:ec2:us-east-1:111122223333:/, '')}`)).toEqual([
      'PASS instance/i-0a1b2c3d4e5f60718',
      'FAIL instance/i-0b2c3d4e5f6071829',
    ]);
    expect(out[1]?.reason).toMatch(/instance i-0b2c3d4e5f6071829 \(acme-bastion\) is running but is not a Systems Manager managed node/);
  });

  it('follows NextToken through the notebook listing and records a deleted notebook instance and document as absent', async () => {
    fake.on('sagemaker', 'ListNotebookInstances', (r) =>
      r.region === 'us-east-1' ? json(`sagemaker/ListNotebookInstances.us-east-1.p${r.body.NextToken ? 2 : 1}.json`) : undefined,
    );
    fake.on('sagemaker', 'DescribeNotebookInstance', (r) =>
      r.body.NotebookInstanceName === 'acme-scratch' ? jsonError('ValidationException', 'RecordNotFound') : undefined,
    );
    fake.on('ssm', 'DescribeDocumentPermission', (r) =>
      r.body.Name === 'Acme-BootstrapAgent'
        ? jsonError('InvalidDocument', 'Document with name Acme-BootstrapAgent does not exist.')
        : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [ssm, sagemaker] });
    expect(fake.calls('sagemaker', 'ListNotebookInstances').map((r) => r.body.NextToken)).toEqual([
      undefined,
      'gPkKcnFsDbH9ZKtNcuYzGkm3Vd2zdHRs4Zk0GXnUrbwEXAMPLE',
    ]);
    expect(result.manifest.errors).toEqual([]);
    const file = (path: string) => result.manifest.files.find((f) => f.path === `aws/111122223333/us-east-1/${path}`);
    expect(file('sagemaker/ListNotebookInstances.p0002.json')?.status).toBe('ok');
    expect(file('sagemaker/DescribeNotebookInstance/acme-scratch.json')).toMatchObject({
      status: 'not-found',
      parameters: { NotebookInstanceName: 'acme-scratch' },
    });
    expect(file('ssm/DescribeDocumentPermission/Acme-BootstrapAgent.json')).toMatchObject({
      status: 'not-found',
      parameters: { Name: 'Acme-BootstrapAgent' },
    });
    const bundle = await openBundle(result.dir);
    const cache = new EvidenceCache(bundle);
    const internet = await runCheck(notebookInternet, east, {}, bundle.collectedAt, cache);
    expect(internet.map((f) => f.status)).toEqual(['PASS', 'NOT_EVALUATED']);
    expect(internet[1]?.reason).toMatch(/notebook instance acme-scratch: .*does not exist/);
    const docs = await runCheck(documentNotPublic, east, {}, bundle.collectedAt, cache);
    expect(docs.map((f) => f.status)).toEqual(['PASS', 'NOT_EVALUATED']);
  });

  it('follows NextToken through the accounts a document is shared with', async () => {
    fake.on('ssm', 'DescribeDocumentPermission', (r) =>
      r.body.Name === 'Acme-RotateLogs'
        ? json(`ssm/DescribeDocumentPermission.Acme-RotateLogs.p${r.body.NextToken ? 2 : 1}.json`)
        : undefined,
    );
    const result = await collectFrom(fake, { regions: ['us-east-1'], sources: [ssm] });
    expect(
      fake
        .calls('ssm', 'DescribeDocumentPermission')
        .filter((r) => r.body.Name === 'Acme-RotateLogs')
        .map((r) => r.body.NextToken),
    ).toEqual([undefined, 'AAIAAWF0b2tlbi1wYWdlLTI=']);
    const bundle = await openBundle(result.dir);
    const documents = await ssmDocuments.load(bundle, east);
    expect(documents.ok && documents.value[0]?.sharedWith).toMatchObject({ ok: true, value: ['444455556666', '777788889999'] });
    const out = await runCheck(documentNotPublic, east, {}, bundle.collectedAt, new EvidenceCache(bundle));
    expect(out[0]?.reason).toMatch(
      /Command document Acme-RotateLogs is shared with 2 named accounts \(444455556666, 777788889999\), not "all"/,
    );
  });

  it('records denied listings as failures that make the checks NOT_EVALUATED in that region only', async () => {
    fake.on('ssm', 'ListResourceComplianceSummaries', (r) =>
      r.region === 'eu-west-1'
        ? jsonError(
            'AccessDeniedException',
            'User: arn:aws:sts::111122223333:assumed-role/AuditpackReadOnly/auditpack is not authorized to perform: ssm:ListResourceComplianceSummaries',
          )
        : undefined,
    );
    fake.on('sagemaker', 'DescribeEndpointConfig', (r) =>
      r.body.EndpointConfigName === 'acme-churn-model-v1'
        ? jsonError('AccessDeniedException', 'User is not authorized to perform: sagemaker:DescribeEndpointConfig')
        : undefined,
    );
    const result = await collectFrom(fake, { regions, sources: [ssm, sagemaker] });
    expect(result.manifest.errors.map((e) => [e.region, e.operation, e.parameters, e.code])).toEqual([
      ['eu-west-1', 'ListResourceComplianceSummaries', {}, 'AccessDeniedException'],
      ['us-east-1', 'DescribeEndpointConfig', { EndpointConfigName: 'acme-churn-model-v1' }, 'AccessDeniedException'],
    ]);
    const bundle = await openBundle(result.dir);
    expect(await findings(bundle, patchCompliant)).toEqual([
      'FAIL instance/i-0a1b2c3d4e5f60718',
      'PASS managed-instance/mi-0a5c7e9b1d3f52468',
      'NOT_EVALUATED 111122223333/eu-west-1',
    ]);
    expect(await findings(bundle, endpointConfigKms, { keyArns: [] })).toEqual([
      'PASS endpoint-config/acme-churn-model-v2',
      'NOT_EVALUATED endpoint-config/acme-churn-model-v1',
      'PASS 111122223333/eu-west-1',
    ]);
  });
});
