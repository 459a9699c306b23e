// A synthetic organisation bundle for benchmarks and scale tests: ACCOUNTS accounts × 2 regions;
// each account has USERS IAM users in its credential report and SGS security groups per region,
// shaped as AWS returns them. Plain TypeScript with erasable syntax only, so Node 24 runs it as is.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface GenerateOptions {
  accounts: number;
  users: number;
  sgs: number;
  regions?: string[];
}

export interface Generated {
  dir: string;
  accounts: string[];
  files: number;
  /** Users (with root) plus security groups: what the checks judge. */
  resources: number;
}

const AT = '2026-09-30T08:04:12.000Z';
const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

/** Writes the bundle into `dir` (which must exist and be empty) and returns its shape. */
export function generateBundle(dir: string, options: GenerateOptions): Generated {
  const regions = options.regions ?? ['eu-west-1', 'us-east-1'];
  const files: Record<string, unknown>[] = [];
  const write = (
    account: string,
    region: string,
    service: string,
    operation: string,
    body: unknown,
    extra: Record<string, unknown> = {},
  ): void => {
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
      collectedAt: AT,
      status: 'ok',
      ...extra,
    });
  };
  const ids = Array.from({ length: options.accounts }, (_, i) => String(100000000000 + i));
  for (const account of ids) {
    const rows = [
      `<root_account>,arn:aws:iam::${account}:root,2019-04-02T16:20:11+00:00,not_supported,2026-09-12T10:05:37+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
    ];
    for (let u = 0; u < options.users; u++) {
      rows.push(
        `user${u},arn:aws:iam::${account}:user/user${u},2021-06-14T09:30:02+00:00,true,2026-09-29T15:42:10+00:00,2026-07-20T08:11:45+00:00,N/A,${u % 7 ? 'true' : 'false'},true,2026-0${1 + (u % 9)}-01T10:03:27+00:00,2026-09-29T16:20:00+00:00,us-east-1,ec2,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
      );
    }
    write(account, 'global', 'iam', 'GetCredentialReport', [HEADER, ...rows].join('\n'), {
      contentType: 'text/csv',
      fields: { GeneratedTime: '2026-09-30T07:58:40.000Z', ReportFormat: 'text/csv' },
    });
    write(account, 'global', 'iam', 'GetAccountPasswordPolicy', {
      PasswordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24 },
    });
    for (const region of regions) {
      const groups = Array.from({ length: options.sgs }, (_, g) => ({
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
  files.sort((a, b) => (String(a.path) < String(b.path) ? -1 : 1));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      formatVersion: 1,
      bundleId: '00000000-0000-4000-8000-00000000b0b0',
      tool: { name: 'auditpack', version: 'bench' },
      collection: { startedAt: AT, finishedAt: AT, complete: true },
      // Every tenth account has a name, as Organizations gives it.
      scope: { accounts: ids.map((id, i) => (i % 10 === 0 ? { id, name: `Workload ${i}` } : { id })), regions },
      files,
      errors: [],
    }),
  );
  return { dir, accounts: ids, files: files.length, resources: options.accounts * (options.users + 1 + regions.length * options.sgs) };
}
