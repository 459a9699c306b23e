import { configRecorders, configRules } from '../../bundle/evidence/config.js';
import { defineCheck } from '../define-check.js';

/** The check id catalogs use to cite an AWS Config managed rule as evidence. */
export const CONFIG_RULE_CHECK = 'config-rule-compliant';

/**
 * AWS Config's own verdicts as evidence: every resource the named managed rule evaluated in the
 * region. A region where the rule is not deployed, or where the recorder is off, is
 * NOT_EVALUATED — AWS Config's silence there is not a pass.
 */
export default defineCheck({
  id: CONFIG_RULE_CHECK,
  title: 'An AWS Config managed rule finds the resources compliant',
  description:
    "Reads the evaluations AWS Config recorded for the managed rule (GetComplianceDetailsByConfigRule): COMPLIANT passes, NON_COMPLIANT fails, INSUFFICIENT_DATA is not evaluated, NOT_APPLICABLE is skipped. Needs the rule deployed and the recorder recording in every region.",
  scope: 'region',
  needs: { rules: configRules, recorders: configRecorders },
  params: { identifier: { type: 'string', description: 'AWS Config managed rule identifier, e.g. IAM_PASSWORD_POLICY' } },
  *run({ rules, recorders }, ctx) {
    const { account, region } = ctx.scope;
    const identifier = ctx.params.identifier;
    const scope = `${account}/${region}`;
    const deployed = rules.filter((r) => r.rule.Source?.Owner === 'AWS' && r.rule.Source.SourceIdentifier === identifier);
    if (deployed.length === 0) {
      yield ctx.notEvaluated(scope, `AWS Config rule ${identifier} is not deployed in ${region}`);
      return;
    }
    const recording = recorders.some((r) => r.recorder.servicePrincipal === undefined && r.status?.recording === true);
    if (!recording) {
      yield ctx.notEvaluated(scope, `the AWS Config recorder is not recording in ${region}, so rule ${identifier}'s results there may be stale`);
      return;
    }
    for (const { rule, results } of deployed) {
      const name = rule.ConfigRuleName ?? identifier;
      if (!results.ok) {
        yield ctx.notEvaluated(rule.ConfigRuleArn ?? name, results.reason);
        continue;
      }
      const evidence = results.files;
      const relevant = results.value.filter((r) => r.ComplianceType !== 'NOT_APPLICABLE');
      if (relevant.length === 0) {
        yield ctx.notEvaluated(rule.ConfigRuleArn ?? name, `AWS Config rule ${name} (${identifier}) has recorded no evaluations in ${region}`, evidence);
        continue;
      }
      for (const result of relevant) {
        const q = result.EvaluationResultIdentifier?.EvaluationResultQualifier;
        const resource = `${q?.ResourceType ?? 'resource'} ${q?.ResourceId ?? '?'}`;
        const reason = `AWS Config rule ${name} (${identifier}) recorded ${result.ComplianceType ?? 'no verdict'} at ${result.ResultRecordedTime ?? 'an unknown time'}`;
        if (result.ComplianceType === 'COMPLIANT') yield ctx.pass(resource, reason, evidence);
        else if (result.ComplianceType === 'NON_COMPLIANT') yield ctx.fail(resource, reason, evidence);
        else yield ctx.notEvaluated(resource, reason, evidence);
      }
    }
  },
});
