import { describe, expect, it } from 'vitest';
import { filterMatches, parseFilterPattern, type FilterExpression } from '../../../src/bundle/evidence/logs.js';

const parsed = (pattern: string): FilterExpression => {
  const result = parseFilterPattern(pattern);
  if (!result.ok) throw new Error(result.reason);
  return result.expression;
};
const consoleLogin = { eventName: 'ConsoleLogin', errorMessage: 'Failed authentication', additionalEventData: { MFAUsed: 'No' }, userIdentity: { type: 'IAMUser' } };

describe('CloudWatch Logs filter patterns', () => {
  it('matches quoted and bare values, with and without spaces', () => {
    expect(filterMatches(parsed('{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }'), consoleLogin)).toBe(true);
    expect(filterMatches(parsed('{($.eventName=ConsoleLogin)&&($.additionalEventData.MFAUsed!="Yes")}'), consoleLogin)).toBe(true);
    expect(filterMatches(parsed('{ $.eventName = ConsoleLogin && $.additionalEventData.MFAUsed = "Yes" }'), consoleLogin)).toBe(false);
  });

  it('treats * in a value as a wildcard', () => {
    const pattern = parsed('{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }');
    expect(filterMatches(pattern, { errorCode: 'Client.UnauthorizedOperation' })).toBe(true);
    expect(filterMatches(pattern, { errorCode: 'AccessDeniedException' })).toBe(true);
    expect(filterMatches(pattern, { errorCode: 'ThrottlingException' })).toBe(false);
  });

  it('binds && tighter than ||, and honours parentheses', () => {
    const loose = parsed('{ $.a = 1 || $.b = 1 && $.c = 1 }');
    expect(filterMatches(loose, { a: 1, b: 0, c: 0 })).toBe(true);
    const grouped = parsed('{ ($.a = 1 || $.b = 1) && $.c = 1 }');
    expect(filterMatches(grouped, { a: 1, b: 0, c: 0 })).toBe(false);
  });

  it('supports NOT EXISTS, EXISTS, IS TRUE and array indexes', () => {
    const root = parsed('{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }');
    expect(filterMatches(root, { userIdentity: { type: 'Root' }, eventType: 'AwsApiCall' })).toBe(true);
    expect(filterMatches(root, { userIdentity: { type: 'Root', invokedBy: 'support.amazonaws.com' }, eventType: 'AwsApiCall' })).toBe(false);
    expect(filterMatches(parsed('{ $.resources[0].type = "AWS::S3::Object" && $.readOnly IS TRUE && $.tlsDetails EXISTS }'), { resources: [{ type: 'AWS::S3::Object' }], readOnly: true, tlsDetails: {} })).toBe(true);
  });

  it('refuses term patterns and malformed JSON patterns with a reason', () => {
    expect(parseFilterPattern('"ConsoleLogin" "Failed"')).toEqual({ ok: false, reason: 'not a JSON filter pattern ({ … })' });
    expect(parseFilterPattern('{ ($.eventName = ConsoleLogin }')).toMatchObject({ ok: false, reason: 'a parenthesis is not closed' });
    expect(parseFilterPattern('{ $.eventName = }')).toMatchObject({ ok: false });
  });
});
