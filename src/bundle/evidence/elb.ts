import type { LoadBalancerDescription, DescribeAccessPointsOutput } from '@aws-sdk/client-elastic-load-balancing';
import type {
  Action,
  DescribeListenersOutput,
  DescribeLoadBalancersOutput,
  DescribeRulesOutput,
  Listener,
  LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { GetWebACLForResourceResponse } from '@aws-sdk/client-wafv2';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle } from '../read-bundle.js';
import { afterCollection, callWhere, listField, loadPages, mapRecords, type Wire } from './wire.js';

/** A field that could be read, or why not (it makes only the findings that read it NOT_EVALUATED). */
export type Readable<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A listener of a Classic Load Balancer, from its ListenerDescriptions. */
export interface ClassicListener {
  /** HTTP, HTTPS, TCP or SSL (upper-cased). */
  protocol: string;
  port: number | undefined;
  /** The ARN of the ACM or IAM server certificate of an HTTPS or SSL listener. */
  certificateId: string | undefined;
}

/** What DescribeLoadBalancerAttributes says of a Classic Load Balancer; `undefined`: the answer omits it. */
export interface ClassicAttributes {
  crossZone: boolean | undefined;
  accessLog: { enabled: boolean | undefined; bucket: string | undefined };
}

/** A Classic Load Balancer. */
export interface ClassicLoadBalancer {
  name: string;
  /** Built from the name: DescribeLoadBalancers of the classic API returns no ARN. */
  arn: string;
  listeners: Readable<ClassicListener[]>;
  /** From the load balancer's own DescribeLoadBalancerAttributes call. */
  attributes: Evidence<ClassicAttributes>;
}

/**
 * `elasticloadbalancing:DescribeLoadBalancers` (classic API) of one region, every page, typed per
 * load balancer, with `DescribeLoadBalancerAttributes` of each found by LoadBalancerName. One without
 * a name, or created after collection ended, is set aside as unusable.
 */
