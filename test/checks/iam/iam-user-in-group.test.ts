import check from '../../../src/checks/iam/iam-user-in-group.js';
import { authorizationDetails, userDetail } from '../../helpers/aws-builders.js';
import { without, withFields } from '../../helpers/iam-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const users = (...list: object[]) => ({ files: [authorizationDetails({ users: list })] });

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { groupNames: [] },
  pass: [
    {
      name: 'user in one group',
      evidence: users(userDetail('alice', { groups: ['readers'] })),
      reason: /user alice is in readers \(required: a member of at least one group\)/,
    },
    { name: 'no IAM users', evidence: users() },
    {
      name: 'user in one of the required groups',
      params: { groupNames: ['admins', 'developers'] },
      evidence: users(userDetail('alice', { groups: ['readers', 'developers'] })),
      reason: /is in readers, developers \(required: a member of admins or developers\)/,
    },
    {
      name: 'required groups given as one comma-separated entry, names compared without case',
      params: { groupNames: ['admins, Developers'] },
      evidence: users(userDetail('alice', { groups: ['developers'] })),
    },
  ],
  fail: [
    {
      name: 'user in no group beside one in a group',
      evidence: users(userDetail('alice', { groups: ['readers'] }), userDetail('bob')),
      reason: /user bob is in no group \(required: a member of at least one group\)/,
    },
    {
      name: 'user whose GroupList is left out',
      evidence: users(without(userDetail('bob'), 'GroupList')),
      reason: /user bob is in no group/,
    },
    {
      name: 'user only in groups other than the required ones',
      params: { groupNames: ['admins'] },
      evidence: users(userDetail('carol', { groups: ['readers'] })),
      reason: /user carol is in readers \(required: a member of admins\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'GetAccountAuthorizationDetails denied',
      collectionError: { operation: 'GetAccountAuthorizationDetails', code: 'AccessDenied' },
      reason: /AccessDenied/,
    },
    {
      name: 'a GroupList that is not a list',
      evidence: users(userDetail('alice', { groups: ['readers'] }), withFields(userDetail('odd'), { GroupList: 'readers' })),
      reason: /GroupList is "readers", not a list/,
    },
    {
      name: 'a GroupList entry that is not a name',
      evidence: users(withFields(userDetail('odd'), { GroupList: ['readers', 7] })),
      reason: /user odd: GroupList holds an entry that is not a group name/,
    },
  ],
});
