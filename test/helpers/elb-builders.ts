import type { TestFile } from './bundle-builder.js';
import type { CheckCase } from './test-check.js';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

/** An ACM certificate ARN. */
export const ACM_CERT = `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/4a1f6c2e-8b3d-4e7a-9c5f-0d2b4e6a8c1f`;
/** An IAM server certificate ARN (uploaded, not from ACM). */
export const IAM_CERT = `arn:aws:iam::${ACCOUNT}:server-certificate/legacy-wildcard-2024`;

type Evidence = NonNullable<CheckCase['evidence']>;

/** A classic listener description: `['HTTPS', 443, cert]`. */
export function classicListener(protocol: string, port: number, certificate?: string): object {
  return {
    Listener: {
      Protocol: protocol,
      LoadBalancerPort: port,
      InstanceProtocol: protocol === 'HTTPS' ? 'HTTP' : protocol === 'SSL' ? 'TCP' : protocol,
      InstancePort: 8080,
      ...(certificate === undefined ? {} : { SSLCertificateId: certificate }),
    },
    PolicyNames: [],
  };
}

/** A Classic Load Balancer as DescribeLoadBalancers stores it: one HTTPS listener with an ACM certificate unless overridden. */
export function classicLb(name: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    LoadBalancerName: name,
    DNSName: `${name}-1234567890.${REGION}.elb.amazonaws.com`,
    ListenerDescriptions: [classicListener('HTTPS', 443, ACM_CERT)],
    AvailabilityZones: ['us-east-1a', 'us-east-1b'],
    Subnets: ['subnet-0a1b2c3d4e5f60718'],
    VPCId: 'vpc-0a3f5c9e1d2b47e86',
    Instances: [],
    CreatedTime: '2023-03-14T09:26:53.590Z',
    Scheme: 'internet-facing',
    ...fields,
  };
}

/** The DescribeLoadBalancerAttributes answer of a Classic Load Balancer (cross-zone on, access logs on unless overridden). */
export function classicAttributes(
  crossZone: unknown = true,
  accessLog: Record<string, unknown> = { Enabled: true, S3BucketName: 'acme-elb-logs' },
): object {
  return {
    LoadBalancerAttributes: {
      CrossZoneLoadBalancing: { Enabled: crossZone },
      AccessLog: { EmitInterval: 60, S3BucketPrefix: 'classic', ...accessLog },
      ConnectionDraining: { Enabled: true, Timeout: 300 },
      ConnectionSettings: { IdleTimeout: 60 },
      AdditionalAttributes: [],
    },
  };
}

/**
 * Classic evidence: these load balancers in us-east-1 (none in eu-west-1), each with the attributes
 * answer in `attributes` (by name; default {@link classicAttributes}(); `null`: no file, e.g. a failed call).
 * The v2 listing is empty, so checks that also read v2 load balancers have it.
 */
export function classicEvidence(lbs: Record<string, unknown>[], attributes: Record<string, object | null> = {}): Evidence {
  const files: TestFile[] = [
    { region: REGION, service: 'elb', operation: 'DescribeLoadBalancers', body: { LoadBalancerDescriptions: lbs } },
    { region: 'eu-west-1', service: 'elb', operation: 'DescribeLoadBalancers', body: { LoadBalancerDescriptions: [] } },
    ...v2Files([]),
  ];
  for (const lb of lbs) {
    const name = lb.LoadBalancerName;
    if (typeof name !== 'string') continue;
    const body = name in attributes ? attributes[name] : classicAttributes();
    if (body)
      files.push({
        region: REGION,
        service: 'elb',
        operation: 'DescribeLoadBalancerAttributes',
        parameters: { LoadBalancerName: name },
        body,
      });
  }
  return { files };
}

const lbId = (name: string) => Buffer.from(name).toString('hex').padEnd(16, '0').slice(0, 16);

/** The ARN of an ELBv2 load balancer of the builders. */
export function v2Arn(name: string, type = 'application'): string {
  return `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/${type === 'application' ? 'app' : type === 'network' ? 'net' : 'gwy'}/${name}/${lbId(name)}`;
}

/** The ARN of a listener of a load balancer of the builders. */
export function listenerArn(name: string, port: number, type = 'application'): string {
  return `${v2Arn(name, type).replace(':loadbalancer/', ':listener/')}/${lbId(`${name}${port}`)}`;
}

