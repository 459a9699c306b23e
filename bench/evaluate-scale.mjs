// Benchmark: how time and memory grow with the size of a bundle, for `report --format json`.
// Writes a synthetic bundle (ACCOUNTS accounts × 2 regions; each account has USERS IAM users in its
// credential report and SGS security groups per region), then opens + verifies it and evaluates the
// CIS v5.0.0 catalog, printing wall time and peak RSS. Needs a built dist/ (npm run build).
//   node bench/evaluate-scale.mjs [ACCOUNTS=50] [USERS=200] [SGS=500]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openBundle } from '../dist/bundle/read-bundle.js';
import { loadCatalog } from '../dist/catalog/load-catalog.js';
import { checks, findCheck } from '../dist/checks/registry.js';
import { evaluate } from '../dist/evaluate/evaluate.js';

const [accounts = 50, users = 200, sgs = 500] = process.argv.slice(2).map(Number);
const regions = ['eu-west-1', 'us-east-1'];
const at = '2026-09-30T08:04:12.000Z';
const dir = mkdtempSync(join(tmpdir(), 'auditpack-bench-'));
const files = [];
const write = (account, region, service, operation, body, extra = {}) => {
  const ext = typeof body === 'string' ? 'csv' : 'json';
  const path = `aws/${account}/${region}/${service}/${operation}.${ext}`;
  const text = typeof body === 'string' ? body : `${JSON.stringify(body)}\n`;
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
  files.push({
    path,
    sha256: createHash('sha256').update(text).digest('hex'),
    size: Buffer.byteLength(text),
    account,
    region,
    service,
    operation,
    parameters: {},
    collectedAt: at,
    status: 'ok',
    ...extra,
  });
};
const header =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const ids = Array.from({ length: accounts }, (_, i) => String(100000000000 + i));
const t0 = performance.now();
for (const account of ids) {
  const rows = [
    `<root_account>,arn:aws:iam::${account}:root,2019-04-02T16:20:11+00:00,not_supported,2026-09-12T10:05:37+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  ];
  for (let u = 0; u < users; u++) {
    rows.push(
      `user${u},arn:aws:iam::${account}:user/user${u},2021-06-14T09:30:02+00:00,true,2026-09-29T15:42:10+00:00,2026-07-20T08:11:45+00:00,N/A,${u % 7 ? 'true' : 'false'},true,2026-0${1 + (u % 9)}-01T10:03:27+00:00,2026-09-29T16:20:00+00:00,us-east-1,ec2,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
    );
  }
  write(account, 'global', 'iam', 'GetCredentialReport', [header, ...rows].join('\n'), {
    contentType: 'text/csv',
    fields: { GeneratedTime: '2026-09-30T07:58:40.000Z', ReportFormat: 'text/csv' },
  });
  write(account, 'global', 'iam', 'GetAccountPasswordPolicy', {
    PasswordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24 },
  });
  for (const region of regions) {
    const groups = Array.from({ length: sgs }, (_, g) => ({
      GroupId: `sg-${g.toString(16).padStart(8, '0')}`,
      GroupName: `g${g}`,
      OwnerId: account,
      VpcId: 'vpc-1',
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: g % 50 ? 443 : 22,
          ToPort: g % 50 ? 443 : 22,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [],
          UserIdGroupPairs: [],
          PrefixListIds: [],
        },
      ],
      IpPermissionsEgress: [],
    }));
    write(account, region, 'ec2', 'DescribeSecurityGroups', { SecurityGroups: groups });
    write(account, region, 'ec2', 'GetEbsEncryptionByDefault', { EbsEncryptionByDefault: true, SseType: 'sse-ebs' });
  }
}
files.sort((a, b) => (a.path < b.path ? -1 : 1));
writeFileSync(
  join(dir, 'manifest.json'),
  JSON.stringify({
    formatVersion: 1,
    bundleId: '00000000-0000-4000-8000-00000000b0b0',
    tool: { name: 'auditpack', version: 'bench' },
    collection: { startedAt: at, finishedAt: at, complete: true },
    scope: { accounts: ids.map((id) => ({ id })), regions },
    files,
    errors: [],
  }),
);
const written = performance.now();

const catalog = await loadCatalog(
  'controls/cis-aws-foundations-v5.0.0.yaml',
  findCheck,
  checks.map((c) => c.id),
);
const bundle = await openBundle(dir);
const opened = performance.now();
const results = await evaluate(bundle, catalog, { findCheck, toolVersion: 'bench', catalogFileName: 'cis.yaml' });
const evaluated = performance.now();
const findings = results.requirements.reduce((n, r) => n + r.checks.reduce((m, c) => m + c.findings.length, 0), 0);
const resources = accounts * (users + 1 + regions.length * sgs);
console.log(`accounts ${accounts}, resources ${resources}, files ${files.length}, findings ${findings}`);
console.log(
  `write ${((written - t0) / 1000).toFixed(1)} s, open+verify ${((opened - written) / 1000).toFixed(1)} s, evaluate ${((evaluated - opened) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
rmSync(dir, { recursive: true, force: true });
