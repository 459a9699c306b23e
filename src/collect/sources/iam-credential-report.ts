import type { CallSpec } from '../context.js';
import { defineSource } from './source.js';

// AWS builds the report in seconds to a few minutes; past this we record the report as unavailable.
const MAX_POLLS = 12;
const MAX_POLL_DELAY_MS = 15_000;

/**
 * The IAM credential report: GenerateCredentialReport until COMPLETE (polled with backoff), then
 * GetCredentialReport, stored as the decoded CSV with GeneratedTime and ReportFormat beside it.
 * AWS regenerates it at most every 4 hours, so GeneratedTime is what the data describes.
 */
export default defineSource({
  id: 'iam-credential-report',
  scope: 'account',
  services: ['iam'],
  async collect(ctx) {
    const { GenerateCredentialReportCommand, GetCredentialReportCommand } = await import('../../shared/aws-sdk/client-iam.js');
    const report: CallSpec<'iam'> = { service: 'iam', operation: 'GetCredentialReport' };
    if (!ctx.isDone(report)) {
      let delay = ctx.pollDelayMs;
      for (let poll = 1; ; poll++) {
        const generated = await ctx.request('iam', (client, options) => client.send(new GenerateCredentialReportCommand({}), options));
        if (!generated.ok) {
          // Without the right to generate one, a report generated in the last 4 hours may still be read.
          ctx.warn(`iam:GenerateCredentialReport in ${ctx.account.id} failed (${generated.error.code}); reading the last report instead`);
          break;
        }
        if (generated.value.State === 'COMPLETE') break;
        if (poll >= MAX_POLLS) {
          ctx.recordError(report, {
            code: 'ReportNotReady',
            message: `GenerateCredentialReport still answered ${generated.value.State ?? 'no state'} after ${poll} polls; collect again later.`,
          });
          return;
        }
        await ctx.sleep(delay);
        delay = Math.min(delay * 2, MAX_POLL_DELAY_MS);
      }
    }
    await ctx.text(report, async (client, options) => {
      const response = await client.send(new GetCredentialReportCommand({}), options);
      const fields: Record<string, unknown> = {};
      if (response.GeneratedTime) fields.GeneratedTime = response.GeneratedTime.toISOString();
      if (response.ReportFormat) fields.ReportFormat = response.ReportFormat;
      return { text: Buffer.from(response.Content ?? new Uint8Array()).toString('utf8'), fields };
    });
  },
});
