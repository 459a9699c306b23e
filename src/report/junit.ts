import type { Finding } from '../checks/define-check.js';
import type { FindingSet } from '../evaluate/findings.js';
import type { AttestationResult, RequirementResult, Results } from '../evaluate/results.js';

/** Options for {@link junitXml}. */
export interface JunitOptions {
  /** The report's date (ISO, from SOURCE_DATE_EPOCH); '' to use the bundle's collection end. */
  generatedAt: string;
}

/** Failing (or unevaluated) resources a failure or error body lists before "and N more". */
export const JUNIT_LISTED_FINDINGS = 20;

/** Attestations a body (or the attesters a skip message) lists before "and N more". */
const LISTED_ATTESTATIONS = 20;

/** Longest attacker-influenced text (a resource, a reason) copied into one line or message. */
const MAX_TEXT = 1000;

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * junit.xml, so that CI systems show an audit as a test run: one `<testsuite>` per top-level
 * section ("1 Identity and Access Management"), one `<testcase>` per requirement ("1.4 Ensure
 * MFA…", classname "<framework> <version>.<section>"). FAIL is a `<failure>` listing failing
 * resources (excepted ones marked; a requirement failing only through accepted risks stays a
 * failure and says so), NOT_EVALUATED an `<error>`, MANUAL and NOT_APPLICABLE `<skipped>`, PASS a
 * plain test case. Bodies list at most {@link JUNIT_LISTED_FINDINGS} resources, then point to
 * findings.csv / results.json, so the file grows with requirements, not findings. `timestamp` is
 * UTC without a zone (`YYYY-MM-DDTHH:MM:SS`, as the JUnit schema wants); durations are 0. Every
 * value is escaped; characters XML 1.0 forbids are written as `\uXXXX` text.
 */
export function junitXml(results: Results<FindingSet>, options: JunitOptions): string {
  const { catalog, bundle } = results;
  const generatedAt = options.generatedAt || bundle.finishedAt;
  const timestamp = junitTimestamp(generatedAt);
  const pkg = `${catalog.framework} ${catalog.version}`;
  const properties: [string, string][] = [
    ['auditpack.version', results.tool.version],
    ['generatedAt', generatedAt],
    ['bundle.id', bundle.id],
    ['bundle.manifestSha256', bundle.manifestSha256],
    ['bundle.complete', String(bundle.complete)],
    ['catalog.framework', catalog.framework],
    ['catalog.version', catalog.version],
    ['catalog.file', catalog.file],
    ['catalog.sha256', catalog.sha256],
    ...(catalog.tailoring
      ? ([
          ['catalog.tailoring.file', catalog.tailoring.file],
          ['catalog.tailoring.sha256', catalog.tailoring.sha256],
        ] as [string, string][])
      : []),
  ];
  const propertiesXml = [
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name=${attr(name)} value=${attr(value)}/>`),
    '    </properties>',
  ];

  const sections = groupBySection(results);
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites: string[] = [];
  for (const [index, section] of sections.entries()) {
    const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const cases: string[] = [];
    for (const requirement of section.requirements) {
      counts.tests += 1;
      if (requirement.status === 'FAIL') counts.failures += 1;
      else if (requirement.status === 'NOT_EVALUATED') counts.errors += 1;
      else if (requirement.status === 'MANUAL' || requirement.status === 'NOT_APPLICABLE') counts.skipped += 1;
      cases.push(testcase(requirement, pkg));
    }
    for (const key of ['tests', 'failures', 'errors', 'skipped'] as const) total[key] += counts[key];
    suites.push(
      `  <testsuite name=${attr(`${section.id} ${section.title}`.trim())} ${countAttrs(counts)} time="0"${timestamp ? ` timestamp=${attr(timestamp)}` : ''} id="${index}" package=${attr(pkg)}>`,
      ...propertiesXml,
      ...cases,
      '  </testsuite>',
    );
  }
  const name = `${catalog.title} ${catalog.version}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name=${attr(name)} ${countAttrs(total)} time="0"${timestamp ? ` timestamp=${attr(timestamp)}` : ''}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function countAttrs(c: Counts): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}"`;
}

/** Requirements by top-level section, in catalog order; titles from the summary's sections. */
function groupBySection(results: Results<FindingSet>): { id: string; title: string; requirements: RequirementResult<FindingSet>[] }[] {
  const titles = new Map(results.summary.sections.map((s) => [s.id, s.title]));
  const sections = new Map<string, { id: string; title: string; requirements: RequirementResult<FindingSet>[] }>();
  for (const requirement of results.requirements) {
    const id = requirement.section.split('.')[0] ?? requirement.section;
    let section = sections.get(id);
    if (!section) {
      const title = titles.get(id) ?? (requirement.section === id ? requirement.sectionTitle : '');
      section = { id, title, requirements: [] };
      sections.set(id, section);
    }
    section.requirements.push(requirement);
  }
  return [...sections.values()];
}

function testcase(requirement: RequirementResult<FindingSet>, pkg: string): string {
  const open = `    <testcase name=${attr(`${requirement.id} ${requirement.title}`)} classname=${attr(`${pkg}.${requirement.section}`)} time="0"`;
  const reason = clip(requirement.statusReason);
  switch (requirement.status) {
    case 'PASS':
      return `${open}/>`;
    case 'FAIL': {
      const { lines, excepted, failing } = findingLines(requirement, 'FAIL');
      const onlyExcepted = failing > 0 && excepted === failing;
      // The evaluator's sentence already says so; an attestation-decided FAIL has none to say it.
      const message =
        onlyExcepted && !/accepted risk/.test(reason) ? `${reason} Every failing resource is an accepted risk (exception).` : reason;
      const body = [...lines, ...attestationLines(requirement.attestations ?? [])];
      return `${open}>\n      <failure message=${attr(message)} type="FAIL">${text(body.join('\n'))}</failure>\n    </testcase>`;
    }
    case 'NOT_EVALUATED': {
      const { lines } = findingLines(requirement, 'NOT_EVALUATED');
      return `${open}>\n      <error message=${attr(reason)} type="NOT_EVALUATED">${text(lines.join('\n'))}</error>\n    </testcase>`;
    }
    case 'MANUAL': {
      const why = requirement.manualBecause ?? requirement.statusReason;
      const suggested = requirement.suggestedStatus ? ` (evidence suggests ${requirement.suggestedStatus})` : '';
      return `${open}>\n      <skipped message=${attr(clip(`attestation required: ${why}${suggested}`))}/>\n    </testcase>`;
    }
    case 'NOT_APPLICABLE': {
      const by = attesters(requirement.attestations ?? []);
      const message = by ? `not applicable (attested by ${by})` : `not applicable: ${requirement.statusReason}`;
      return `${open}>\n      <skipped message=${attr(clip(message))}/>\n    </testcase>`;
    }
  }
}

/**
 * The first {@link JUNIT_LISTED_FINDINGS} findings with this status across the requirement's
 * checks, then "and N more"; counts come from the sets, so only listed findings are read.
 */
function findingLines(
  requirement: RequirementResult<FindingSet>,
  status: 'FAIL' | 'NOT_EVALUATED',
): { lines: string[]; excepted: number; failing: number } {
  const lines: string[] = [];
  let total = 0;
  let excepted = 0;
  for (const check of requirement.checks) {
    const count = check.findings.counts[status];
    total += count;
    excepted += check.findings.excepted ?? 0;
    if (count === 0 || lines.length >= JUNIT_LISTED_FINDINGS) continue;
    for (const finding of check.findings.read()) {
      if (finding.status !== status) continue;
      lines.push(findingLine(check.check, finding));
      if (lines.length >= JUNIT_LISTED_FINDINGS) break;
    }
  }
  if (total > lines.length) lines.push(`and ${total - lines.length} more (findings.csv / results.json)`);
  if (status === 'FAIL' && excepted > 0) {
    lines.unshift(
      excepted === total
        ? `${total} failing resources, all of them accepted risks (exceptions):`
        : `${total} failing resources, ${excepted} of them accepted risks (exceptions):`,
    );
  }
  return { lines, excepted, failing: status === 'FAIL' ? total : 0 };
}

function findingLine(check: string, finding: Finding): string {
  const where = `${finding.account}/${finding.region}`;
  const exception = finding.exception ? ` [EXCEPTED: ${finding.exception.id}, until ${finding.exception.expires}]` : '';
  return `${clip(finding.resource)} (${where}, ${check}): ${clip(finding.reason)}${clip(exception)}`;
}

function attestationLines(attestations: readonly AttestationResult[]): string[] {
  const lines = attestations
    .slice(0, LISTED_ATTESTATIONS)
    .map((a) =>
      clip(
        `attested ${a.result} by ${a.role ? `${a.attestedBy} (${a.role})` : a.attestedBy} on ${a.date}${a.account ? ` for ${a.account}` : ''}: ${a.justification}`,
      ),
    );
  if (attestations.length > LISTED_ATTESTATIONS)
    lines.push(`and ${attestations.length - LISTED_ATTESTATIONS} more attestations (results.json)`);
  return lines;
}

function attesters(attestations: readonly AttestationResult[]): string {
  const names = [...new Set(attestations.map((a) => (a.role ? `${a.attestedBy} (${a.role})` : a.attestedBy)))];
  const listed = names.slice(0, LISTED_ATTESTATIONS).join(', ');
  return names.length > LISTED_ATTESTATIONS ? `${listed} and ${names.length - LISTED_ATTESTATIONS} more` : listed;
}

/** `YYYY-MM-DDTHH:MM:SS` in UTC, or '' when the date cannot be read. */
function junitTimestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 19);
}

/** Attacker-influenced text cut to {@link MAX_TEXT} characters, so no one value bloats the file. */
function clip(value: string): string {
  return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}… (${value.length - MAX_TEXT} more characters)` : value;
}

// Characters XML 1.0 does not allow at all (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F).
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function visible(value: string): string {
  return value.replace(FORBIDDEN, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Element text: markup escaped, CR kept as a reference (a parser would turn it into LF). */
function text(value: string): string {
  return visible(value).replace(/[&<>\r]/g, (c) => ENTITIES[c] ?? c);
}

/** A quoted attribute value: tab, CR and LF as references, since attribute normalisation would make them spaces. */
function attr(value: string): string {
  return `"${visible(value).replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c] ?? c)}"`;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
