// What auditpack uses of @aws-sdk/client-backup: the build bundles only these (see ./README.md).
export { BackupClient, GetBackupSelectionCommand, paginateListBackupPlans, paginateListBackupSelections } from '@aws-sdk/client-backup';
