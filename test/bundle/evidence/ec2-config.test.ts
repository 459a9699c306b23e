import { describe, expect, it } from 'vitest';
import { configRecorders } from '../../../src/bundle/evidence/config.js';
import { ebsEncryptionByDefault, securityGroups } from '../../../src/bundle/evidence/ec2.js';
import { testBundle } from '../../helpers/bundle-builder.js';
import { configFiles, describeSecurityGroups, ebsDefault, recorder, recorderStatus, securityGroup } from '../../helpers/aws-builders.js';

const scope = { account: '111122223333', region: 'us-east-1' };

describe('EC2 evidence', () => {
  it('concatenates DescribeSecurityGroups pages', async () => {
    const bundle = await testBundle({ files: [describeSecurityGroups('us-east-1', [securityGroup('sg-1', 'a')]), describeSecurityGroups('us-east-1', [securityGroup('sg-2', 'b')], 2)] });
    const evidence = await securityGroups.load(bundle, scope);
    expect(evidence.ok && evidence.value.map((g) => g.GroupId)).toEqual(['sg-1', 'sg-2']);
  });

  it('reads EBS encryption by default as a boolean', async () => {
    const evidence = await ebsEncryptionByDefault.load(await testBundle({ files: [ebsDefault('us-east-1', false)] }), scope);
    expect(evidence).toMatchObject({ ok: true, value: false });
  });
});

describe('Config evidence', () => {
  it('pairs each recorder with its status by name, timestamps as Dates', async () => {
    const bundle = await testBundle({ files: configFiles('us-east-1', [recorder('default'), recorder('other')], [recorderStatus('default', { lastStopTime: '2026-05-18T16:47:09.331Z' })]) });
    const evidence = await configRecorders.load(bundle, scope);
    if (!evidence.ok) throw new Error(evidence.reason);
    expect(evidence.value[0]?.status).toMatchObject({ name: 'default', recording: true, lastStopTime: new Date('2026-05-18T16:47:09.331Z') });
    expect(evidence.value[1]?.status).toBeUndefined();
    expect(evidence.files).toHaveLength(2);
  });
});
