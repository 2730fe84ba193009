import { describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../lib/bindings';
import { SANDBOX_PROFILE, WORK_PROFILE } from '../../test/fake-api';
import { KEYS_DETAIL } from '../../test/fake-profiles-api';
import {
  chainedDurationWarning,
  checkDuration,
  checkRegion,
  checkRoleArn,
  emptyForm,
  formFromDetail,
  toSaveInput,
  validateForm,
  type ProfileForm,
} from './form';

const DEV: ProfileSummary = {
  name: 'dev',
  region: 'eu-west-1',
  kind: 'accessKeys',
  isDefault: false,
  endpoint: null,
  defaultLifetime: null,
};
const PROFILES = [SANDBOX_PROFILE, WORK_PROFILE, DEV];
const adding = { profiles: PROFILES, editing: null };

function form(fields: Partial<ProfileForm>): ProfileForm {
  return { ...emptyForm(), name: 'new', region: 'eu-west-1', ...fields };
}

describe('profile form validation', () => {
  it('accepts region shapes like eu-west-1 and rejects the rest', () => {
    for (const ok of ['us-east-1', 'eu-central-2', 'us-gov-west-1', 'ap-southeast-3', 'il-central-1']) {
      expect(checkRegion(ok), ok).toBeNull();
    }
    for (const bad of ['', 'us-east', 'US-EAST-1', 'useast1', 'us-east-123', 'u-east-1', 'us--1']) {
      expect(checkRegion(bad), bad).not.toBeNull();
    }
  });

  it('accepts role ARNs like arn:aws:iam::123456789012:role/Name and rejects the rest', () => {
    for (const ok of [
      'arn:aws:iam::123456789012:role/Deploy',
      'arn:aws-us-gov:iam::123456789012:role/team/ci/Deploy',
      'arn:aws-cn:iam::123456789012:role/a+b=c,d.e@f_g-h',
    ]) {
      expect(checkRoleArn(ok), ok).toBeNull();
    }
    for (const bad of [
      'arn:aws:iam::12345678901:role/Short',
      'arn:aws:iam::123456789012:user/Bob',
      'arn:aws:sts::123456789012:role/Deploy',
      'arn:aws:iam::123456789012:role/',
      'arn:aws:iam::123456789012:role/with space',
      'arn:aws:iam::123456789012:role//X',
      `arn:aws:iam::123456789012:role/${'r'.repeat(65)}`,
      'Deploy',
    ]) {
      expect(checkRoleArn(bad), bad).not.toBeNull();
    }
  });

  it('takes session durations from 900 to 43200 seconds', () => {
    expect(checkDuration('900')).toBeNull();
    expect(checkDuration('43200')).toBeNull();
    expect(checkDuration('899')).toMatch(/900 and 43200/);
    expect(checkDuration('43201')).toMatch(/900 and 43200/);
    expect(checkDuration('1h')).not.toBeNull();
  });

  it('requires the name and region, unique names, and a well-formed endpoint', () => {
    expect(validateForm(form({ name: '', region: '' }), adding)).toMatchObject({
      name: 'Required.',
      region: 'Required.',
    });
    expect(validateForm(form({ name: 'dev' }), adding).name).toMatch(/exists/);
    expect(validateForm(form({ name: 'bad name' }), adding).name).toMatch(/Letters/);
    expect(validateForm(form({ endpoint: 'localhost:4566' }), adding).endpoint).toMatch(/http/);
  });

  it('access keys need a key id and a secret when adding', () => {
    const errors = validateForm(form({ kind: 'accessKeys' }), adding);
    expect(Object.keys(errors).sort()).toEqual(['accessKeyId', 'secretAccessKey']);
    expect(validateForm(form({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's3cr3t' }), adding)).toEqual({});
  });

  it('an edit may keep the stored secret, unless the key id changes', () => {
    const editing = { profiles: PROFILES, editing: KEYS_DETAIL };
    const kept = formFromDetail(KEYS_DETAIL);
    expect(kept.secretAccessKey).toBe('');
    expect(validateForm(kept, editing)).toEqual({});
    expect(validateForm({ ...kept, accessKeyId: 'AKIANEWKEYID00000000' }, editing)).toHaveProperty('secretAccessKey');
  });

  it('assume role needs a source profile other than itself and a role ARN; checks the optional fields', () => {
    const errors = validateForm(form({ kind: 'assumeRole' }), adding);
    expect(Object.keys(errors).sort()).toEqual(['roleArn', 'sourceProfile']);
    const self = validateForm(
      form({ kind: 'assumeRole', sourceProfile: 'new', roleArn: 'arn:aws:iam::123456789012:role/X' }),
      adding,
    );
    expect(self.sourceProfile).toMatch(/itself/);
    const bad = validateForm(
      form({
        kind: 'assumeRole',
        sourceProfile: 'dev',
        roleArn: 'arn:aws:iam::123456789012:role/X',
        externalId: 'x',
        mfaSerial: 'arn:aws:iam::123456789012:role/x',
        durationSecs: '60',
      }),
      adding,
    );
    expect(Object.keys(bad).sort()).toEqual(['durationSecs', 'externalId', 'mfaSerial']);
  });

  it('an ~/.aws/config profile needs its name there', () => {
    expect(validateForm(form({ kind: 'awsConfig' }), adding)).toEqual({ awsProfile: 'Required.' });
    expect(validateForm(form({ kind: 'awsConfig', awsProfile: 'sso-dev' }), adding)).toEqual({});
  });

  it('warns about the one-hour cap only when the source is itself a role and the duration is longer', () => {
    const role = form({ kind: 'assumeRole', sourceProfile: 'work', durationSecs: '7200' });
    expect(chainedDurationWarning(role, PROFILES)).toMatch(/one hour.*3600 s, not 7200 s/);
    expect(chainedDurationWarning({ ...role, durationSecs: '3600' }, PROFILES)).toBeNull();
    expect(chainedDurationWarning({ ...role, sourceProfile: 'dev' }, PROFILES)).toBeNull();
  });
});

describe('the save input', () => {
  it('carries the secret only when typed', () => {
    const typed = toSaveInput(
      form({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'sek', sessionToken: 'tok' }),
    );
    expect(typed.credentials).toEqual({
      kind: 'accessKeys',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'sek',
      sessionToken: 'tok',
    });
    const kept = toSaveInput(formFromDetail(KEYS_DETAIL));
    expect(kept.credentials).toEqual({ kind: 'accessKeys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
  });

  it("suggests 8 hours for a new profile's environments, keeps a stored default, and sends never as null", () => {
    expect(emptyForm().defaultLifetime).toBe('8h');
    expect(formFromDetail(KEYS_DETAIL).defaultLifetime).toBe('1d');
    expect(formFromDetail({ ...KEYS_DETAIL, defaultLifetime: null }).defaultLifetime).toBe('');
    expect(toSaveInput(form({ defaultLifetime: '' })).defaultLifetime).toBeNull();
    expect(toSaveInput(formFromDetail(KEYS_DETAIL)).defaultLifetime).toBe('1d');
  });

  it('turns blanks into nulls and the duration into a number', () => {
    const input = toSaveInput(
      form({
        kind: 'assumeRole',
        sourceProfile: 'dev',
        roleArn: ' arn:aws:iam::123456789012:role/X ',
        durationSecs: '1800',
        endpoint: ' ',
      }),
    );
    expect(input).toEqual({
      name: 'new',
      region: 'eu-west-1',
      endpoint: null,
      isDefault: false,
      defaultLifetime: '8h',
      credentials: {
        kind: 'assumeRole',
        sourceProfile: 'dev',
        roleArn: 'arn:aws:iam::123456789012:role/X',
        externalId: null,
        mfaSerial: null,
        sessionName: null,
        durationSecs: 1800,
      },
    });
  });
});
