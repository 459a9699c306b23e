import type { Agent as HttpAgentType } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import type { STSClient } from '@aws-sdk/client-sts';
import { AdaptiveRetryStrategy, DefaultRateLimiter, NodeHttpHandler } from '../shared/aws-sdk/smithy.js';

// Not `import … from 'node:http'`: building that module's ES namespace reads its lazy WebSocket and
// fetch exports, which loads Node's bundled undici (13 MB resident that no call uses).
// scripts/bundle-sdk.mjs gives the SDK node:http the same way.
const { Agent: HttpAgent } = createRequire(import.meta.url)('node:http') as typeof import('node:http');

/**
 * The SDK v3 client of each service, by the name the bundle files it under (`aws/<account>/<region>/<service>/`).
 * Each package is imported on first use: a run loads only the services it calls, and commands that
 * call none load none.
 */
const CLIENTS = {
  accessanalyzer: async () => (await import('../shared/aws-sdk/client-accessanalyzer.js')).AccessAnalyzerClient,
  account: async () => (await import('../shared/aws-sdk/client-account.js')).AccountClient,
  acm: async () => (await import('../shared/aws-sdk/client-acm.js')).ACMClient,
  apigateway: async () => (await import('../shared/aws-sdk/client-api-gateway.js')).APIGatewayClient,
  applicationautoscaling: async () => (await import('../shared/aws-sdk/client-application-auto-scaling.js')).ApplicationAutoScalingClient,
  autoscaling: async () => (await import('../shared/aws-sdk/client-auto-scaling.js')).AutoScalingClient,
  backup: async () => (await import('../shared/aws-sdk/client-backup.js')).BackupClient,
  cloudtrail: async () => (await import('../shared/aws-sdk/client-cloudtrail.js')).CloudTrailClient,
  cloudwatch: async () => (await import('../shared/aws-sdk/client-cloudwatch.js')).CloudWatchClient,
  codebuild: async () => (await import('../shared/aws-sdk/client-codebuild.js')).CodeBuildClient,
  config: async () => (await import('../shared/aws-sdk/client-config-service.js')).ConfigServiceClient,
  dms: async () => (await import('../shared/aws-sdk/client-database-migration-service.js')).DatabaseMigrationServiceClient,
  dynamodb: async () => (await import('../shared/aws-sdk/client-dynamodb.js')).DynamoDBClient,
  ec2: async () => (await import('../shared/aws-sdk/client-ec2.js')).EC2Client,
  ecs: async () => (await import('../shared/aws-sdk/client-ecs.js')).ECSClient,
  efs: async () => (await import('../shared/aws-sdk/client-efs.js')).EFSClient,
  elasticache: async () => (await import('../shared/aws-sdk/client-elasticache.js')).ElastiCacheClient,
  elasticbeanstalk: async () => (await import('../shared/aws-sdk/client-elastic-beanstalk.js')).ElasticBeanstalkClient,
  elb: async () => (await import('../shared/aws-sdk/client-elastic-load-balancing.js')).ElasticLoadBalancingClient,
  elbv2: async () => (await import('../shared/aws-sdk/client-elastic-load-balancing-v2.js')).ElasticLoadBalancingV2Client,
  emr: async () => (await import('../shared/aws-sdk/client-emr.js')).EMRClient,
  guardduty: async () => (await import('../shared/aws-sdk/client-guardduty.js')).GuardDutyClient,
  iam: async () => (await import('../shared/aws-sdk/client-iam.js')).IAMClient,
  kinesis: async () => (await import('../shared/aws-sdk/client-kinesis.js')).KinesisClient,
  kms: async () => (await import('../shared/aws-sdk/client-kms.js')).KMSClient,
  lambda: async () => (await import('../shared/aws-sdk/client-lambda.js')).LambdaClient,
  logs: async () => (await import('../shared/aws-sdk/client-cloudwatch-logs.js')).CloudWatchLogsClient,
  macie2: async () => (await import('../shared/aws-sdk/client-macie2.js')).Macie2Client,
  opensearch: async () => (await import('../shared/aws-sdk/client-opensearch.js')).OpenSearchClient,
  organizations: async () => (await import('../shared/aws-sdk/client-organizations.js')).OrganizationsClient,
  rds: async () => (await import('../shared/aws-sdk/client-rds.js')).RDSClient,
  redshift: async () => (await import('../shared/aws-sdk/client-redshift.js')).RedshiftClient,
  s3: async () => (await import('../shared/aws-sdk/client-s3.js')).S3Client,
  s3control: async () => (await import('../shared/aws-sdk/client-s3-control.js')).S3ControlClient,
  sagemaker: async () => (await import('../shared/aws-sdk/client-sagemaker.js')).SageMakerClient,
  secretsmanager: async () => (await import('../shared/aws-sdk/client-secrets-manager.js')).SecretsManagerClient,
  securityhub: async () => (await import('../shared/aws-sdk/client-securityhub.js')).SecurityHubClient,
  sns: async () => (await import('../shared/aws-sdk/client-sns.js')).SNSClient,
  ssm: async () => (await import('../shared/aws-sdk/client-ssm.js')).SSMClient,
  sts: async () => (await import('../shared/aws-sdk/client-sts.js')).STSClient,
  wafv2: async () => (await import('../shared/aws-sdk/client-wafv2.js')).WAFV2Client,
} as const;

