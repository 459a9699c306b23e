import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import type { CollectionError } from '../../src/bundle/manifest.js';
import { CONFIG_RULE_CHECK } from '../../src/checks/config/config-rule-compliant.js';
import type { Finding } from '../../src/checks/define-check.js';
import { DIFF_EXIT_CODES } from '../../src/cli/diff.js';
import { main } from '../../src/cli/main.js';
import { diffResults, type Diff, type RequirementDiff } from '../../src/diff/diff.js';
import { buildDiffView } from '../../src/diff/render-diff-html.js';
import { buildTrendView } from '../../src/diff/render-trend-html.js';
import { buildTrend } from '../../src/diff/trend.js';
import type { CheckResult, RequirementResult, RequirementStatus, Results } from '../../src/evaluate/results.js';
import { canonicalJson } from '../../src/shared/canonical-json.js';
import { ACCOUNT, checkResult, finding, resultsFrom } from '../helpers/results-builder.js';

const EU = 'eu-west-1';
const US = 'us-east-1';
const later = {
  startedAt: '2026-12-31T08:00:00.000Z',
  finishedAt: '2026-12-31T08:04:12.000Z',
  manifestSha256: 'b'.repeat(64),
  id: 'bundle-q4',
};

const regionRow = (region: string): string => `${ACCOUNT}/${region}`;
const own = (check: string, path: (region: string) => string, states: Record<string, 'PASS' | 'FAIL' | 'NOT_EVALUATED'>): CheckResult =>
  checkResult(
    check,
    check,
    {},
    Object.entries(states).map(([region, status]): Finding => {
      const reason = `${check} is ${status} in ${region}`;
      return status === 'NOT_EVALUATED'
        ? { status, resource: regionRow(region), reason, account: ACCOUNT, region, evidence: [] }
        : finding(status, regionRow(region), reason, path(region), { region });
    }),
  );
/** AWS Config rule verdicts: "not deployed" rows share the region's resource key with our own check. */
const configRule = (identifier: string, states: Record<string, 'NOT_DEPLOYED' | 'COMPLIANT' | 'NON_COMPLIANT'>): CheckResult =>
  checkResult(
    CONFIG_RULE_CHECK,
    'An AWS Config managed rule finds the resources compliant',
    { identifier },
    Object.entries(states).map(([region, state]): Finding => {
      if (state === 'NOT_DEPLOYED')
        return {
          status: 'NOT_EVALUATED',
          resource: regionRow(region),
          reason: `AWS Config rule ${identifier} is not deployed in ${region}`,
          account: ACCOUNT,
          region,
          evidence: [],
        };
      return finding(
        state === 'COMPLIANT' ? 'PASS' : 'FAIL',
        `AWS::::Account ${ACCOUNT}`,
        `AWS Config rule ${identifier} recorded ${state}`,
        `aws/${ACCOUNT}/${region}/config/GetComplianceDetailsByConfigRule/${identifier}.json`,
        { region },
      );
    }),
  );

function req(id: string, status: RequirementStatus, checks: CheckResult[]): RequirementResult {
  const section = id.split('.')[0] ?? id;
  return {
    id,
    section,
    sectionTitle: `Section ${section}`,
    title: `Requirement ${id}`,
    assessment: 'automated',
    status,
    statusReason: status,
    checks,
  };
}

const ebsPath = (region: string): string => `aws/${ACCOUNT}/${region}/ec2/GetEbsEncryptionByDefault.json`;
const hubPath = (region: string): string => `aws/${ACCOUNT}/${region}/securityhub/DescribeHub.json`;
const recorderPath = (region: string): string => `aws/${ACCOUNT}/${region}/config/DescribeConfigurationRecorders.json`;
const trailPath = (region: string): string => `aws/${ACCOUNT}/${region}/cloudtrail/DescribeTrails.json`;

