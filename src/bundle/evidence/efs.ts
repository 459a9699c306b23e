import type { DescribeFileSystemsResponse } from '@aws-sdk/client-efs';
import { defineEvidence } from '../evidence.js';
import type { CallKey } from '../read-bundle.js';
import { loadPages, mapEvidence } from './wire.js';

/** An EFS file system. */
export interface EfsFileSystem {
  id: string;
  arn: string;
  name: string | undefined;
  encrypted: boolean | undefined;
  kmsKeyId: string | undefined;
  /** creating, available, updating, deleting, deleted, error. */
  lifeCycleState: string | undefined;
}

/** `elasticfilesystem:DescribeFileSystems` of one region (every page). */
export const efsFileSystems = defineEvidence<EfsFileSystem[]>({
  name: 'EFS file systems',
  scope: 'region',
  async load(bundle, { account, region }) {
    const key: CallKey = { account, region, service: 'efs', operation: 'DescribeFileSystems' };
    return mapEvidence(await loadPages<DescribeFileSystemsResponse>(bundle, key), (pages) =>
      pages.flatMap((page) => page.FileSystems ?? []).map((fs) => {
        if (!fs.FileSystemId) throw new Error(`DescribeFileSystems in ${account}/${region}: a file system lacks FileSystemId`);
        return {
          id: fs.FileSystemId,
          arn: fs.FileSystemArn ?? `arn:aws:elasticfilesystem:${region}:${fs.OwnerId ?? account}:file-system/${fs.FileSystemId}`,
          name: fs.Name,
          encrypted: fs.Encrypted,
          kmsKeyId: fs.KmsKeyId,
          lifeCycleState: fs.LifeCycleState,
        };
      }),
    );
  },
});
