import check from '../../../src/checks/config/config-recorder-recording.js';
import { configFiles, recorder, recorderStatus } from '../../helpers/aws-builders.js';
import { testCheck } from '../../helpers/test-check.js';

const recording = (region: string) => configFiles(region, [recorder()], [recorderStatus()]);

testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  pass: [
    {
      name: 'recording with last status SUCCESS in both regions',
      evidence: { files: [...recording('us-east-1'), ...recording('eu-west-1')] },
      reason: /recorder default is recording \(last status SUCCESS\)/,
    },
    {
      name: 'last status still PENDING right after start',
      evidence: {
        files: [
          ...recording('us-east-1'),
          ...configFiles('eu-west-1', [recorder()], [recorderStatus('default', { lastStatus: 'PENDING' })]),
        ],
      },
    },
  ],
  fail: [
    {
      name: 'no recorder in eu-west-1 while us-east-1 records',
      evidence: { files: [...recording('us-east-1'), ...configFiles('eu-west-1', [], [])] },
      reason: /^no configuration recorder in eu-west-1$/,
    },
    {
      name: 'recorder stopped in eu-west-1',
      evidence: {
        files: [
          ...recording('us-east-1'),
          ...configFiles(
            'eu-west-1',
            [recorder()],
            [recorderStatus('default', { recording: false, lastStopTime: '2026-05-18T16:47:09.331Z' })],
          ),
        ],
      },
      reason: /recorder default is not recording since 2026-05-18 in eu-west-1/,
    },
    {
      name: 'recording but last delivery FAILURE',
      evidence: {
        files: [
          ...recording('us-east-1'),
          ...configFiles('eu-west-1', [recorder()], [recorderStatus('default', { lastStatus: 'FAILURE', lastErrorCode: 'AccessDenied' })]),
        ],
      },
      reason: /last status is FAILURE \(AccessDenied\)/,
    },
    {
      name: 'only a service-linked recorder',
      evidence: {
        files: [
          ...recording('us-east-1'),
          ...configFiles('eu-west-1', [recorder('linked', { servicePrincipal: 'securityhub.amazonaws.com' })], [recorderStatus('linked')]),
        ],
      },
      reason: /no configuration recorder in eu-west-1/,
    },
  ],
  notEvaluated: [
    {
      name: 'recorder status denied in eu-west-1 while us-east-1 records',
      evidence: { files: [...recording('us-east-1'), configFiles('eu-west-1', [recorder()], [])[0]!] },
      collectionError: {
        service: 'config',
        operation: 'DescribeConfigurationRecorderStatus',
        code: 'AccessDeniedException',
        region: 'eu-west-1',
      },
      reason: /config:DescribeConfigurationRecorderStatus in 111122223333\/eu-west-1 failed during collection: AccessDeniedException/,
    },
  ],
});
