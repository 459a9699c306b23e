import check from '../../../src/checks/lambda/lambda-function-not-public.js';
import { callError } from '../../helpers/aws-builders.js';
import {
  functionPolicy,
  functionsWithPolicies,
  invokeStatement,
  lambdaFunction,
  listFunctions,
  policyOf,
} from '../../helpers/lambda-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const fn = 'orders';
const single = (...statements: object[]) => functionsWithPolicies([fn, policyOf(...statements)]);
const BUCKET_ARN = { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::acme-uploads' } };

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'function without a resource-based policy (GetPolicy: ResourceNotFoundException)',
      evidence: functionsWithPolicies([fn, 'not-found']),
      reason: /function orders has no resource-based policy/,
    },
    { name: 'another account by id', evidence: single(invokeStatement(fn, { AWS: 'arn:aws:iam::444455556666:root' })) },
    {
      name: 'API Gateway service principal with a SourceArn pattern',
      evidence: single(
        invokeStatement(
          fn,
          { Service: 'apigateway.amazonaws.com' },
          { ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*/GET/orders' } },
        ),
      ),
    },
    {
      name: 'S3 service principal with aws:SourceAccount',
      evidence: single(
        invokeStatement(fn, { Service: 's3.amazonaws.com' }, { ...BUCKET_ARN, StringEquals: { 'AWS:SourceAccount': '111122223333' } }),
      ),
    },
    {
      name: 'Principal "*" pinned by aws:PrincipalOrgID',
      evidence: single(invokeStatement(fn, '*', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })),
      reason: /allows no public access \(1 statements\)/,
    },
    {
      name: 'Principal {"AWS": "*"} pinned by a fixed aws:SourceArn',
      evidence: single(invokeStatement(fn, { AWS: '*' }, { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:orders' } })),
    },
    { name: 'Deny to everyone', evidence: single({ ...invokeStatement(fn, '*'), Effect: 'Deny' }) },
  ],
  fail: [
    {
      name: 'Principal "*" without a condition, beside a private function',
      evidence: functionsWithPolicies(['private', 'not-found'], [fn, policyOf(invokeStatement(fn, '*', undefined, 'public-invoke'))]),
      reason:
        /function orders's resource-based policy is public: statement public-invoke allows lambda:InvokeFunction to principal "\*" with no condition/,
    },
    {
      name: 'Principal {"AWS": "*"}',
      evidence: single(invokeStatement(fn, { AWS: ['111122223333', '*'] })),
      reason: /principal \{"AWS":\["111122223333","\*"\]\}/,
    },
    { name: 'wildcard account in a principal ARN', evidence: single(invokeStatement(fn, { AWS: 'arn:aws:iam::*:root' })) },
    { name: 'empty principal', evidence: single(invokeStatement(fn, '')) },
    {
      name: 'NotPrincipal with Allow',
      evidence: single({
        ...invokeStatement(fn, undefined),
        Principal: undefined,
        NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
      }),
      reason: /everyone outside its NotPrincipal/,
    },
    {
      name: 'function URL open to everyone (lambda:FunctionUrlAuthType NONE limits nothing)',
      evidence: single({
        ...invokeStatement(fn, '*', { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } }),
        Action: 'lambda:InvokeFunctionUrl',
      }),
    },
    {
      name: 'Principal "*" with a wildcard aws:SourceAccount',
      evidence: single(invokeStatement(fn, '*', { StringLike: { 'aws:SourceAccount': '*' } })),
    },
    {
      name: 'Principal "*" with StringEqualsIfExists (requests without the key pass)',
      evidence: single(invokeStatement(fn, '*', { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } })),
    },
    {
      name: 'S3 service principal with only a bucket ARN (no aws:SourceAccount)',
      evidence: single(invokeStatement(fn, { Service: 's3.amazonaws.com' }, BUCKET_ARN)),
      reason: /to s3.amazonaws.com without an aws:SourceAccount condition/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetPolicy denied for one function',
      evidence: {
        files: [
          listFunctions('us-east-1', [lambdaFunction(fn), lambdaFunction('other')]),
          listFunctions('eu-west-1', []),
          functionPolicy('other', 'not-found'),
        ],
        errors: [callError('lambda', 'GetPolicy', 'AccessDeniedException', 'us-east-1', { FunctionName: fn })],
      },
      reason: /function orders: its resource-based policy is unknown \(lambda:GetPolicy .*AccessDeniedException/,
    },
    {
      name: 'policy text that is not JSON',
      evidence: {
        files: [
          listFunctions('us-east-1', [lambdaFunction(fn)]),
          listFunctions('eu-west-1', []),
          { ...functionPolicy(fn, {}), body: { Policy: '{not json' } },
        ],
      },
      reason: /lambda:GetPolicy of orders could not be read/,
    },
    {
      name: 'statement without Principal or NotPrincipal',
      evidence: single({ ...invokeStatement(fn, undefined), Principal: undefined }),
      reason: /neither Principal nor NotPrincipal/,
    },
    {
      name: 'ListFunctions denied in us-east-1',
      evidence: { files: [listFunctions('eu-west-1', [])] },
      collectionError: { service: 'lambda', operation: 'ListFunctions', code: 'AccessDeniedException', region: 'us-east-1' },
      reason: /lambda:ListFunctions in 111122223333\/us-east-1 failed during collection: AccessDeniedException/,
    },
  ],
});
