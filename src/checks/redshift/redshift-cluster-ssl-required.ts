import type { FileRef } from '../../bundle/read-bundle.js';
import { redshiftClusterParameters } from '../../bundle/evidence/redshift.js';
import { defineCheck } from '../define-check.js';

/** Every Redshift cluster requires TLS for SQL client connections. */
export default defineCheck({
  id: 'redshift-cluster-ssl-required',
  title: 'Redshift clusters require SSL/TLS connections',
  description:
    'For every cluster in DescribeClusters, require_ssl must be true in each of its parameter groups (DescribeClusterParameters of the group, every page, default groups included). A group whose answer lists no require_ssl is not evaluated.',
  scope: 'region',
  needs: { clusters: redshiftClusterParameters },
  params: {},
  *run({ clusters }, ctx) {
    for (const c of clusters) {
      const name = `Redshift cluster ${c.id}`;
      if (c.parameterGroups === undefined) {
        yield ctx.notEvaluated(c.arn, `${name}: ClusterParameterGroups in DescribeClusters is not a list of named groups`);
        continue;
      }
      if (c.groups.length === 0) {
        yield ctx.notEvaluated(c.arn, `${name}: DescribeClusters lists no parameter group, so require_ssl is unknown`);
        continue;
      }
      const files: FileRef[] = [...c.listingFiles];
      const failing: string[] = [];
      const unknown: string[] = [];
      for (const { name: group, parameters } of c.groups) {
        if (!parameters.ok) {
          unknown.push(parameters.reason);
          continue;
        }
        files.push(...parameters.files);
        const value = parameters.value;
        if (value.requireSsl === undefined)
          unknown.push(
            value.rawRequireSsl === undefined
              ? `parameter group ${group} lists no require_ssl`
              : `parameter group ${group} has require_ssl "${value.rawRequireSsl}", not true or false`,
          );
        else if (!value.requireSsl) failing.push(group);
      }
      const groups = c.groups.map((g) => g.name).join(', ');
      if (failing.length > 0)
        yield ctx.fail(
          c.arn,
          `${name} uses parameter group ${failing.join(', ')} with require_ssl false: clients may connect without TLS (required: true)`,
          files,
        );
      else if (unknown.length > 0) yield ctx.notEvaluated(c.arn, `${name}: ${unknown.join('; ')}`);
      else yield ctx.pass(c.arn, `${name} uses parameter group ${groups} with require_ssl true`, files);
    }
  },
});
