import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { isIP } from 'node:net';
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { AccountClient } from '@aws-sdk/client-account';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EFSClient } from '@aws-sdk/client-efs';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { Macie2Client } from '@aws-sdk/client-macie2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { AdaptiveRetryStrategy, DefaultRateLimiter } from '@smithy/core/retry';

/** The SDK v3 client of each service, by the name the bundle files it under (`aws/<account>/<region>/<service>/`). */
const CLIENTS = {
  accessanalyzer: AccessAnalyzerClient,
  account: AccountClient,
  cloudtrail: CloudTrailClient,
  cloudwatch: CloudWatchClient,
  config: ConfigServiceClient,
  ec2: EC2Client,
  efs: EFSClient,
  guardduty: GuardDutyClient,
  iam: IAMClient,
  kms: KMSClient,
  logs: CloudWatchLogsClient,
  macie2: Macie2Client,
  organizations: OrganizationsClient,
  rds: RDSClient,
  s3: S3Client,
  s3control: S3ControlClient,
  securityhub: SecurityHubClient,
  sns: SNSClient,
  sts: STSClient,
} as const;

/** A service the collector calls, named as in the bundle. */
export type ServiceName = keyof typeof CLIENTS;

/** The SDK client type of a service. */
export type ClientOf<S extends ServiceName> = InstanceType<(typeof CLIENTS)[S]>;

/** A credentials provider, as every SDK client accepts it. */
export type Credentials = STSClient['config']['credentials'];

// The SDK's AWS_ENDPOINT_URL_<SERVICE> suffixes for the two services whose addressing we adjust.
const ENDPOINT_ENV: Partial<Record<ServiceName, string>> = { s3: 'S3', s3control: 'S3_CONTROL' };

/** How every client of a run is configured. */
export interface ClientSettings {
  /** `--profile`: credentials (and default region) from this shared-config profile. */
  profile?: string;
  /** `--endpoint-url`: every service at this URL (an emulator or a private endpoint). */
  endpointUrl?: string;
  /** The environment, for the SDK's own AWS_ENDPOINT_URL variables. */
  env: NodeJS.ProcessEnv;
  /** Attempts per call, retries included. */
  maxAttempts: number;
  /** Tests only: a fixed retry delay in ms instead of the SDK's backoff (and a matching adaptive rate floor), to keep retries fast. */
  retryDelayMs?: number;
  /** Region for global services (IAM, STS, S3 ListBuckets, S3 Control) and DescribeRegions. */
  homeRegion: string;
}

/**
 * Creates SDK clients on first use, one per account × region × service, so each endpoint keeps its
 * own adaptive-retry state; all of them share keep-alive connection pools.
 */
export class ClientPool {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;

  constructor(
    readonly settings: ClientSettings,
    maxSockets: number,
  ) {
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets });
  }

  /** Clients for one account; drop the returned object when the account is done. */
  forAccount(credentials: Credentials | undefined): AccountClients {
    return new AccountClients(this, credentials);
  }

  /** Builds one client (the same settings for every service, plus S3's addressing rules). */
  create<S extends ServiceName>(service: S, region: string, credentials: Credentials | undefined): ClientOf<S> {
    const { settings } = this;
    const config: Record<string, unknown> = {
      region: region === 'global' ? settings.homeRegion : region,
      maxAttempts: settings.maxAttempts,
      retryMode: 'adaptive',
      requestHandler: { httpAgent: this.httpAgent, httpsAgent: this.httpsAgent, connectionTimeout: 10_000, requestTimeout: 120_000 },
    };
    if (settings.retryDelayMs !== undefined) {
      const delay = settings.retryDelayMs;
      // After a throttle the adaptive limiter of a fresh client drops to 0.5 requests a second;
      // tests raise that floor along with the delay.
      config.retryStrategy = new AdaptiveRetryStrategy(settings.maxAttempts, {
        backoff: { computeNextBackoffDelay: () => delay, setDelayBase: () => undefined },
        rateLimiter: new DefaultRateLimiter({ minFillRate: 1000 / Math.max(1, delay) }),
      });
    }
    if (credentials) config.credentials = credentials;
    if (settings.profile !== undefined) config.profile = settings.profile;
    const endpoint = settings.endpointUrl ?? configuredEndpoint(service, settings.env);
    if (settings.endpointUrl !== undefined) config.endpoint = settings.endpointUrl;
    if (service === 's3' && endpoint !== undefined) config.forcePathStyle = true;
    if (service === 's3control' && endpoint !== undefined && !hostTakesPrefix(endpoint)) {
      // S3 Control puts the account id in front of the host name, which an IP address or
      // "localhost" cannot take; such an endpoint is used as it is.
      const url = new URL(endpoint);
      config.endpoint = endpoint;
      config.endpointProvider = () => ({ url });
    }
    const Client = CLIENTS[service] as unknown as new (config: Record<string, unknown>) => ClientOf<S>;
    return new Client(config);
  }

  /** Closes idle keep-alive connections at the end of the run. */
  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** The lazily created clients of one account. */
export class AccountClients {
  private readonly clients = new Map<string, unknown>();

  constructor(
    private readonly pool: ClientPool,
    readonly credentials: Credentials | undefined,
  ) {}

  /** The client for a service in a region (`global`: the home region). */
  get<S extends ServiceName>(service: S, region: string): ClientOf<S> {
    const key = `${service}|${region === 'global' ? this.pool.settings.homeRegion : region}`;
    let client = this.clients.get(key) as ClientOf<S> | undefined;
    if (!client) {
      client = this.pool.create(service, region, this.credentials);
      this.clients.set(key, client);
    }
    return client;
  }
}

/** The endpoint the SDK itself would take from AWS_ENDPOINT_URL(_<SERVICE>), unless told to ignore them. */
function configuredEndpoint(service: ServiceName, env: NodeJS.ProcessEnv): string | undefined {
  if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true') return undefined;
  const suffix = ENDPOINT_ENV[service];
  return (suffix ? env[`AWS_ENDPOINT_URL_${suffix}`] : undefined) || env.AWS_ENDPOINT_URL || undefined;
}

function hostTakesPrefix(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return true;
  }
  return isIP(host) === 0 && host !== 'localhost';
}