export const classicLoadBalancers = defineEvidence<ClassicLoadBalancer[]>({
  name: 'Classic Load Balancers',
  scope: 'region',
  async load(bundle, { account, region }) {
    const where = `elb DescribeLoadBalancers of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<DescribeAccessPointsOutput>(bundle, { account, region, service: 'elb', operation: 'DescribeLoadBalancers' }),
      (pages) => pages.flatMap((page) => listField(page, 'LoadBalancerDescriptions')),
      where,
      (lb: Wire<LoadBalancerDescription>, index) => {
        const name = text(lb.LoadBalancerName);
        if (!name) throw new UnusableRecordError(`${where}, load balancer ${index + 1}`, 'lacks LoadBalancerName');
        const arn = `arn:${partitionOf(region)}:elasticloadbalancing:${region}:${account}:loadbalancer/${name}`;
        const reason = afterCollection(lb.CreatedTime, 'CreatedTime', bundle.collectedAt);
        if (reason) throw new UnusableRecordError(arn, reason);
        return { name, arn, listeners: readable(() => classicListeners(lb)) };
      },
    );
    if (!listed.ok) return listed;
    const operation = { account, region, service: 'elb', operation: 'DescribeLoadBalancerAttributes' };
    const value = await Promise.all(
      listed.value.map(async (lb): Promise<ClassicLoadBalancer> => ({
        ...lb,
        attributes: await loadOne(
          bundle,
          callWhere(bundle, operation, 'LoadBalancerName', [lb.name]),
          `elb:DescribeLoadBalancerAttributes of ${lb.name}`,
          classicAttributes,
        ),
      })),
    );
    return { ...listed, value };
  },
});

function classicListeners(lb: Wire<LoadBalancerDescription>): ClassicListener[] {
  return listField(lb, 'ListenerDescriptions').map((description, index) => {
    const listener = (description as { Listener?: unknown } | null)?.Listener;
    if (typeof listener !== 'object' || listener === null) throw new Error(`listener ${index + 1} has no Listener`);
    const { Protocol, LoadBalancerPort, SSLCertificateId } = listener as Record<string, unknown>;
    if (typeof Protocol !== 'string' || Protocol === '') throw new Error(`listener ${index + 1} has no Protocol`);
    return {
      protocol: Protocol.toUpperCase(),
      port: typeof LoadBalancerPort === 'number' ? LoadBalancerPort : undefined,
      certificateId: text(SSLCertificateId),
    };
  });
}

function classicAttributes(answer: Record<string, unknown>): ClassicAttributes {
  const attributes = answer.LoadBalancerAttributes;
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))
    throw new Error('the answer has no LoadBalancerAttributes');
  const { CrossZoneLoadBalancing: crossZone, AccessLog: accessLog } = attributes as Record<string, unknown>;
  const part = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return {
    crossZone: flag(part(crossZone).Enabled),
    accessLog: { enabled: flag(part(accessLog).Enabled), bucket: text(part(accessLog).S3BucketName) },
  };
}

/** An action of an ELBv2 listener or rule. */
export interface Elbv2Action {
  /** forward, redirect, fixed-response, authenticate-oidc, authenticate-cognito (lower-cased). */
  type: string;
  /** The protocol a redirect action sends to (HTTP, HTTPS or `#{protocol}`); `undefined` for other actions. */
  redirectProtocol: string | undefined;
}

/** A listener of an application or network load balancer. */
export interface Elbv2Listener {
  arn: string;
  port: number | undefined;
  /** HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP (upper-cased). */
  protocol: string;
  /** The default certificate's ARN (DescribeListeners names only the default one). */
  certificateArns: string[];
  defaultActions: Readable<Elbv2Action[]>;
  /** The rules of an HTTP listener of an application load balancer (default rule included); `undefined` for others, never asked for. */
  rules: Evidence<{ priority: string; isDefault: boolean; actions: Elbv2Action[] }[]> | undefined;
}

/** An ELBv2 (application, network or gateway) load balancer. */
export interface Elbv2LoadBalancer {
  name: string;
  arn: string;
  /** application, network or gateway; `undefined` when the answer omits Type. */
  type: string | undefined;
  /** DescribeLoadBalancerAttributes as a key → value map. */
  attributes: Evidence<ReadonlyMap<string, string>>;
  /** DescribeListeners of an application or network load balancer; `undefined` for gateway load balancers, never asked for. */
  listeners: Evidence<Elbv2Listener[]> | undefined;
  /** GetWebACLForResource of an application load balancer: the web ACL, `null` when none is associated; `undefined` for other types. */
  webAcl: Evidence<{ name: string | undefined; id: string | undefined; arn: string | undefined } | null> | undefined;
}

/**
 * `elasticloadbalancing:DescribeLoadBalancers` (v2 API) of one region, every page, typed per load
 * balancer, with its DescribeLoadBalancerAttributes, DescribeListeners (application and network),
 * DescribeRules of each HTTP listener and `wafv2:GetWebACLForResource` (application), each found by
 * the ARN it was asked for. One without an ARN, or created after collection ended, is unusable.
 */
export const elbv2LoadBalancers = defineEvidence<Elbv2LoadBalancer[]>({
  name: 'ELBv2 load balancers',
  scope: 'region',
  async load(bundle, { account, region }) {
    const where = `elbv2 DescribeLoadBalancers of ${account}/${region}`;
    const listed = mapRecords(
      await loadPages<DescribeLoadBalancersOutput>(bundle, { account, region, service: 'elbv2', operation: 'DescribeLoadBalancers' }),
      (pages) => pages.flatMap((page) => listField(page, 'LoadBalancers')),
      where,
      (lb: Wire<LoadBalancer>, index) => {
        const arn = text(lb.LoadBalancerArn);
        if (!arn) throw new UnusableRecordError(`${where}, load balancer ${index + 1}`, 'lacks LoadBalancerArn');
        const reason = afterCollection(lb.CreatedTime, 'CreatedTime', bundle.collectedAt);
        if (reason) throw new UnusableRecordError(arn, reason);
        return { arn, name: text(lb.LoadBalancerName) ?? arn.split('/')[2] ?? arn, type: text(lb.Type)?.toLowerCase() };
      },
    );
    if (!listed.ok) return listed;
    const at = (operation: string, service = 'elbv2'): Omit<CallKey, 'parameters'> => ({ account, region, service, operation });
    const value = await Promise.all(
      listed.value.map(async (lb): Promise<Elbv2LoadBalancer> => {
        const attributes = await loadOne(
          bundle,
          callWhere(bundle, at('DescribeLoadBalancerAttributes'), 'LoadBalancerArn', [lb.arn]),
          `elbv2:DescribeLoadBalancerAttributes of ${lb.name}`,
          attributeMap,
        );
        const listeners =
          lb.type === 'application' || lb.type === 'network'
            ? await loadListeners(bundle, callWhere(bundle, at('DescribeListeners'), 'LoadBalancerArn', [lb.arn]), lb, at('DescribeRules'))
            : undefined;
        const webAcl =
          lb.type === 'application'
            ? await loadOne(
                bundle,
                callWhere(bundle, at('GetWebACLForResource', 'wafv2'), 'ResourceArn', [lb.arn]),
                `wafv2:GetWebACLForResource of ${lb.name}`,
                webAclOf,
              )
            : undefined;
        return { ...lb, attributes, listeners, webAcl };
      }),
    );
    return { ...listed, value };
  },
});

async function loadListeners(
  bundle: EvidenceBundle,
  key: CallKey,
  lb: { name: string; type: string | undefined },
  rulesOperation: Omit<CallKey, 'parameters'>,
): Promise<Evidence<Elbv2Listener[]>> {
  const loaded = await loadPages<DescribeListenersOutput>(bundle, key);
  if (!loaded.ok) return loaded;
  let listeners: Omit<Elbv2Listener, 'rules'>[];
  try {
    listeners = loaded.value.flatMap((page) => listField(page, 'Listeners')).map((l, index) => typeListener(l, index));
  } catch (error) {
    return { ok: false, reason: `elbv2:DescribeListeners of ${lb.name} could not be read: ${messageOf(error)}`, errors: [] };
  }
  const value = await Promise.all(
    listeners.map(async (l): Promise<Elbv2Listener> => ({
      ...l,
      rules:
        lb.type === 'application' && l.protocol === 'HTTP'
          ? await loadRules(
              bundle,
              callWhere(bundle, rulesOperation, 'ListenerArn', [l.arn]),
              `elbv2:DescribeRules of ${lb.name} listener ${l.port ?? l.arn}`,
            )
          : undefined,
    })),
  );
  return { ok: true, value, files: loaded.files };
}

function typeListener(l: Wire<Listener>, index: number): Omit<Elbv2Listener, 'rules'> {
  if (typeof l !== 'object' || l === null) throw new Error(`listener ${index + 1} is not an object`);
  const arn = text(l.ListenerArn);
  if (!arn) throw new Error(`listener ${index + 1} lacks ListenerArn`);
  const protocol = text(l.Protocol);
  if (!protocol) throw new Error(`listener ${arn} lacks Protocol`);
  const certificateArns = listField(l, 'Certificates').map((c) => {
    const certificate = text((c as { CertificateArn?: unknown } | null)?.CertificateArn);
    if (!certificate) throw new Error(`a certificate of listener ${arn} lacks CertificateArn`);
    return certificate;
  });
  return {
    arn,
    port: typeof l.Port === 'number' ? l.Port : undefined,
    protocol: protocol.toUpperCase(),
    certificateArns,
    defaultActions: readable(() => actions(listField(l, 'DefaultActions'))),
  };
}

async function loadRules(bundle: EvidenceBundle, key: CallKey, what: string): Promise<NonNullable<Elbv2Listener['rules']>> {
  const loaded = await loadPages<DescribeRulesOutput>(bundle, key);
  if (!loaded.ok) return loaded;
  try {
    const value = loaded.value
      .flatMap((page) => listField(page, 'Rules'))
      .map((rule, index) => {
        if (typeof rule !== 'object' || rule === null) throw new Error(`rule ${index + 1} is not an object`);
        const isDefault = rule.IsDefault === true;
        const priority = text(rule.Priority) ?? (isDefault ? 'default' : `#${index + 1}`);
        return { priority, isDefault, actions: actions(listField(rule, 'Actions')) };
      });
    return { ok: true, value, files: loaded.files };
  } catch (error) {
    return { ok: false, reason: `${what} could not be read: ${messageOf(error)}`, errors: [] };
  }
}

function actions(list: readonly Wire<Action>[]): Elbv2Action[] {
  if (list.length === 0) throw new Error('no actions are listed');
  return list.map((action, index) => {
    const type = text((action as { Type?: unknown } | null)?.Type);
    if (!type) throw new Error(`action ${index + 1} lacks Type`);
    const redirect = action.RedirectConfig;
    const redirectProtocol = typeof redirect === 'object' && redirect !== null ? text(redirect.Protocol) : undefined;
    if (type.toLowerCase() === 'redirect' && redirectProtocol === undefined)
      throw new Error(`redirect action ${index + 1} lacks RedirectConfig.Protocol`);
    return { type: type.toLowerCase(), redirectProtocol: type.toLowerCase() === 'redirect' ? redirectProtocol : undefined };
  });
}

function attributeMap(answer: Record<string, unknown>): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const attribute of listField(answer as { Attributes?: unknown[] }, 'Attributes')) {
    const { Key: key, Value: value } = (attribute ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof key !== 'string' || typeof value !== 'string')
      throw new Error(`Attributes holds ${JSON.stringify(attribute)}, not a Key and Value`);
    map.set(key, value);
  }
  return map;
}

