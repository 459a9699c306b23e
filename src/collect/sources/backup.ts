import { defineSource } from './source.js';

// ListBackupPlans and ListBackupSelections return at most 1000 items a page.
const PAGE = 1000;

/**
 * Per region: the AWS Backup plans (ListBackupPlans, current versions, deleted plans left out), the
 * selections of each plan (ListBackupSelections) and each selection's resource assignment
 * (GetBackupSelection: Resources, NotResources, ListOfTags, Conditions).
 */
export default defineSource({
  id: 'backup',
  scope: 'region',
  services: ['backup'],
  async collect(ctx) {
    const { paginateListBackupPlans, paginateListBackupSelections, GetBackupSelectionCommand } =
      await import('../../shared/aws-sdk/client-backup.js');
    const plans = await ctx.pages(
      { service: 'backup', operation: 'ListBackupPlans' },
      (client, startingToken, options) => paginateListBackupPlans({ client, startingToken, pageSize: PAGE }, {}, options),
      (page) => page.NextToken,
    );
    const planIds = [
      ...new Set(
        plans?.flatMap((page) => (Array.isArray(page.BackupPlansList) ? page.BackupPlansList : [])).map((p) => p?.BackupPlanId) ?? [],
      ),
    ];
    await ctx.each(planIds, async (planId) => {
      if (typeof planId !== 'string' || planId === '') return;
      const selections = await ctx.pages(
        {
          service: 'backup',
          operation: 'ListBackupSelections',
          parameters: { BackupPlanId: planId },
          key: planId,
          notFound: ['ResourceNotFoundException'],
        },
        (client, startingToken, options) =>
          paginateListBackupSelections({ client, startingToken, pageSize: PAGE }, { BackupPlanId: planId }, options),
        (page) => page.NextToken,
      );
      const selectionIds = [
        ...new Set(
          selections
            ?.flatMap((page) => (Array.isArray(page.BackupSelectionsList) ? page.BackupSelectionsList : []))
            .map((s) => s?.SelectionId) ?? [],
        ),
      ];
      await ctx.each(selectionIds, async (selectionId) => {
        if (typeof selectionId !== 'string' || selectionId === '') return;
        await ctx.call(
          {
            service: 'backup',
            operation: 'GetBackupSelection',
            parameters: { BackupPlanId: planId, SelectionId: selectionId },
            key: selectionId,
            notFound: ['ResourceNotFoundException'],
          },
          (client, options) => client.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: selectionId }), options),
        );
      });
    });
  },
});
