import { describe, expect, it } from 'vitest';
import { changesByLogical } from './drift';

describe('drift', () => {
  it('says each change as the CLI does, only for resources that changed', () => {
    expect(
      changesByLogical([
        {
          logical: 'security_group.web',
          kind: 'security_group',
          awsId: 'sg-1',
          state: 'ready',
          drift: [
            { setting: 'ingress_rule', want: 'absent', have: 'tcp 22 from 0.0.0.0/0' },
            { setting: 'tag', want: 'Name=dev-web', have: 'absent' },
          ],
        },
        { logical: 'vpc.main', kind: 'vpc', awsId: 'vpc-1', state: 'ready', drift: [] },
      ]),
    ).toEqual({
      'security_group.web': [
        'ingress rule: want absent, have tcp 22 from 0.0.0.0/0',
        'tag: want Name=dev-web, have absent',
      ],
    });
  });
});
