import type { GetLoggingConfigurationResponse, ListWebACLsResponse, WebACLSummary } from '@aws-sdk/client-wafv2';
import { messageOf } from '../../shared/errors.js';
import { defineEvidence, UnusableRecordError, type Evidence } from '../evidence.js';
import type { CallKey, EvidenceBundle } from '../read-bundle.js';
import { callWhere, listField, loadOptional, loadPages, mapRecords, type Wire } from './wire.js';

/** CloudFront (global) web ACLs are listed through us-east-1, and filed there. */
export const CLOUDFRONT_REGION = 'us-east-1';

/** A web ACL's logging configuration (the default log type and scope: WAF_LOGS, CUSTOMER). */
export interface WebAclLogging {
  /** Where the logs go: Firehose streams, CloudWatch Logs log groups, S3 buckets (ARNs). */
  destinations: string[];
}

/** An AWS WAFv2 web ACL with its logging configuration. */
export interface WebAcl {
  name: string;
  arn: string;
  scope: 'REGIONAL' | 'CLOUDFRONT';
  /** From the ACL's own GetLoggingConfiguration call; `undefined` value: AWS said it has none. */
  logging: Evidence<WebAclLogging | undefined>;
}

/**
 * `wafv2:ListWebACLs` of one region with Scope=REGIONAL and, in us-east-1, Scope=CLOUDFRONT (every
 * page of both; either failing makes the region unavailable), typed per web ACL, with
 * `wafv2:GetLoggingConfiguration` of each found by its ARN. A web ACL without an ARN is unusable.
 */
export const webAcls = defineEvidence<WebAcl[]>({
  name: 'AWS WAFv2 web ACLs',
  scope: 'region',
  async load(bundle, { account, region }) {
    const scopes = region === CLOUDFRONT_REGION ? (['REGIONAL', 'CLOUDFRONT'] as const) : (['REGIONAL'] as const);
    const value: WebAcl[] = [];
    const files: Extract<Evidence<unknown>, { ok: true }>['files'] = [];
    const unusable: NonNullable<Extract<Evidence<unknown>, { ok: true }>['unusable']> = [];
    for (const scope of scopes) {
      const where = `ListWebACLs Scope=${scope} of ${account}/${region}`;
      const listed = mapRecords(
        await loadPages<ListWebACLsResponse>(bundle, {
          account,
          region,
          service: 'wafv2',
          operation: 'ListWebACLs',
          parameters: { Scope: scope },
        }),
        (pages) => pages.flatMap((page) => listField(page, 'WebACLs')),
        where,
        (acl: Wire<WebACLSummary>, index) => {
          if (typeof acl.ARN !== 'string' || acl.ARN === '') throw new UnusableRecordError(`${where}, web ACL ${index + 1}`, 'lacks ARN');
          const name = typeof acl.Name === 'string' && acl.Name !== '' ? acl.Name : (acl.ARN.split('/')[2] ?? acl.ARN);
          return { name, arn: acl.ARN };
        },
      );
      if (!listed.ok) return listed;
      files.push(...listed.files);
      unusable.push(...(listed.unusable ?? []));
      for (const acl of listed.value) value.push({ ...acl, scope, logging: await loggingOf(bundle, { account, region }, acl.arn) });
    }
    return { ok: true, value, files, unusable };
  },
});

async function loggingOf(
  bundle: EvidenceBundle,
  scope: { account: string; region: string },
  arn: string,
): Promise<Evidence<WebAclLogging | undefined>> {
  const key: Omit<CallKey, 'parameters'> = { ...scope, service: 'wafv2', operation: 'GetLoggingConfiguration' };
  const loaded = await loadOptional<GetLoggingConfigurationResponse>(bundle, callWhere(bundle, key, 'ResourceArn', [arn]));
  if (!loaded.ok) return loaded;
  if (loaded.value === undefined) return { ok: true, value: undefined, files: loaded.files };
  try {
    const config = loaded.value.LoggingConfiguration as unknown;
    if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error('the answer has no LoggingConfiguration');
    const destinations = listField(config as { LogDestinationConfigs?: unknown[] }, 'LogDestinationConfigs');
    if (!destinations.every((d) => typeof d === 'string')) throw new Error('LogDestinationConfigs holds something other than ARNs');
    return { ok: true, value: { destinations }, files: loaded.files };
  } catch (error) {
    return { ok: false, reason: `wafv2:GetLoggingConfiguration of ${arn} could not be read: ${messageOf(error)}`, errors: [] };
  }
}
