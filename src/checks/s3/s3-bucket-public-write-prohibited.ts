import { publicAccessCheck } from './public-access.js';

/** No bucket lets the public write to it, by bucket policy or ACL, unless Block Public Access restricts that path. */
export default publicAccessCheck('write', {
  id: 's3-bucket-public-write-prohibited',
  title: 'S3 buckets do not allow public write access',
});
