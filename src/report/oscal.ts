import type { FindingCounts, FindingSet } from '../evaluate/findings.js';
import type { AttestationResult, CheckResult, RequirementResult, RequirementStatus, Results, SignOffEntry } from '../evaluate/results.js';
import type { AppliedException } from '../exceptions/exceptions.js';
import { outputUuid } from './ids.js';
import { findingsTally } from './view-common.js';

/** The OSCAL version the document declares: that of the vendored schema (schemas/vendor/). */
export const OSCAL_VERSION = '1.2.1';

/** Namespace of auditpack's own `props` (OSCAL reserves names without `ns` for itself). */
export const OSCAL_NS = 'https://auditpack.invalid/ns/oscal';

/** Evidence files an observation lists before saying how many more there are. */
export const OSCAL_EVIDENCE_LISTED = 200;

/** Distinct evidence files counted per observation; beyond it the count says "at least". */
const DISTINCT_COUNTED = 100_000;

/** Options for {@link oscalAssessmentResults}. */
export interface OscalOptions {
  /** The report's date (ISO, from SOURCE_DATE_EPOCH); '' to use the bundle's collection end. */
  generatedAt: string;
}

/**
 * The OSCAL form of a requirement id, used as `target-id` and `control-id` (an OSCAL token: a
 * letter or `_` first, then letters, digits, `.`, `-`, `_`). NIST SP 800-53 ids follow the NIST
 * OSCAL catalog: `AC-2` → `ac-2`, `AC-2(1)` → `ac-2.1`. Other catalogs have no OSCAL catalog of
 * their own, so the id is prefixed with framework and version (`cis-aws-foundations-5.0.0-1.4`)
 * and any other character becomes `_`.
 */
