import type { Source } from './source.js';
import accountContacts from './account-contacts.js';
import apiGateway from './api-gateway.js';
import backup from './backup.js';
import certificates from './certificates.js';
import cloudtrail from './cloudtrail.js';
import codebuild from './codebuild.js';
import computeServices from './compute-services.js';
import config from './config.js';
import dataServices from './data-services.js';
import dynamodb from './dynamodb.js';
import ec2Network from './ec2-network.js';
import ec2 from './ec2.js';
import iamAccount from './iam-account.js';
import iamCredentialReport from './iam-credential-report.js';
import iamEntities from './iam-entities.js';
import kinesis from './kinesis.js';
import kms from './kms.js';
import lambda from './lambda.js';
import loadBalancing from './load-balancing.js';
import monitoring from './monitoring.js';
import opensearch from './opensearch.js';
import organizations from './organizations.js';
import redshift from './redshift.js';
import s3 from './s3.js';
import sagemaker from './sagemaker.js';
import secrets from './secrets.js';
import securityServices from './security-services.js';
import snsTopics from './sns-topics.js';
import ssm from './ssm.js';
import storage from './storage.js';
import webAcls from './web-acls.js';

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
  loadBalancing,
  monitoring,
  securityServices,
  storage,
  computeServices,
  dataServices,
  ssm,
  sagemaker,
  redshift,
  opensearch,
  lambda,
  secrets,
  apiGateway,
  webAcls,
  certificates,
  snsTopics,
  dynamodb,
  backup,
  codebuild,
  kinesis,
];