const byId = (d: Diff, id: string): RequirementDiff => {
  const r = d.requirements.find((x) => x.newId === id || x.oldId === id);
  if (!r) throw new Error(`no requirement ${id} in the diff`);
  return r;
};
const IMPROVEMENTS = ['fix', 'newly-passing'] as const;
const RESOURCE_IMPROVEMENTS = ['fixed', 'evidence-regained', 'gap-closed', 'disappeared'] as const;
const view = (d: Diff) => buildDiffView(d, { css: new Handlebars.SafeString(''), generatedAt: '' });

/** No change in the diff reads as an improvement: what a reduced scope must never produce. */
function expectNoImprovement(d: Diff): void {
  for (const change of IMPROVEMENTS) expect(d.summary.requirements[change], change).toBe(0);
  for (const change of RESOURCE_IMPROVEMENTS) expect(d.summary.resources[change], change).toBe(0);
  expect(d.evidence.errorsResolved).toEqual([]);
  expect(d.summary.passRate.change).toBeNull();
  expect(d.summary.sections.every((s) => s.change === null)).toBe(true);
  const v = view(d);
  expect(v.better).toEqual([]);
  expect(v.evidence.errorsResolved).toEqual([]);
  expect(v.passRate.tone).not.toBe('better');
}

const configDenied: CollectionError = {
  account: ACCOUNT,
  region: EU,
  service: 'config',
  operation: 'DescribeConfigurationRecorders',
  parameters: {},
  code: 'AccessDeniedException',
  message: 'denied',
};

/** One account, two regions: EBS fails in eu-west-1, Config could not be read there, Security Hub is on. */
function fullPeriod(): Results {
  return resultsFrom(
    [
      req('3.3', 'NOT_EVALUATED', [own('config-recorder-recording', recorderPath, { [EU]: 'NOT_EVALUATED', [US]: 'PASS' })]),
      req('3.5', 'FAIL', [own('cloudtrail-log-file-validation-enabled', trailPath, { [EU]: 'FAIL', [US]: 'PASS' })]),
      req('4.16', 'PASS', [own('securityhub-hub-enabled', hubPath, { [EU]: 'PASS', [US]: 'PASS' })]),
      req('5.1', 'FAIL', [own('ec2-ebs-default-encryption-enabled', ebsPath, { [EU]: 'FAIL', [US]: 'PASS' })]),
    ],
    { errors: [configDenied] },
  );
}

/** The same account with eu-west-1 left out of the collection: everything there is simply not seen. */
function regionDropped(): Results {
  return resultsFrom(
    [
      req('3.3', 'PASS', [own('config-recorder-recording', recorderPath, { [US]: 'PASS' })]),
      req('3.5', 'PASS', [own('cloudtrail-log-file-validation-enabled', trailPath, { [US]: 'PASS' })]),
      req('4.16', 'PASS', [own('securityhub-hub-enabled', hubPath, { [US]: 'PASS' })]),
      req('5.1', 'PASS', [own('ec2-ebs-default-encryption-enabled', ebsPath, { [US]: 'PASS' })]),
    ],
    { ...later, regions: [US] },
  );
}

