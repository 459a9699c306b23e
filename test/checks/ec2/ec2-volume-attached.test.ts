import check from '../../../src/checks/ec2/ec2-volume-attached.js';
import { testCheck } from '../../helpers/test-check.js';
import { attachment, unusableVolumeCases, vols, volume } from './volume-builders.js';

// AWS Config EC2_VOLUME_INUSE_CHECK: every volume is attached; with deleteOnTermination, deleted with its instance.
testCheck(check, {
  collectedAt: '2026-09-30T00:00:00Z',
  params: { requireDeleteOnTermination: false },
  pass: [
    { name: 'attached volume', evidence: vols(volume('vol-0aaa', 'i-0aaa')), reason: /volume vol-0aaa \(attached to i-0aaa\) is attached/ },
    {
      name: 'attached volume kept after termination, when that is not required',
      evidence: vols(volume('vol-0aaa', 'i-0aaa', { Attachments: [attachment('vol-0aaa', 'i-0aaa', { DeleteOnTermination: false })] })),
    },
    {
      name: 'multi-attach volume: one attachment detaching, one attached',
      evidence: vols(
        volume('vol-0aaa', 'i-0aaa', {
          MultiAttachEnabled: true,
          Attachments: [attachment('vol-0aaa', 'i-0aaa', { State: 'detaching' }), attachment('vol-0aaa', 'i-0bbb')],
        }),
      ),
      reason: /attached to i-0bbb\) is attached/,
    },
    {
      name: 'attached volume deleted on termination, when required',
      evidence: vols(volume('vol-0aaa', 'i-0aaa')),
      params: { requireDeleteOnTermination: true },
      reason: /is attached and deleted when its instance terminates/,
    },
    { name: 'unattached volume still being created is skipped', evidence: vols(volume('vol-0ccc', null, { State: 'creating' })) },
    { name: 'no volumes', evidence: vols() },
  ],
  fail: [
    {
      name: 'available volume beside an attached one',
      evidence: vols(volume('vol-0aaa', 'i-0aaa'), volume('vol-0bbb', null)),
      reason: /volume vol-0bbb is not attached to any instance \(state available; required: attached\)/,
    },
    {
      name: 'volume whose only attachment is detaching',
      evidence: vols(volume('vol-0ccc', 'i-0ccc', { Attachments: [attachment('vol-0ccc', 'i-0ccc', { State: 'detaching' })] })),
      reason: /vol-0ccc is not attached to any instance \(state in-use/,
    },
    {
      name: 'attached volume kept after termination, when deletion is required',
      evidence: vols(volume('vol-0aaa', 'i-0aaa', { Attachments: [attachment('vol-0aaa', 'i-0aaa', { DeleteOnTermination: false })] })),
      params: { requireDeleteOnTermination: true },
      reason: /has DeleteOnTermination false on i-0aaa \(required: true\)/,
    },
  ],
  notEvaluated: [
    {
      name: 'attachment state missing',
      evidence: vols(volume('vol-0aaa', 'i-0aaa', { Attachments: [attachment('vol-0aaa', 'i-0aaa', { State: undefined })] })),
      reason: /attachment whose state cannot be read/,
    },
    {
      name: 'DeleteOnTermination missing, when required',
      evidence: vols(volume('vol-0aaa', 'i-0aaa', { Attachments: [attachment('vol-0aaa', 'i-0aaa', { DeleteOnTermination: undefined })] })),
      params: { requireDeleteOnTermination: true },
      reason: /shows no DeleteOnTermination for the attachment to i-0aaa/,
    },
    ...unusableVolumeCases,
  ],
});
