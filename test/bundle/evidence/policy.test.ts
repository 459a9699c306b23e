import { describe, expect, it } from 'vitest';
import { isAnyonePrincipal, parseIamPolicyDocument, wildcardMatches } from '../../../src/bundle/evidence/policy.js';
import { encodeIamPolicy } from '../../helpers/aws-builders.js';

describe('policy documents', () => {
  it('decodes IAM URL-encoded documents, and reads plain JSON as is', () => {
    const document = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
    const expected = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    expect(encodeIamPolicy(document)).toContain('%22%2A%22');
    expect(parseIamPolicyDocument(encodeIamPolicy(document))).toEqual(expected);
    expect(parseIamPolicyDocument(JSON.stringify(document))).toEqual(expected);
    // A form-encoded space (+) as some tools write it.
    expect(parseIamPolicyDocument('%7B%22Statement%22%3A+%5B%5D%7D')).toEqual({ Statement: [] });
  });

  it('matches IAM wildcards in full, case-insensitively when asked', () => {
    expect(wildcardMatches('arn:aws:s3:::logs*', 'arn:aws:s3:::logs/*')).toBe(true);
    expect(wildcardMatches('arn:aws:s3:::logs/a*', 'arn:aws:s3:::logs/*')).toBe(false);
    expect(wildcardMatches('S3:*', 's3:*', true)).toBe(true);
    expect(wildcardMatches('s3:Get?bject', 's3:GetObject')).toBe(true);
  });

  it('knows everyone principals', () => {
    expect(isAnyonePrincipal('*')).toBe(true);
    expect(isAnyonePrincipal({ AWS: ['*'] })).toBe(true);
    expect(isAnyonePrincipal({ Service: 'cloudtrail.amazonaws.com' })).toBe(false);
  });
});
