import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iamActionOf } from '../../src/bundle/manifest.js';
import { json, type FakeAws } from './helpers/fake-aws.js';
import { collectFrom, useAcmeServer } from './helpers/run.js';

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

/** The actions of docs/collection.md's least-privilege policy. */
function documentedActions(): string[] {
  const text = readFileSync(new URL('../../docs/collection.md', import.meta.url), 'utf8');
  const block = /```json\n([\s\S]*?)\n```/.exec(text.slice(text.indexOf('## IAM permissions')))?.[1] ?? '{}';
  const policy = JSON.parse(block) as { Statement: { Action: string[] }[] };
  return policy.Statement.flatMap((s) => s.Action);
}

describe('the documented IAM policy', () => {
  it('grants every action the collector uses, and nothing it does not', async () => {
    fake.on('organizations', 'ListAccounts', json('organizations/ListAccounts.json'));
    await collectFrom(fake);
    await collectFrom(fake, { organization: true, roleName: 'OrganizationAccountAccessRole', regions: ['us-east-1'] });
    // GetCallerIdentity needs no permission; the S3 object calls are writes of `--out s3://`, documented apart.
    const used = [
      ...new Set(
        fake.requests
          .filter((r) => !(r.service === 'sts' && r.operation === 'GetCallerIdentity'))
          .map((r) => iamActionOf(r.service, r.operation)),
      ),
    ].sort();
    const documented = documentedActions();
    expect(
      used.filter((a) => !documented.includes(a)),
      'used but not in docs/collection.md',
    ).toEqual([]);
    // Calls the sample company never needs, documented all the same: a management account's, per
    // conformance pack, per trail log group, per manual RDS snapshot, per bucket without BucketRegion,
    // per alarm topic; and GetCallerIdentity, which needs no grant but is listed for clarity.
    const notSeen = [
      'config:DescribeConformancePackCompliance',
      'logs:DescribeMetricFilters',
      'organizations:ListDelegatedAdministrators',
      'organizations:ListOrganizationalUnitsForParent',
      'organizations:ListPolicies',
      'organizations:ListRoots',
      'rds:DescribeDBClusterSnapshotAttributes',
      'rds:DescribeDBSnapshotAttributes',
      's3:GetBucketLocation',
      'sns:ListSubscriptionsByTopic',
      'sts:GetCallerIdentity',
    ];
    expect(
      documented.filter((a) => !used.includes(a) && !notSeen.includes(a)),
      'documented but never used',
    ).toEqual([]);
    expect([...documented].sort()).toEqual(documented);
  });
});
