import { ssmDocuments } from '../../bundle/evidence/ssm.js';
import { defineCheck } from '../define-check.js';

/** No SSM document the account owns is shared with every AWS account. */
export default defineCheck({
  id: 'ssm-document-not-public',
  title: 'SSM documents owned by the account are not public',
  description:
    'For every document ListDocuments lists with the Owner=Self filter, the Share permission (DescribeDocumentPermission, every page) must not hold the account id "all"; sharing with named accounts passes.',
  scope: 'region',
  needs: { documents: ssmDocuments },
  params: {},
  *run({ documents }, ctx) {
    for (const doc of documents) {
      const name = `${doc.documentType ? `${doc.documentType} ` : ''}document ${doc.name}`;
      if (!doc.sharedWith.ok) {
        yield ctx.notEvaluated(doc.arn, `${name}: ${doc.sharedWith.reason}`);
        continue;
      }
      const accounts = doc.sharedWith.value;
      const files = doc.sharedWith.files;
      if (accounts.includes('all'))
        yield ctx.fail(doc.arn, `${name} is shared with "all": every AWS account can see and run it (required: not "all")`, files);
      else if (accounts.length === 0) yield ctx.pass(doc.arn, `${name} is not shared`, files);
      else
        yield ctx.pass(
          doc.arn,
          `${name} is shared with ${accounts.length} named account${accounts.length === 1 ? '' : 's'} (${accounts.join(', ')}), not "all"`,
          files,
        );
    }
  },
});
