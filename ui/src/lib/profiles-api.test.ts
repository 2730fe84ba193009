import { describe, expect, it, vi } from 'vitest';
import { createApi, type Invoke } from './api';

describe('profile commands', () => {
  it('call the Rust commands with their camelCase arguments', async () => {
    const invoke = vi.fn(async () => null) as unknown as Invoke & ReturnType<typeof vi.fn>;
    const api = createApi(invoke);
    await api.testProfile('work');
    await api.testProfile('work', '123456');
    await api.setDefaultProfile('dev');
    await api.importAwsProfiles(['a', 'b']);
    expect(invoke.mock.calls).toEqual([
      ['test_profile', { name: 'work', mfaCode: null }],
      ['test_profile', { name: 'work', mfaCode: '123456' }],
      ['set_default_profile', { name: 'dev' }],
      ['import_aws_profiles', { names: ['a', 'b'] }],
    ]);
  });

  it('reject with { code, message }', async () => {
    const api = createApi((async () => {
      throw { code: 'mfa_required', message: 'needs a code' };
    }) as Invoke);
    await expect(api.deleteProfile('x')).rejects.toEqual({ code: 'mfa_required', message: 'needs a code' });
  });
});
