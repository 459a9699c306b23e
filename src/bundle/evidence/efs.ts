import type { DescribeFileSystemsResponse, FileSystemDescription } from '@aws-sdk/client-efs';
import { defineEvidence, UnusableRecordError } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { loadPages, mapRecords, type Wire, listField, afterCollection } from './wire.js';

/** An EFS file system. */
export interface EfsFileSystem {
  id: string;
  arn: string;
  name: string | undefined;
  /** `undefined` when the answer omits the field: unknown, never read as either value. */
  encrypted: boolean | undefined;
  kmsKeyId: string | undefined;
  /** creating, available, updating, deleting, deleted, error. */
  lifeCycleState: string | undefined;
}

/**
 * `elasticfilesystem:DescribeFileSystems` of one region (every page), typed per file system: the id
 * comes from the ARN when FileSystemId is missing; one with neither, or created after collection
 * ended, is set aside as unusable (NOT_EVALUATED for it alone).
 */
export const efsFileSystems = defineEvidence<EfsFileSystem[]>({
  name: 'EFS file systems',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'efs', operation: 'DescribeFileSystems' };
    const where = `DescribeFileSystems of ${account}/${region}`;
    const warnings: string[] = [];
    const typed = mapRecords(
      await loadPages<DescribeFileSystemsResponse>(bundle, key),
      (pages) => pages.flatMap((page) => listField(page, 'FileSystems')),
      where,
      (fs, index) => {
        const fileSystem = typeFileSystem(fs, `${where}, file system ${index + 1}`, account, region);
        const reason = afterCollection(fs.CreationTime, 'CreationTime', bundle.collectedAt);
        if (reason) {
          warnings.push(`${fileSystem.arn}: ${reason}`);
          throw new UnusableRecordError(fileSystem.arn, reason);
        }
        return fileSystem;
      },
    );
    return typed.ok && warnings.length > 0 ? { ...typed, warnings } : typed;
  },
});

function typeFileSystem(fs: Wire<FileSystemDescription>, where: string, account: string, region: string): EfsFileSystem {
  const arnId =
    typeof fs.FileSystemArn === 'string'
      ? /^arn:[^:]+:elasticfilesystem:[^:]*:[^:]*:file-system\/(.+)$/.exec(fs.FileSystemArn)?.[1]
      : undefined;
  const id = typeof fs.FileSystemId === 'string' && fs.FileSystemId !== '' ? fs.FileSystemId : arnId;
  if (!id) throw new UnusableRecordError(where, 'lacks FileSystemId (and no FileSystemArn names it)');
  return {
    id,
    arn:
      typeof fs.FileSystemArn === 'string' && fs.FileSystemArn !== ''
        ? fs.FileSystemArn
        : `arn:aws:elasticfilesystem:${region}:${fs.OwnerId ?? account}:file-system/${id}`,
    name: fs.Name,
    encrypted: typeof fs.Encrypted === 'boolean' ? fs.Encrypted : undefined,
    kmsKeyId: fs.KmsKeyId,
    lifeCycleState: fs.LifeCycleState,
  };
}