/** A redirect action (`#{protocol}` keeps the request's protocol). */
export const redirect = (protocol: string) => ({
  Type: 'redirect',
  Order: 1,
  RedirectConfig: { Protocol: protocol, Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' },
});
/** A forward action. */
export const forward = () => ({
  Type: 'forward',
  TargetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web/73e2d6bc24d8a067`,
});

/** A v2 listener; `extra` overrides fields (Certificates, DefaultActions, …). */
export function v2Listener(
  lb: string,
  protocol: string,
  port: number,
  extra: Record<string, unknown> = {},
  type = 'application',
): Record<string, unknown> {
  const secure = protocol === 'HTTPS' || protocol === 'TLS';
  return {
    ListenerArn: listenerArn(lb, port, type),
    LoadBalancerArn: v2Arn(lb, type),
    Port: port,
    Protocol: protocol,
    ...(secure ? { Certificates: [{ CertificateArn: ACM_CERT }], SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' } : {}),
    DefaultActions: [protocol === 'HTTP' ? redirect('HTTPS') : forward()],
    ...extra,
  };
}

/** A rule of DescribeRules. */
export function rule(priority: string, actions: object[]): object {
  return {
    RuleArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener-rule/app/x/${priority}`,
    Priority: priority,
    Conditions: [],
    Actions: actions,
    IsDefault: priority === 'default',
  };
}

/** One ELBv2 load balancer and its per-resource answers (`null`: no file for that call). */
export interface V2Spec {
  name: string;
  type?: 'application' | 'network' | 'gateway';
  /** Fields of the DescribeLoadBalancers record. */
  fields?: Record<string, unknown>;
  /** Attributes as key → value (merged over the compliant defaults), or a raw answer body, or null. */
  attributes?: Record<string, string> | { raw: object } | null;
  /** The listener records (default: HTTPS:443 and HTTP:80 redirecting), or a raw answer body, or null. */
  listeners?: Record<string, unknown>[] | { raw: object } | null;
  /** DescribeRules per HTTP listener port (default: one default rule with the listener's default actions). */
  rules?: Record<number, object[] | { raw: object } | null>;
  /** The GetWebACLForResource answer (default: associated with acme-web-acl; `{}`: none), or null. */
  webAcl?: object | null;
}

/** A GetWebACLForResource answer naming this web ACL. */
export function webAcl(name = 'acme-web-acl'): object {
  const id = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
  return {
    WebACL: {
      Name: name,
      Id: id,
      ARN: `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/${name}/${id}`,
      DefaultAction: { Allow: {} },
      Rules: [],
      VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: name },
      Capacity: 700,
      ManagedByFirewallManager: false,
      LabelNamespace: `awswaf:${ACCOUNT}:webacl:${name}:`,
    },
  };
}

/** ELBv2 evidence: these load balancers in us-east-1 (none in eu-west-1), and an empty classic listing. */
export function v2Evidence(...specs: V2Spec[]): Evidence {
  return {
    files: [
      { region: REGION, service: 'elb', operation: 'DescribeLoadBalancers', body: { LoadBalancerDescriptions: [] } },
      { region: 'eu-west-1', service: 'elb', operation: 'DescribeLoadBalancers', body: { LoadBalancerDescriptions: [] } },
      ...v2Files(specs),
    ],
  };
}

function v2Files(specs: V2Spec[]): TestFile[] {
  const files: TestFile[] = [{ region: 'eu-west-1', service: 'elbv2', operation: 'DescribeLoadBalancers', body: { LoadBalancers: [] } }];
  const records = specs.map(({ name, type = 'application', fields = {} }) => ({
    LoadBalancerArn: v2Arn(name, type),
    DNSName: `${name}-1234567890.${REGION}.elb.amazonaws.com`,
    CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
    CreatedTime: '2024-05-02T13:41:07.120Z',
    LoadBalancerName: name,
    Scheme: 'internet-facing',
    VpcId: 'vpc-0a3f5c9e1d2b47e86',
    State: { Code: 'active' },
    Type: type,
    AvailabilityZones: [],
    IpAddressType: 'ipv4',
    ...fields,
  }));
  files.push({ region: REGION, service: 'elbv2', operation: 'DescribeLoadBalancers', body: { LoadBalancers: records } });
  for (const spec of specs) {
    const type = spec.type ?? 'application';
    const arn = v2Arn(spec.name, type);
    const file = (operation: string, parameters: Record<string, unknown>, body: object | null, service = 'elbv2') => {
      if (body) files.push({ region: REGION, service, operation, parameters, body });
    };
    const attributes =
      spec.attributes === null
        ? null
        : spec.attributes !== undefined && 'raw' in spec.attributes
          ? (spec.attributes.raw as object)
          : {
              Attributes: Object.entries({
                'deletion_protection.enabled': 'true',
                'access_logs.s3.enabled': 'true',
                'access_logs.s3.bucket': 'acme-elb-logs',
                'access_logs.s3.prefix': '',
                'idle_timeout.timeout_seconds': '60',
                ...spec.attributes,
              }).map(([Key, Value]) => ({ Key, Value })),
            };
    file('DescribeLoadBalancerAttributes', { LoadBalancerArn: arn }, attributes);
    if (type === 'gateway') continue;
    const listeners =
      spec.listeners === undefined
        ? type === 'application'
          ? [v2Listener(spec.name, 'HTTPS', 443), v2Listener(spec.name, 'HTTP', 80)]
          : [v2Listener(spec.name, 'TLS', 443, {}, type)]
        : spec.listeners;
    file(
      'DescribeListeners',
      { LoadBalancerArn: arn },
      listeners === null ? null : 'raw' in listeners ? listeners.raw : { Listeners: listeners },
    );
    if (type !== 'application') continue;
    for (const l of Array.isArray(listeners) ? listeners : []) {
      if (l.Protocol !== 'HTTP') continue;
      const port = l.Port as number;
      const given = spec.rules?.[port];
      const rules = given === undefined ? [rule('default', l.DefaultActions as object[])] : given;
      file('DescribeRules', { ListenerArn: l.ListenerArn }, rules === null ? null : 'raw' in rules ? rules.raw : { Rules: rules });
    }
    file('GetWebACLForResource', { ResourceArn: arn }, spec.webAcl === undefined ? webAcl() : spec.webAcl, 'wafv2');
  }
  return files;
}
