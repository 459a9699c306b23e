import { publicAccessCheck } from './public-access.js';

/** No bucket lets the public read it, by bucket policy or ACL, unless Block Public Access restricts that path. */
export default publicAccessCheck('read', { id: 's3-bucket-public-read-prohibited', title: 'S3 buckets do not allow public read access' });
