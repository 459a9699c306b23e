import check from '../../../src/checks/ssm/ssm-document-not-public.js';
import { documentEvidence, documentPermission, sharedWith, ssmDocument } from '../../helpers/ssm-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const doc = 'Acme-RotateLogs';
const withSharing = (body: unknown) => documentEvidence([ssmDocument(doc)], [documentPermission(doc, body)]);

testCheck(check, {
  collectedAt: '2026-09-30T08:04:12Z',
  pass: [
    { name: 'document shared with nobody', evidence: withSharing(sharedWith()), reason: /Command document Acme-RotateLogs is not shared/ },
    {
      name: 'document shared with one named account',
      evidence: withSharing(sharedWith('444455556666')),
      reason: /shared with 1 named account \(444455556666\), not "all"/,
    },
    { name: 'permission answer without AccountIds or AccountSharingInfoList (AWS leaves empty lists out)', evidence: withSharing({}) },
    { name: 'no documents owned by the account', evidence: documentEvidence([]) },
  ],
  fail: [
    {
      name: 'document shared with all',
      evidence: withSharing(sharedWith('all')),
      reason: /Command document Acme-RotateLogs is shared with "all": every AWS account can see and run it \(required: not "all"\)/,
    },
    {
      name: '"all" on the second page of the permission answer',
      evidence: documentEvidence(
        [ssmDocument(doc)],
        [
          documentPermission(doc, { ...sharedWith('444455556666'), NextToken: 'AAEAAXJ0b2tlbg==' }),
          documentPermission(doc, sharedWith('all'), { page: 2 }),
        ],
      ),
      reason: /shared with "all"/,
    },
    {
      name: 'public Automation document beside a private one',
      evidence: documentEvidence(
        [ssmDocument(doc), ssmDocument('Acme-PatchFleet', { DocumentType: 'Automation' })],
        [documentPermission(doc, sharedWith()), documentPermission('Acme-PatchFleet', sharedWith('all'))],
      ),
      reason: /Automation document Acme-PatchFleet is shared with "all"/,
    },
  ],
  notEvaluated: [
    {
      name: 'permission call denied for one document, the other still decided',
      evidence: {
        ...documentEvidence([ssmDocument(doc), ssmDocument('Acme-PatchFleet')], [documentPermission('Acme-PatchFleet', sharedWith())]),
        errors: [
          {
            region: 'us-east-1',
            service: 'ssm',
            operation: 'DescribeDocumentPermission',
            parameters: { Name: doc },
            code: 'AccessDeniedException',
          },
        ],
      },
      reason: /document Acme-RotateLogs: ssm:DescribeDocumentPermission .*failed during collection: AccessDeniedException/,
    },
    {
      name: 'document deleted between the listing and the permission call',
      evidence: documentEvidence(
        [ssmDocument(doc)],
        [
          documentPermission(
            doc,
            { Error: { Code: 'InvalidDocument', Message: 'Document with name Acme-RotateLogs does not exist.' } },
            { status: 'not-found' },
          ),
        ],
      ),
      reason: /document Acme-RotateLogs: .*answered that the resource does not exist/,
    },
    { name: 'AccountIds holds a number', evidence: withSharing({ AccountIds: [444455556666] }), reason: /AccountIds holds 444455556666/ },
    { name: 'AccountIds is a string', evidence: withSharing({ AccountIds: 'all' }), reason: /AccountIds is "all", not a list/ },
    {
      name: 'document without Name, beside a private one',
      evidence: documentEvidence([ssmDocument(doc), { ...ssmDocument('x'), Name: undefined }], [documentPermission(doc, sharedWith())]),
      reason: /lacks Name/,
    },
    {
      name: 'document created after collection ended',
      evidence: documentEvidence([ssmDocument(doc, { CreatedDate: '2027-01-01T00:00:00.000Z' })], [documentPermission(doc, sharedWith())]),
      reason: /CreatedDate 2027-01-01T00:00:00.000Z is after collection ended/,
    },
    {
      name: 'ListDocuments denied in eu-west-1',
      evidence: { files: (documentEvidence([]).files ?? []).filter((f) => f.region !== 'eu-west-1') },
      collectionError: { service: 'ssm', operation: 'ListDocuments', code: 'AccessDeniedException', region: 'eu-west-1' },
      reason: /ssm:ListDocuments .*AccessDeniedException/,
    },
  ],
});
