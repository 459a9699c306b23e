import type { Finding } from '../checks/define-check.js';
import type { FindingSet } from '../evaluate/findings.js';
import type { RequirementResult, RequirementStatus, Results } from '../evaluate/results.js';
import { outputUuid } from './ids.js';
import { findingsTally } from './view-common.js';

/** The OCSF schema version the events follow (metadata.version). */
export const OCSF_VERSION = '1.4.0';

/** Compliance Finding: class 2003 in category 2 (Findings). */
export const OCSF_CLASS_UID = 2003;
const CATEGORY_UID = 2;
/** Activity 1 (Create): each run of `report` writes its findings anew. */
const ACTIVITY_ID = 1;

/** Options for {@link ocsfFindingsChunks}. */
export interface OcsfOptions {
  /** The report's date (ISO, from SOURCE_DATE_EPOCH); '' to use the bundle's collection end. */
  generatedAt: string;
}

/** compliance.status_id (OCSF compliance object): 1 Pass, 2 Warning (no result: information missing), 3 Fail, 99 Other. */
const COMPLIANCE: Record<RequirementStatus, { id: number; name: string }> = {
  PASS: { id: 1, name: 'Pass' },
  FAIL: { id: 3, name: 'Fail' },
  NOT_EVALUATED: { id: 2, name: 'Warning' },
  MANUAL: { id: 2, name: 'Warning' },
  NOT_APPLICABLE: { id: 99, name: 'Not Applicable' },
};

/**
 * findings.ocsf.jsonl in pieces: OCSF 1.4.0 Compliance Finding events (class 2003), one JSON
 * object a line. One event per FAIL finding (an excepted one with status Suppressed and the
 * exception named) and per NOT_EVALUATED finding, requirement by requirement, check by check, in
 * findings order; then one summary event per requirement with its status. Findings are read one at
 * a time; lines are batched into pieces of about 1 MiB. Uids are v5 UUIDs from bundle, catalog,
 * requirement, check run and finding position, so the same inputs give the same bytes.
 * See docs/integrations.md for the mapping.
 */