/** A service the collector calls, named as in the bundle. */
export type ServiceName = keyof typeof CLIENTS;

/** The SDK client type of a service. */
export type ClientOf<S extends ServiceName> = InstanceType<Awaited<ReturnType<(typeof CLIENTS)[S]>>>;

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
  /**
   * SDK retries of a throttled request before it is handed back to the caller (the collector's
   * scheduler re-queues it without holding a slot); default: every attempt of `maxAttempts`.
   */
  sdkThrottleRetries?: number;
  /** Region for global services (IAM, STS, S3 ListBuckets, S3 Control) and DescribeRegions. */
  homeRegion: string;
}

/**
 * Creates SDK clients on first use, one per account × region × service, so each endpoint keeps its
 * own adaptive-retry state; all of them share keep-alive connection pools.
 */
export class ClientPool {
  private readonly httpAgent: HttpAgentType;
  private readonly httpsAgent: HttpsAgent;
  private readonly loading = new Map<ServiceName, Promise<void>>();
  private readonly constructors = new Map<ServiceName, unknown>();

  constructor(
    readonly settings: ClientSettings,
    maxSockets: number,
  ) {
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets });
  }

  /** Imports a service's SDK package (once); {@link create} needs it loaded. */
  async load(service: ServiceName): Promise<void> {
    if (this.constructors.has(service)) return;
    let loading = this.loading.get(service);
    if (!loading) {
      loading = CLIENTS[service]().then((Client) => {
        this.constructors.set(service, Client);
      });
      this.loading.set(service, loading);
    }
    await loading;
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
      // An explicit HTTP/1.1 handler: Kinesis's client would otherwise speak HTTP/2 (for SubscribeToShard,
      // which we never call), bypassing the shared keep-alive pools and failing against HTTP/1.1 emulators.
      requestHandler: new NodeHttpHandler({
        httpAgent: this.httpAgent,
        httpsAgent: this.httpsAgent,
        connectionTimeout: 10_000,
        requestTimeout: 120_000,
      }),
    };
    let strategy = new AdaptiveRetryStrategy(settings.maxAttempts);
    if (settings.retryDelayMs !== undefined) {
      const delay = settings.retryDelayMs;
      // After a throttle the adaptive limiter of a fresh client drops to 0.5 requests a second;
      // tests raise that floor along with the delay.
      strategy = new AdaptiveRetryStrategy(settings.maxAttempts, {
        backoff: { computeNextBackoffDelay: () => delay, setDelayBase: () => undefined },
        rateLimiter: new DefaultRateLimiter({ minFillRate: 1000 / Math.max(1, delay) }),
      });
    }
    if (settings.sdkThrottleRetries !== undefined)
      config.retryStrategy = new ThrottleHandingRetryStrategy(strategy, settings.sdkThrottleRetries);
    else config.retryStrategy = strategy;
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
    const Client = this.constructors.get(service) as (new (config: Record<string, unknown>) => ClientOf<S>) | undefined;
    if (!Client) throw new Error(`internal: the ${service} SDK client is used before ClientPool.load('${service}')`);
    return new Client(config);
  }

  /** Closes idle keep-alive connections at the end of the run. */
  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

// The SDK's retry-strategy types, without a dependency on @smithy/types.
type RetryToken = Parameters<AdaptiveRetryStrategy['recordSuccess']>[0];
type RetryErrorInfo = Parameters<AdaptiveRetryStrategy['refreshRetryTokenForRetry']>[1];

/**
 * The SDK's adaptive strategy (retry mode `adaptive`: backoff for throttling, 5xx and transient
 * errors, and a client-side rate that drops after a throttle), except that a request still
 * throttled after `throttleRetries` retries is handed back to the caller, whose backoff then
 * holds no slot another service could use.
 */
class ThrottleHandingRetryStrategy {
  readonly mode = 'adaptive';

  constructor(
    private readonly inner: AdaptiveRetryStrategy,
    private readonly throttleRetries: number,
  ) {}

  acquireInitialRetryToken(scope: string): ReturnType<AdaptiveRetryStrategy['acquireInitialRetryToken']> {
    return this.inner.acquireInitialRetryToken(scope);
  }

  async refreshRetryTokenForRetry(
    token: RetryToken,
    errorInfo: RetryErrorInfo,
  ): ReturnType<AdaptiveRetryStrategy['refreshRetryTokenForRetry']> {
    // The inner strategy is asked first so its rate limiter hears of the throttle either way.
    const next = await this.inner.refreshRetryTokenForRetry(token, errorInfo);
    if (errorInfo.errorType === 'THROTTLING' && token.getRetryCount() >= this.throttleRetries)
      throw new Error('throttled: handed to the scheduler');
    return next;
  }

  recordSuccess(token: RetryToken): void {
    this.inner.recordSuccess(token);
  }
}

/** The lazily created clients of one account. */
export class AccountClients {
  private readonly clients = new Map<string, unknown>();

  constructor(
    private readonly pool: ClientPool,
    readonly credentials: Credentials | undefined,
  ) {}

  /** Imports a service's SDK package; {@link get} needs it loaded. */
  load(service: ServiceName): Promise<void> {
    return this.pool.load(service);
  }

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