describe('a smaller scope is "scope reduced", never an improvement', () => {
  it('a region dropped between periods: its failures and gaps are scope reduced, its errors are not resolved', () => {
    const d = diffResults(fullPeriod(), regionDropped(), { toolVersion: 't' });
    expect(Object.fromEntries(d.requirements.map((r) => [r.newId, r.change]))).toEqual({
      '3.3': 'scope-reduced',
      '3.5': 'scope-reduced',
      '4.16': 'unchanged',
      '5.1': 'scope-reduced',
    });
    expect(byId(d, '3.3').missingEvidence).toEqual([`${ACCOUNT}/${EU}: region ${EU} is not in NEW's collection scope`]);
    expect(byId(d, '5.1').resources.map((r) => [r.change, r.resource])).toEqual([['out-of-scope', `${ACCOUNT}/${EU}`]]);
    expect(d.evidence.scopeReduced).toEqual([`region ${EU} was not collected in NEW`]);
    expect(d.evidence.errorsNotRechecked).toEqual([configDenied]);
    expect(d.summary.scopeReduced).toBe(true);
    expect(d.summary.regressed).toBe(false);
    expect(d.warnings.join('\n')).toMatch(/NEW looked at less than OLD \(region eu-west-1 was not collected in NEW\)/);
    expectNoImprovement(d);
    const v = view(d);
    expect(v.scopeItems.map((i) => i.ids)).toEqual(['3.3', '3.5', '5.1']);
    expect(v.passRate.change).toBe('not compared: scope reduced');
    expect(v.evidence.scope.join('\n')).toMatch(
      /Not rechecked: config:DescribeConfigurationRecorders in 111122223333\/eu-west-1 \(AccessDeniedException before\) — region eu-west-1 was not collected in NEW, so this error is not resolved/,
    );
    expect(v.headline).not.toMatch(/were fixed|resolved|regained/i);
  });

  it('an account dropped between periods: the same', () => {
    const other = '444455556666';
    const passes = (check: string, path: (region: string) => string): CheckResult =>
      checkResult(
        check,
        check,
        {},
        [US, EU].map((region) => finding('PASS', `${other}/${region}`, 'passes', path(region), { account: other, region })),
      );
    const neu = resultsFrom(
      [
        req('3.3', 'PASS', [passes('config-recorder-recording', recorderPath)]),
        req('3.5', 'PASS', [passes('cloudtrail-log-file-validation-enabled', trailPath)]),
        req('4.16', 'PASS', [passes('securityhub-hub-enabled', hubPath)]),
        req('5.1', 'PASS', [passes('ec2-ebs-default-encryption-enabled', ebsPath)]),
      ],
      { ...later, accounts: [{ id: other }] },
    );
    const d = diffResults(fullPeriod(), neu, { toolVersion: 't' });
    expect(byId(d, '5.1').change).toBe('scope-reduced');
    expect(d.evidence.scopeReduced).toEqual([`account production (${ACCOUNT}) was not collected in NEW`]);
    expect(d.evidence.errorsNotRechecked).toEqual([configDenied]);
    expect(d.summary.resources['out-of-scope']).toBeGreaterThan(0);
    expectNoImprovement(d);
  });

  it('an interrupted NEW collection: what vanished is scope reduced, and OLD errors it never re-asked are not resolved', () => {
    const old = fullPeriod();
    // NEW stopped before reaching eu-west-1's CloudTrail, EBS and Config calls; the checks simply saw nothing there.
    const neu = regionDropped();
    neu.bundle = { ...neu.bundle, regions: [EU, US], complete: false };
    const d = diffResults(old, neu, { toolVersion: 't' });
    expect(byId(d, '5.1').change).toBe('scope-reduced');
    expect(byId(d, '5.1').missingEvidence).toEqual([
      `${ACCOUNT}/${EU}: NEW's collection did not finish, so its absence there proves nothing`,
    ]);
    expect(byId(d, '3.5').change).toBe('scope-reduced');
    expect(d.evidence.scopeReduced).toEqual(["NEW's collection did not finish"]);
    expect(d.evidence.errorsNotRechecked).toEqual([configDenied]);
    expectNoImprovement(d);
  });

  it('an error NEW did re-ask in an interrupted collection is resolved', () => {
    const old = fullPeriod();
    const neu = resultsFrom(
      [
        req('3.3', 'PASS', [own('config-recorder-recording', recorderPath, { [EU]: 'PASS', [US]: 'PASS' })]),
        req('4.16', 'PASS', [own('securityhub-hub-enabled', hubPath, { [EU]: 'PASS', [US]: 'PASS' })]),
      ],
      { ...later, complete: false },
    );
    const d = diffResults(old, neu, { toolVersion: 't' });
    expect(d.evidence.errorsResolved).toEqual([configDenied]);
    expect(d.evidence.errorsNotRechecked).toEqual([]);
  });

  it('the same scope and a complete collection: a real fix is still a fix, and rates are compared', () => {
    const old = fullPeriod();
    const neu = structuredClone(old);
    Object.assign(neu.bundle, later);
    neu.requirements[3] = req('5.1', 'PASS', [own('ec2-ebs-default-encryption-enabled', ebsPath, { [EU]: 'PASS', [US]: 'PASS' })]);
    const fixed = resultsFrom(neu.requirements, { ...later, errors: [configDenied] });
    const d = diffResults(old, fixed, { toolVersion: 't' });
    expect(byId(d, '5.1').change).toBe('fix');
    expect(d.summary.scopeReduced).toBe(false);
    expect(d.summary.passRate).toEqual({ old: 1 / 4, new: 2 / 4, change: 2 / 4 - 1 / 4 });
    expect(d.summary.coverage).toEqual({ old: 3 / 4, new: 3 / 4, change: 0 });
  });
});

