import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACME } from './helpers/acme.js';
import { wire, type FakeAws } from './helpers/fake-aws.js';
import { newBundleDir, runBuiltCli, useAcmeServer, type BuiltCliRun } from './helpers/run.js';

// The built CLI (test/global-setup.ts builds dist/): the SDK's credential providers are in its
// bundles as chunks imported on first use, so these paths are run through the build itself.
// What the sample account's assumed-role credentials look like (accountOf in helpers/acme.ts).
const ROLE_KEY = `ASIA${ACME}`;

let fake: FakeAws;
useAcmeServer((f) => (fake = f));

/** The environment of a machine with no static keys: only what each case sets. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  return {
    ...env,
    AWS_CONFIG_FILE: '/nonexistent/auditpack-test/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/auditpack-test/credentials',
    ...extra,
  };
}

function collect(args: string[], env: NodeJS.ProcessEnv): Promise<BuiltCliRun> {
  return runBuiltCli(['collect', '--out', newBundleDir(), '--endpoint-url', fake.url, '--regions', 'us-east-1', '--quiet', ...args], env);
}

/** The access keys the signed calls were made with. */
const signedWith = (): string[] => [...new Set(fake.requests.map((r) => r.accessKeyId).filter(Boolean))];

describe('the built CLI finds credentials through the bundled SDK', () => {
  it('--profile with credential_process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auditpack-profile-'));
    const script = join(dir, 'credentials.sh');
    const credentials = {
      Version: 1,
      AccessKeyId: ROLE_KEY,
      SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
      SessionToken: 'IQoJEXAMPLE',
    };
    writeFileSync(script, `#!/bin/sh\necho '${JSON.stringify(credentials)}'\n`);
    chmodSync(script, 0o755);
    writeFileSync(join(dir, 'config'), `[profile audit]\nregion = us-east-1\ncredential_process = ${script}\n`);

    const run = await collect(['--profile', 'audit'], cleanEnv({ AWS_CONFIG_FILE: join(dir, 'config') }));
    // Complete: in us-east-1 the sample account denies nothing.
    expect(run.code, run.output).toBe(0);
    expect(fake.calls('sts', 'GetCallerIdentity').length).toBeGreaterThan(0);
    expect(signedWith()).toEqual([ROLE_KEY]);
  }, 60_000);

  it('a web identity token and role (EKS IRSA, as deploy/kubernetes runs it), through STS AssumeRoleWithWebIdentity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auditpack-irsa-'));
    writeFileSync(join(dir, 'token'), 'eyJhbGciOiJSUzI1NiIsImtpZCI6IkVYQU1QTEUifQ.e30.EXAMPLE');
    const expiration = new Date(Date.now() + 3_600_000).toISOString();
    fake.on('sts', 'AssumeRoleWithWebIdentity', {
      body: wire('sts/AssumeRoleWithWebIdentity.xml').replace('{{expiration}}', expiration),
      contentType: 'text/xml',
    });
    const role = `arn:aws:iam::${ACME}:role/AuditpackReadOnly`;

    const run = await collect(
      [],
      cleanEnv({
        AWS_REGION: 'us-east-1',
        AWS_WEB_IDENTITY_TOKEN_FILE: join(dir, 'token'),
        AWS_ROLE_ARN: role,
        AWS_ROLE_SESSION_NAME: 'auditpack',
        // The credential provider's own STS client does not take --endpoint-url.
        AWS_ENDPOINT_URL_STS: fake.url,
      }),
    );
    expect(run.code, run.output).toBe(0);
    const assumed = fake.calls('sts', 'AssumeRoleWithWebIdentity');
    expect(assumed.length).toBeGreaterThan(0);
    expect(assumed[0]?.params).toMatchObject({
      RoleArn: role,
      RoleSessionName: 'auditpack',
      WebIdentityToken: 'eyJhbGciOiJSUzI1NiIsImtpZCI6IkVYQU1QTEUifQ.e30.EXAMPLE',
    });
    expect(signedWith()).toEqual([ROLE_KEY]);
  }, 60_000);
});
