import type { Source } from './source.js';
import accountContacts from './account-contacts.js';
import cloudtrail from './cloudtrail.js';
import config from './config.js';
import ec2 from './ec2.js';
import ec2Network from './ec2-network.js';
import iamAccount from './iam-account.js';
import iamCredentialReport from './iam-credential-report.js';
import iamEntities from './iam-entities.js';
import kms from './kms.js';
import monitoring from './monitoring.js';
import organizations from './organizations.js';
import s3 from './s3.js';
import securityServices from './security-services.js';
import storage from './storage.js';

/** Every evidence source. Each account starts them in this order: account-wide sources first, then the regional ones. */
export const sources: readonly Source[] = [
  iamCredentialReport,
  iamAccount,
  iamEntities,
  s3,
  accountContacts,
  organizations,
  cloudtrail,
  config,
  ec2,
  ec2Network,
  kms,
  monitoring,
  securityServices,
  storage,
];