export function oscalControlId(framework: string, version: string, id: string): string {
  const nist = /^([A-Za-z]{2})-(\d+)(?:\((\d+)\))?$/.exec(id);
  if (framework.startsWith('nist-800-53') && nist) {
    const [, family = '', number = '', enhancement] = nist;
    return `${family.toLowerCase()}-${number}${enhancement ? `.${enhancement}` : ''}`;
  }
  const token = `${framework}-${version}-${id}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^[A-Za-z_]/.test(token) ? token : `_${token}`;
}

/**
 * assessment-results.json: one OSCAL 1.2 Assessment Results document, written in pieces (an
 * organisation's findings are read one at a time, never held). One result for the bundle: every
 * catalog requirement as a reviewed control and a finding (`satisfied` only for PASS; FAIL,
 * NOT_EVALUATED, MANUAL and NOT_APPLICABLE are `not-satisfied` with the auditpack status in a
 * prop; accepted risks counted in props and remarks), one observation per check run of a
 * requirement (finding counts and up to {@link OSCAL_EVIDENCE_LISTED} evidence files, each a
 * back-matter resource carrying its SHA-256), attestations as attestation statements by their
 * attestor parties. UUIDs are v5 from bundle, catalog and requirement ids; the same inputs give
 * the same bytes. See docs/integrations.md.
 */
export function* oscalAssessmentResults(results: Results<FindingSet>, options: OscalOptions): Generator<string> {
  const doc = new OscalDocument(results, options);
  yield* write(doc.root(), 0);
  yield '\n';
}

// ---------------------------------------------------------------------------------------------
// Writing JSON in pieces

/** An array whose items are produced while it is written; `items` must yield at least one. */
class Streamed {
  constructor(readonly items: () => Iterable<unknown>) {}
}

/** An object some of whose values are {@link Streamed}. */
class Entries {
  constructor(readonly entries: readonly (readonly [string, unknown])[]) {}
}

function* write(value: unknown, indent: number): Generator<string> {
  const pad = ' '.repeat(indent + 2);
  if (value instanceof Streamed) {
    let first = true;
    for (const item of value.items()) {
      yield `${first ? '[\n' : ',\n'}${pad}`;
      yield* write(item, indent + 2);
      first = false;
    }
    yield first ? '[]' : `\n${' '.repeat(indent)}]`;
  } else if (value instanceof Entries) {
    let first = true;
    for (const [key, item] of value.entries) {
      yield `${first ? '{\n' : ',\n'}${pad}${JSON.stringify(key)}: `;
      yield* write(item, indent + 2);
      first = false;
    }
    yield first ? '{}' : `\n${' '.repeat(indent)}}`;
  } else {
    yield json(value, indent);
  }
}

// Line and paragraph separators and bidirectional controls are legal in JSON strings, but they
// break line-based readers or reorder what a person sees; written as escapes, the values stay exact.
const UNSAFE_IN_TEXT = /[\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

function json(value: unknown, indent: number): string {
  return JSON.stringify(value, null, 2)
    .replaceAll('\n', `\n${' '.repeat(indent)}`)
    .replace(UNSAFE_IN_TEXT, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

// ---------------------------------------------------------------------------------------------
// OSCAL datatypes

/** StringDatatype: no leading or trailing space, no line breaks, never empty. */
function str(text: string): string {
  return text.replace(/\s+/g, ' ').trim() || '(empty)';
}

// CommonMark backslash escapes: evidence text (resource names, reasons, justifications) is shown
// as the characters it has, never as HTML, links or emphasis, by tools that render OSCAL markup.
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>&]/g, (ch) => `\\${ch}`);
}

/** MarkupLineDatatype: one line of Markdown, never empty. */
function line(text: string): string {
  return escapeMarkdown(str(text));
}

/** MarkupMultilineDatatype: Markdown paragraphs; each given paragraph is made one line. */
function prose(...paragraphs: string[]): string {
  return paragraphs.map(line).join('\n\n');
}

/** DateTimeWithTimezoneDatatype: ISO 8601 in UTC with milliseconds. */
function dateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`oscalAssessmentResults: "${iso}" is not a date-time`);
  return date.toISOString();
}

interface Prop {
  name: string;
  ns: string;
  value: string;
}

function prop(name: string, value: string | number | boolean): Prop {
  return { name, ns: OSCAL_NS, value: str(String(value)) };
}

/** `bundle:aws/111122223333/global/iam/GetCredentialReport.csv`: an evidence file, relative to the bundle root. */
function evidenceHref(path: string): string {
  return `bundle:${path.split('/').map(encodeURIComponent).join('/')}`;
}

// ---------------------------------------------------------------------------------------------
// The document

const STATE: Record<RequirementStatus, { state: 'satisfied' | 'not-satisfied'; reason: 'pass' | 'fail' | 'other'; words: string }> = {
  PASS: { state: 'satisfied', reason: 'pass', words: 'PASS' },
  FAIL: { state: 'not-satisfied', reason: 'fail', words: 'FAIL' },
  NOT_EVALUATED: { state: 'not-satisfied', reason: 'other', words: 'NOT EVALUATED: the evidence could not decide it' },
  MANUAL: { state: 'not-satisfied', reason: 'other', words: 'MANUAL: waiting for a person to attest' },
  NOT_APPLICABLE: { state: 'not-satisfied', reason: 'other', words: 'NOT APPLICABLE, as attested (not assessed as satisfied)' },
};

interface Party {
  uuid: string;
  type: 'person' | 'organization';
  name: string;
  props?: Prop[];
}

const ROLES: Record<string, string> = {
  attestor: 'Attestor: a person whose attestation decided a manual requirement',
  'prepared-by': 'Prepared by',
  'reviewed-by': 'Reviewed by',
  'approved-by': 'Approved by',
  'prepared-for': 'Prepared for: the AWS Organization assessed',
};

class OscalDocument {
  private readonly time: string;
  private readonly scope: string[];
  private readonly parties = new Map<string, Party>();
  private readonly responsible = new Map<string, string[]>();
  private readonly attestorOf = new Map<AttestationResult, string>();
  /** Evidence files cited by observations, in first-cited order: path → SHA-256. */
  private readonly evidence = new Map<string, string>();
  private readonly platform: string;
  private readonly component: string;

  constructor(
    private readonly results: Results<FindingSet>,
    options: OscalOptions,
  ) {
    const { bundle, catalog } = results;
    this.time = dateTime(options.generatedAt || bundle.finishedAt);
    this.scope = [bundle.id, catalog.framework, catalog.version];
    this.platform = this.uuid('assessment-platform');
    this.component = this.uuid('component', 'auditpack');
    this.collectParties();
  }

  private uuid(...parts: string[]): string {
    return outputUuid(...this.scope, ...parts);
  }

  private party(type: Party['type'], name: string, role: string, extra: Prop[] = []): string {
    const uuid = outputUuid(this.results.bundle.id, 'party', type, name, ...extra.map((p) => p.value));
    if (!this.parties.has(uuid)) this.parties.set(uuid, { uuid, type, name: str(name), ...(extra.length > 0 ? { props: extra } : {}) });
    const holders = this.responsible.get(role) ?? [];
    if (!holders.includes(uuid)) holders.push(uuid);
    this.responsible.set(role, holders);
    return uuid;
  }

  private collectParties(): void {
    const { framing, bundle } = this.results;
    const signOff: [string, SignOffEntry | undefined][] = [
      ['prepared-by', framing?.preparedBy],
      ['reviewed-by', framing?.reviewedBy],
      ['approved-by', framing?.approvedBy],
    ];
    for (const [role, entry] of signOff) {
      if (entry?.name) this.party('person', entry.name, role, entry.role ? [prop('job-title', entry.role)] : []);
    }
    if (bundle.organization) this.party('organization', `AWS Organization ${bundle.organization.id}`, 'prepared-for');
    for (const requirement of this.results.requirements) {
      for (const attestation of requirement.attestations ?? []) {
        this.attestorOf.set(attestation, this.party('person', attestation.attestedBy, 'attestor', [prop('job-title', attestation.role)]));
      }
    }
  }

  root(): Entries {
    return new Entries([['assessment-results', this.assessmentResults()]]);
  }

  private assessmentResults(): Entries {
    return new Entries([
      ['uuid', this.uuid('assessment-results')],
      ['metadata', this.metadata()],
      [
        'import-ap',
        {
          href: `#${this.uuid('resource', 'catalog')}`,
          remarks: prose(
            'auditpack has no separate assessment plan: it assesses against the catalog file named in the back matter, with its SHA-256.',
          ),
        },
      ],
      ['results', new Streamed(() => [this.result()])],
      ['back-matter', new Entries([['resources', new Streamed(() => this.resources())]])],
    ]);
  }

  private metadata(): Record<string, unknown> {
    const { results } = this;
    const roles = [...this.responsible.keys()].map((id) => ({ id, title: line(ROLES[id] ?? id) }));
    return {
      title: line(`auditpack assessment results: ${results.catalog.title} ${results.catalog.version}`),
      'last-modified': this.time,
      version: str(results.tool.version),
      'oscal-version': OSCAL_VERSION,
      props: [prop('tool', `${results.tool.name} ${results.tool.version}`), prop('bundle-id', results.bundle.id)],
      ...(roles.length > 0 ? { roles } : {}),
      ...(this.parties.size > 0 ? { parties: [...this.parties.values()] } : {}),
      ...(this.responsible.size > 0
        ? { 'responsible-parties': [...this.responsible].map(([role, uuids]) => ({ 'role-id': role, 'party-uuids': uuids })) }
        : {}),
    };
  }

  private result(): Entries {
    const { results } = this;
    const { bundle, catalog, summary } = results;
    const accounts = bundle.accounts.map((a) => (a.name ? `${a.id} (${a.name})` : a.id));
    const props: Prop[] = [
      prop('bundle-id', bundle.id),
      prop('bundle-manifest-sha256', bundle.manifestSha256),
      prop('bundle-complete', bundle.complete),
      prop('catalog', `${catalog.framework} ${catalog.version}`),
      prop('catalog-file', catalog.file),
      prop('catalog-sha256', catalog.sha256),
      ...(catalog.tailoring ? [prop('tailoring-file', catalog.tailoring.file), prop('tailoring-sha256', catalog.tailoring.sha256)] : []),
      ...bundle.accounts.map((a) => prop('aws-account', a.id)),
      ...bundle.regions.map((r) => prop('aws-region', r)),
      ...(bundle.organization ? [prop('aws-organization', bundle.organization.id)] : []),
      ...(bundle.collectedBy ?? []).map((arn) => prop('collected-by', arn)),
      ...(results.framing?.period?.label ? [prop('audit-period', results.framing.period.label)] : []),
      ...(results.framing?.period?.start ? [prop('audit-period-start', results.framing.period.start)] : []),
      ...(results.framing?.period?.end ? [prop('audit-period-end', results.framing.period.end)] : []),
      prop('requirements-pass', summary.counts.PASS),
      prop('requirements-fail', summary.counts.FAIL),
      prop('requirements-not-evaluated', summary.counts.NOT_EVALUATED),
      prop('requirements-manual', summary.counts.MANUAL),
      prop('requirements-not-applicable', summary.counts.NOT_APPLICABLE),
      ...(summary.passRate === null ? [] : [prop('pass-rate', summary.passRate.toFixed(4))]),
      ...(summary.coverage === null ? [] : [prop('coverage', summary.coverage.toFixed(4))]),
    ];
    const requirements = results.requirements;
    const attestations = requirements.flatMap((r) => (r.attestations ?? []).map((a) => this.attestation(r, a)));
    const remarks = [
      ...results.warnings.map((w) => `Warning: ${w}`),
      ...bundle.errors.map((e) => `Collection error: ${e.service}:${e.operation} in ${e.account}/${e.region}: ${e.code}.`),
      ...(results.exceptions ?? []).map((e) => exceptionText(e)),
    ];
    return new Entries([
      ['uuid', this.uuid('result')],
      ['title', line(`${catalog.title} ${catalog.version}`)],
      [
        'description',
        prose(
          `Automated assessment by ${results.tool.name} ${results.tool.version} of AWS account(s) ${accounts.join(', ') || 'none'} against ${catalog.title} ${catalog.version}, from evidence bundle ${bundle.id} (manifest SHA-256 ${bundle.manifestSha256}).`,
          'Only PASS is satisfied. FAIL, NOT EVALUATED (missing evidence), MANUAL (no attestation yet) and NOT APPLICABLE are not-satisfied; the auditpack status is in each finding\u2019s props. Failures covered by an accepted risk stay failures and are counted in props and remarks.',
        ),
      ],
      ['start', dateTime(bundle.startedAt)],
      ['end', dateTime(bundle.finishedAt)],
      ['props', props],
      [
        'local-definitions',
        {
          'assessment-assets': {
            components: [
              {
                uuid: this.component,
                type: 'software',
                title: line(`${results.tool.name} ${results.tool.version}`),
                description: prose('Offline compliance audits of AWS accounts from signed evidence bundles.'),
                props: [prop('version', results.tool.version)],
                status: { state: 'operational' },
              },
            ],
            'assessment-platforms': [
              {
                uuid: this.platform,
                title: line(`${results.tool.name} ${results.tool.version}`),
                'uses-components': [{ 'component-uuid': this.component }],
              },
            ],
          },
        },
      ],
      [
        'reviewed-controls',
        {
          'control-selections': [
            requirements.length > 0
              ? { 'include-controls': requirements.map((r) => ({ 'control-id': this.controlId(r) })) }
              : { 'include-all': {} },
          ],
        },
      ],
      ...(attestations.length > 0 ? [['attestations', attestations] as const] : []),
      ...(requirements.some((r) => r.checks.length > 0) ? [['observations', new Streamed(() => this.observations())] as const] : []),
      ...(requirements.length > 0 ? [['findings', new Streamed(() => requirements.map((r) => this.finding(r)))] as const] : []),
      ...(remarks.length > 0 ? [['remarks', prose(...remarks)] as const] : []),
    ]);
  }

  private controlId(requirement: RequirementResult<FindingSet>): string {
    return oscalControlId(this.results.catalog.framework, this.results.catalog.version, requirement.id);
  }

  private attestation(requirement: RequirementResult<FindingSet>, a: AttestationResult): Record<string, unknown> {
    const party = this.attestorOf.get(a);
    const index = requirement.attestations?.indexOf(a) ?? 0;
    return {
      ...(party ? { 'responsible-parties': [{ 'role-id': 'attestor', 'party-uuids': [party] }] } : {}),
      parts: [
        {
          uuid: this.uuid('attestation', requirement.id, String(index)),
          name: 'attestation',
          title: line(`Requirement ${requirement.id}: ${a.result.replace('_', ' ')}`),
          props: [
            prop('requirement-id', requirement.id),
            prop('result', a.result),
            prop('attested-by', a.attestedBy),
            prop('job-title', a.role),
            prop('date', a.date),
            prop('expires', a.expires),
            ...(a.account ? [prop('aws-account', a.account)] : []),
            ...(a.source ? [prop('register-entry', a.source.id), prop('register-entry-sha256', a.source.sha256)] : []),
            ...a.evidence.map((e) => prop('evidence', `${e.path} sha256:${e.sha256}`)),
          ],
          prose: prose(a.justification),
        },
      ],
    };
  }

  private observationUuid(requirement: RequirementResult<FindingSet>, index: number, check: CheckResult<FindingSet>): string {
    return this.uuid('observation', requirement.id, String(index), check.check);
  }

  private *observations(): Generator<Record<string, unknown>> {
    const collected = dateTime(this.results.bundle.finishedAt);
    for (const requirement of this.results.requirements) {
      for (const [index, check] of requirement.checks.entries()) {
        const listed = new Map<string, string>();
        const distinct = new Set<string>();
        let overflow = false;
        for (const finding of check.findings.read()) {
          for (const file of finding.evidence) {
            if (listed.size < OSCAL_EVIDENCE_LISTED && !listed.has(file.path)) listed.set(file.path, file.sha256);
            if (!listed.has(file.path) && !distinct.has(file.path)) {
              if (distinct.size < DISTINCT_COUNTED) distinct.add(file.path);
              else overflow = true;
            }
          }
        }
        for (const [path, sha256] of listed) if (!this.evidence.has(path)) this.evidence.set(path, sha256);
        const { counts } = check.findings;
        const excepted = check.findings.excepted ?? 0;
        const params = Object.keys(check.params).length > 0 ? JSON.stringify(check.params) : undefined;
        yield {
          uuid: this.observationUuid(requirement, index, check),
          title: line(`${requirement.id}: ${check.title}`),
          description: prose(
            `Check ${check.check} ("${check.title}") for requirement ${requirement.id}: ${check.status}; ${findingsTally(counts, excepted)}.`,
            ...(params ? [`Parameters in force: ${params}.`] : []),
          ),
          props: [
            prop('check-id', check.check),
            prop('check-status', check.status),
            ...countProps(counts, excepted),
            ...(params ? [prop('params', params)] : []),
            prop('evidence-files-listed', listed.size),
            ...(distinct.size > 0 ? [prop('evidence-files-not-listed', overflow ? `more than ${distinct.size}` : distinct.size)] : []),
          ],
          methods: ['TEST'],
          types: ['control-objective'],
          origins: [{ actors: [{ type: 'assessment-platform', 'actor-uuid': this.platform }] }],
          ...(listed.size > 0
            ? {
                'relevant-evidence': [...listed].map(([path, sha256]) => ({
                  href: `#${this.uuid('resource', 'evidence', path)}`,
                  description: prose(`${path} (SHA-256 ${sha256})`),
                })),
              }
            : {}),
          collected,
        };
      }
    }
  }

  private finding(requirement: RequirementResult<FindingSet>): Record<string, unknown> {
    const status = STATE[requirement.status];
    const counts: FindingCounts = { PASS: 0, FAIL: 0, NOT_EVALUATED: 0, total: 0 };
    let excepted = 0;
    for (const check of requirement.checks) {
      counts.PASS += check.findings.counts.PASS;
      counts.FAIL += check.findings.counts.FAIL;
      counts.NOT_EVALUATED += check.findings.counts.NOT_EVALUATED;
      counts.total += check.findings.counts.total;
      excepted += check.findings.excepted ?? 0;
    }
    const exceptions = (this.results.exceptions ?? []).filter((e) => e.appliesTo === requirement.id);
    const attestors = (requirement.attestations ?? []).flatMap((a) => {
      const uuid = this.attestorOf.get(a);
      return uuid ? [{ type: 'party', 'actor-uuid': uuid, 'role-id': 'attestor' }] : [];
    });
    const remarks = [
      ...(excepted > 0
        ? [`${excepted} of ${counts.FAIL} failing findings are accepted risks (EXCEPTED). They stay failures: the requirement is not met.`]
        : []),
      ...exceptions.map((e) => exceptionText(e)),
      ...(requirement.disagreement ? [`Disagreement with AWS Config: ${requirement.disagreement}`] : []),
      ...(requirement.overrides ?? []).map((o) => `Threshold changed by tailoring: ${JSON.stringify(o)}`),
      ...(requirement.remediation && requirement.status !== 'PASS' ? [`Remediation: ${requirement.remediation}`] : []),
      ...(requirement.manualBecause ? [`Manual because: ${requirement.manualBecause}`] : []),
    ];
    return {
      uuid: this.uuid('finding', requirement.id),
      title: line(`${requirement.id} ${requirement.title}`),
      description: prose(requirement.statusReason),
      props: [
        prop('requirement-id', requirement.id),
        prop('auditpack-status', requirement.status),
        prop('section', `${requirement.section} ${requirement.sectionTitle}`),
        prop('assessment', requirement.assessment),
        ...(requirement.profile === undefined ? [] : [prop('profile', requirement.profile)]),
        ...(requirement.suggestedStatus ? [prop('suggested-status', requirement.suggestedStatus)] : []),
        ...(requirement.checks.length > 0 ? countProps(counts, excepted) : []),
        ...exceptions.map((e) => prop('exception', e.id)),
      ],
      origins: [{ actors: [{ type: 'assessment-platform', 'actor-uuid': this.platform }, ...attestors] }],
      target: {
        type: 'objective-id',
        'target-id': this.controlId(requirement),
        title: line(requirement.title),
        status: {
          state: status.state,
          reason: status.reason,
          remarks: prose(status.words),
        },
      },
      ...(requirement.checks.length > 0
        ? {
            'related-observations': requirement.checks.map((check, index) => ({
              'observation-uuid': this.observationUuid(requirement, index, check),
            })),
          }
        : {}),
      ...(remarks.length > 0 ? { remarks: prose(...remarks) } : {}),
    };
  }

  private *resources(): Generator<Record<string, unknown>> {
    const { catalog, bundle } = this.results;
    yield {
      uuid: this.uuid('resource', 'catalog'),
      title: line(`Catalog ${catalog.file}`),
      description: prose(`${catalog.title} ${catalog.version} (${catalog.framework}); source: ${catalog.source}`),
      props: [prop('type', 'catalog')],
      rlinks: [{ href: `catalog:${encodeURIComponent(catalog.file)}`, hashes: [{ algorithm: 'SHA-256', value: catalog.sha256 }] }],
    };
    if (catalog.tailoring) {
      yield {
        uuid: this.uuid('resource', 'tailoring'),
        title: line(`Tailoring ${catalog.tailoring.file}`),
        props: [prop('type', 'tailoring')],
        rlinks: [
          {
            href: `catalog:${encodeURIComponent(catalog.tailoring.file)}`,
            hashes: [{ algorithm: 'SHA-256', value: catalog.tailoring.sha256 }],
          },
        ],
      };
    }
    yield {
      uuid: this.uuid('resource', 'manifest'),
      title: line(`Evidence bundle ${bundle.id} manifest`),
      props: [prop('type', 'evidence-manifest')],
      rlinks: [{ href: 'bundle:manifest.json', hashes: [{ algorithm: 'SHA-256', value: bundle.manifestSha256 }] }],
    };
    for (const [path, sha256] of this.evidence) {
      yield {
        uuid: this.uuid('resource', 'evidence', path),
        title: line(path),
        props: [prop('type', 'evidence')],
        rlinks: [{ href: evidenceHref(path), 'media-type': mediaType(path), hashes: [{ algorithm: 'SHA-256', value: sha256 }] }],
      };
    }
  }
}

function countProps(counts: FindingCounts, excepted: number): Prop[] {
  return [
    prop('findings-pass', counts.PASS),
    prop('findings-fail', counts.FAIL),
    prop('findings-excepted', excepted),
    prop('findings-not-evaluated', counts.NOT_EVALUATED),
  ];
}

function exceptionText(e: AppliedException): string {
  return `Accepted risk ${e.id} (requirement ${e.appliesTo}, resource ${e.resource}${e.account ? `, account ${e.account}` : ''}): approved by ${e.approvedBy} on ${e.approvedOn}, expires ${e.expires}${e.ticket ? `, ticket ${e.ticket}` : ''}; covered ${e.matched} failing finding(s); SHA-256 ${e.sha256}. ${e.justification}`;
}

function mediaType(path: string): string {
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.csv')) return 'text/csv';
  return 'application/octet-stream';
}