function webAclOf(
  answer: Wire<GetWebACLForResourceResponse>,
): { name: string | undefined; id: string | undefined; arn: string | undefined } | null {
  const acl = answer.WebACL;
  if (acl === undefined || acl === null) return null;
  if (typeof acl !== 'object') throw new Error(`WebACL is ${JSON.stringify(acl)}, not a web ACL`);
  const found = { name: text(acl.Name), id: text(acl.Id), arn: text(acl.ARN) };
  if (!found.arn && !found.id) throw new Error('WebACL has neither ARN nor Id');
  return found;
}

/** A single-page per-resource answer typed by `type`; a failed, absent or malformed answer is unavailable evidence. */
async function loadOne<T>(
  bundle: EvidenceBundle,
  key: CallKey,
  what: string,
  type: (answer: Record<string, unknown>) => T,
): Promise<Evidence<T>> {
  const loaded = await loadPages<Record<string, unknown>>(bundle, key);
  if (!loaded.ok) return loaded;
  try {
    const answer = loaded.value[0];
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) throw new Error('the answer is not an object');
    return { ok: true, value: type(answer), files: loaded.files };
  } catch (error) {
    return { ok: false, reason: `${what} could not be read: ${messageOf(error)}`, errors: [] };
  }
}

function readable<T>(read: () => T): Readable<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    return { ok: false, reason: messageOf(error) };
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function flag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function partitionOf(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** True for a certificate ARN issued by (or imported into) AWS Certificate Manager. */
export function isAcmCertificate(arn: string): boolean {
  return /^arn:[^:]+:acm:[^:]+:\d{12}:certificate\/.+$/.test(arn);
}