export function* ocsfFindingsChunks(results: Results<FindingSet>, options: OcsfOptions): Generator<string> {
  const writer = new OcsfWriter(results, options);
  let buffer = '';
  for (const event of writer.events()) {
    buffer += jsonLine(event);
    if (buffer.length >= 1 << 20) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

// Line and paragraph separators are legal in JSON strings but end a line for some JSON Lines
// readers; bidirectional controls reorder what a person sees. Escaped, the values stay exact.
const UNSAFE_IN_LINE = /[\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

function jsonLine(event: unknown): string {
  return `${JSON.stringify(event).replace(UNSAFE_IN_LINE, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`)}\n`;
}

/** `arn:aws-us-gov:…` → `aws-us-gov`; undefined for a resource that is not an ARN. */
function partitionOf(resource: string): string | undefined {
  return /^arn:(aws[a-z-]*):/.exec(resource)?.[1];
}

/** `arn:aws:ec2:eu-west-1:1111:security-group/sg-1` → `ec2:security-group`; undefined when not an ARN. */
function resourceType(resource: string): string | undefined {
  const match = /^arn:[^:]*:([^:]+):[^:]*:[^:]*:([^/:]+)?/.exec(resource);
  if (!match) return undefined;
  const [, service = '', kind] = match;
  return kind && kind !== resource ? `${service}:${kind}` : service;
}

class OcsfWriter {
  private readonly time: number;
  private readonly product: Record<string, string>;
  private readonly standard: string;

  constructor(
    private readonly results: Results<FindingSet>,
    options: OcsfOptions,
  ) {
    const iso = options.generatedAt || results.bundle.finishedAt;
    this.time = new Date(iso).getTime();
    if (Number.isNaN(this.time)) throw new Error(`ocsfFindingsChunks: "${iso}" is not a date-time`);
    this.product = { name: results.tool.name, vendor_name: 'auditpack', version: results.tool.version };
    this.standard = `${results.catalog.title} ${results.catalog.version}`;
  }

  *events(): Generator<Record<string, unknown>> {
    for (const requirement of this.results.requirements) {
      for (const [index, check] of requirement.checks.entries()) {
        let position = 0;
        for (const finding of check.findings.read()) {
          position++;
          if (finding.status === 'PASS') continue;
          yield this.findingEvent(requirement, index, check.check, check.params, finding, position);
        }
      }
    }
    for (const requirement of this.results.requirements) yield this.summaryEvent(requirement);
  }

  /** The attributes every event has: class, activity, time, metadata. */
  private base(uid: string, severityId: number, severity: string): Record<string, unknown> {
    return {
      activity_id: ACTIVITY_ID,
      activity_name: 'Create',
      category_uid: CATEGORY_UID,
      category_name: 'Findings',
      class_uid: OCSF_CLASS_UID,
      class_name: 'Compliance Finding',
      type_uid: OCSF_CLASS_UID * 100 + ACTIVITY_ID,
      type_name: 'Compliance Finding: Create',
      severity_id: severityId,
      severity,
      time: this.time,
      metadata: {
        version: OCSF_VERSION,
        product: this.product,
        uid,
        profiles: ['cloud'],
        log_name: 'auditpack findings',
      },
    };
  }

  private compliance(requirement: RequirementResult<FindingSet>, status: { id: number; name: string }, detail: string) {
    return {
      standards: [this.standard],
      requirements: [requirement.id],
      control: `${requirement.id} ${requirement.title}`,
      status: status.name,
      status_id: status.id,
      status_detail: detail,
    };
  }

  private findingEvent(
    requirement: RequirementResult<FindingSet>,
    index: number,
    check: string,
    params: Record<string, unknown>,
    finding: Finding,
    position: number,
  ): Record<string, unknown> {
    const { bundle, catalog } = this.results;
    const uid = outputUuid(bundle.id, catalog.framework, catalog.version, requirement.id, 'check', String(index), check, String(position));
    const failed = finding.status === 'FAIL';
    const excepted = failed && finding.exception !== undefined;
    const partition = partitionOf(finding.resource);
    const type = resourceType(finding.resource);
    const status = failed ? (excepted ? 'EXCEPTED' : 'FAIL') : 'NOT_EVALUATED';
    return {
      ...this.base(uid, failed ? 3 : 1, failed ? 'Medium' : 'Informational'),
      status_id: excepted ? 3 : 1,
      status: excepted ? 'Suppressed' : 'New',
      ...(finding.exception
        ? {
            comment: `Accepted risk ${finding.exception.id}, approved by ${finding.exception.approvedBy}, expires ${finding.exception.expires}.`,
          }
        : {}),
      message: `${status}: ${finding.reason}`,
      finding_info: {
        uid,
        title: `${requirement.id} ${requirement.title}`,
        desc: finding.reason,
        created_time: this.time,
        types: ['Compliance'],
        data_sources: finding.evidence.map((e) => e.path),
      },
      compliance: this.compliance(requirement, COMPLIANCE[failed ? 'FAIL' : 'NOT_EVALUATED'], finding.reason),
      cloud: { provider: 'AWS', account: { uid: finding.account, type_id: 10, type: 'AWS Account' }, region: finding.region },
      resources: [
        {
          uid: finding.resource,
          ...(type ? { type } : {}),
          ...(partition ? { cloud_partition: partition } : {}),
          region: finding.region,
        },
      ],
      ...(requirement.remediation ? { remediation: { desc: requirement.remediation } } : {}),
      unmapped: {
        auditpack_status: status,
        check,
        ...(Object.keys(params).length > 0 ? { params } : {}),
        requirement_status: requirement.status,
        bundle_id: bundle.id,
        evidence: finding.evidence,
        ...(finding.exception ? { exception: finding.exception } : {}),
      },
    };
  }

  private summaryEvent(requirement: RequirementResult<FindingSet>): Record<string, unknown> {
    const { bundle, catalog } = this.results;
    const uid = outputUuid(bundle.id, catalog.framework, catalog.version, requirement.id, 'summary');
    const counts = { PASS: 0, FAIL: 0, NOT_EVALUATED: 0, total: 0 };
    let excepted = 0;
    for (const check of requirement.checks) {
      counts.PASS += check.findings.counts.PASS;
      counts.FAIL += check.findings.counts.FAIL;
      counts.NOT_EVALUATED += check.findings.counts.NOT_EVALUATED;
      counts.total += check.findings.counts.total;
      excepted += check.findings.excepted ?? 0;
    }
    const failed = requirement.status === 'FAIL';
    const decided = requirement.status === 'PASS' || requirement.status === 'NOT_APPLICABLE';
    const single = bundle.accounts.length === 1 ? bundle.accounts[0] : undefined;
    return {
      ...this.base(uid, failed ? 3 : decided ? 1 : 2, failed ? 'Medium' : decided ? 'Informational' : 'Low'),
      status_id: 1,
      status: 'New',
      message: `${requirement.status.replace('_', ' ')}: ${requirement.statusReason}`,
      finding_info: {
        uid,
        title: `${requirement.id} ${requirement.title}`,
        desc: requirement.statusReason,
        created_time: this.time,
        types: ['Compliance', 'Requirement summary'],
      },
      compliance: this.compliance(requirement, COMPLIANCE[requirement.status], requirement.statusReason),
      cloud: {
        provider: 'AWS',
        ...(single ? { account: { uid: single.id, type_id: 10, type: 'AWS Account', ...(single.name ? { name: single.name } : {}) } } : {}),
        ...(bundle.regions.length === 1 && bundle.regions[0] ? { region: bundle.regions[0] } : {}),
        ...(bundle.organization ? { org: { uid: bundle.organization.id } } : {}),
      },
      ...(requirement.remediation && requirement.status !== 'PASS' ? { remediation: { desc: requirement.remediation } } : {}),
      unmapped: {
        auditpack_status: requirement.status,
        summary: true,
        findings: findingsTally(counts, excepted),
        counts: { ...counts, excepted },
        bundle_id: bundle.id,
        accounts: bundle.accounts.map((a) => a.id),
        catalog: { framework: catalog.framework, version: catalog.version, file: catalog.file, sha256: catalog.sha256 },
        ...(requirement.attestations && requirement.attestations.length > 0
          ? {
              attestations: requirement.attestations.map((a) => ({
                result: a.result,
                attested_by: a.attestedBy,
                role: a.role,
                date: a.date,
                expires: a.expires,
                ...(a.account ? { account: a.account } : {}),
                ...(a.source ? { register_entry: a.source.id } : {}),
              })),
            }
          : {}),
      },
    };
  }
}