describe('AWS Config rules are a track of their own', () => {
  it('enabling EBS default encryption is a fix, although the EC2_EBS_ENCRYPTION_BY_DEFAULT rule is not deployed', () => {
    const old = resultsFrom([
      req('5.1.1', 'FAIL', [
        own('ec2-ebs-default-encryption-enabled', ebsPath, { [EU]: 'FAIL', [US]: 'PASS' }),
        configRule('EC2_EBS_ENCRYPTION_BY_DEFAULT', { [EU]: 'NOT_DEPLOYED', [US]: 'NOT_DEPLOYED' }),
      ]),
    ]);
    const neu = resultsFrom(
      [
        req('5.1.1', 'PASS', [
          own('ec2-ebs-default-encryption-enabled', ebsPath, { [EU]: 'PASS', [US]: 'PASS' }),
          configRule('EC2_EBS_ENCRYPTION_BY_DEFAULT', { [EU]: 'NOT_DEPLOYED', [US]: 'NOT_DEPLOYED' }),
        ]),
      ],
      later,
    );
    const d = diffResults(old, neu, { toolVersion: 't' });
    const r = byId(d, '5.1.1');
    expect(r.change).toBe('fix');
    expect(r.missingEvidence).toBeUndefined();
    expect(r.resources.map((x) => [x.change, x.resource])).toEqual([['fixed', `${ACCOUNT}/${EU}`]]);
    expect(r.configRules).toEqual([]);
    expect(view(d).notFixes).toEqual([]);
    expect(view(d).better.map((g) => g.heading)).toEqual(['Fixed']);
  });

  it('turning Security Hub off is a regression, never "evidence regained", and --fail-on regression sees it', () => {
    const old = resultsFrom([
      req('4.16', 'PASS', [
        own('securityhub-hub-enabled', hubPath, { [EU]: 'PASS', [US]: 'PASS' }),
        configRule('SECURITYHUB_ENABLED', { [EU]: 'NOT_DEPLOYED', [US]: 'NOT_DEPLOYED' }),
      ]),
    ]);
    const neu = resultsFrom(
      [
        req('4.16', 'FAIL', [
          own('securityhub-hub-enabled', hubPath, { [EU]: 'FAIL', [US]: 'PASS' }),
          configRule('SECURITYHUB_ENABLED', { [EU]: 'NOT_DEPLOYED', [US]: 'NOT_DEPLOYED' }),
        ]),
      ],
      later,
    );
    const d = diffResults(old, neu, { toolVersion: 't' });
    const r = byId(d, '4.16');
    expect(r.change).toBe('regression');
    expect(r.resources.map((x) => [x.change, x.resource])).toEqual([['newly-failing', `${ACCOUNT}/${EU}`]]);
    expect(d.summary.resources['evidence-regained']).toBe(0);
    expect(d.summary.regressed).toBe(true);
  });

  it('a Config rule deployed or flipping verdict shows in its own track and decides nothing', () => {
    const old = resultsFrom([
      req('4.16', 'PASS', [
        own('securityhub-hub-enabled', hubPath, { [EU]: 'PASS', [US]: 'PASS' }),
        configRule('SECURITYHUB_ENABLED', { [EU]: 'NOT_DEPLOYED', [US]: 'COMPLIANT' }),
      ]),
    ]);
    const neu = resultsFrom(
      [
        req('4.16', 'PASS', [
          own('securityhub-hub-enabled', hubPath, { [EU]: 'PASS', [US]: 'PASS' }),
          configRule('SECURITYHUB_ENABLED', { [EU]: 'COMPLIANT', [US]: 'NON_COMPLIANT' }),
        ]),
      ],
      later,
    );
    const d = diffResults(old, neu, { toolVersion: 't' });
    const r = byId(d, '4.16');
    expect(r.change).toBe('unchanged');
    expect(r.resources).toEqual([]);
    expect(r.configRules.map((x) => [x.change, x.resource, x.region])).toEqual([
      ['newly-failing', `AWS::::Account ${ACCOUNT}`, US],
      ['evidence-regained', `AWS::::Account ${ACCOUNT}`, EU],
      ['gap-closed', `${ACCOUNT}/${EU}`, EU],
    ]);
    expect(d.summary.configRules['newly-failing']).toBe(1);
    expect(d.summary.resources['newly-failing']).toBe(0);
    expect(d.summary.regressed).toBe(false);
    expect(d.summary.changed).toBe(true);
  });
});

describe('trend over a reduced scope', () => {
  it('marks the period that looked at less and does not call its rate a change', () => {
    const trend = buildTrend([fullPeriod(), regionDropped()], { toolVersion: 't' });
    expect(trend.periods.map((p) => p.scopeReduced)).toEqual([[], [`region ${EU} not collected`]]);
    expect(trend.coverage).toEqual([3 / 4, 1]);
    const v = buildTrendView(trend, { css: new Handlebars.SafeString(''), generatedAt: '' });
    const overall = v.rows.find((r) => r.title === 'Overall');
    expect(overall?.change).toBe('not compared: scope reduced');
    expect(overall?.cells[1]).toMatch(/\*$/);
    expect(v.latest.better).toEqual([]);
    expect(v.latest.notFixes.map((i) => i.ids)).toEqual(['3.3', '3.5', '5.1']);
  });
});

describe('auditpack diff --fail-on regression', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it(`exits ${DIFF_EXIT_CODES.regression} when Security Hub was switched off`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auditpack-diff-hub-'));
    dirs.push(dir);
    const hub = (eu: 'PASS' | 'FAIL'): RequirementResult =>
      req('4.16', eu, [
        own('securityhub-hub-enabled', hubPath, { [EU]: eu, [US]: 'PASS' }),
        configRule('SECURITYHUB_ENABLED', { [EU]: 'NOT_DEPLOYED', [US]: 'NOT_DEPLOYED' }),
      ]);
    writeFileSync(join(dir, 'old.json'), canonicalJson(resultsFrom([hub('PASS')])));
    writeFileSync(join(dir, 'new.json'), canonicalJson(resultsFrom([hub('FAIL')], later)));
    const err: string[] = [];
    const code = await main(
      ['diff', join(dir, 'old.json'), join(dir, 'new.json'), '--out', join(dir, 'out'), '--format', 'json', '--fail-on', 'regression'],
      {
        out: () => undefined,
        err: (t) => err.push(t),
        env: { SOURCE_DATE_EPOCH: '1790000000' },
        now: () => new Date('2026-12-31T12:00:00Z'),
      },
    );
    expect(err.join('')).not.toMatch(/internal error/);
    expect(code).toBe(DIFF_EXIT_CODES.regression);
  });
});
