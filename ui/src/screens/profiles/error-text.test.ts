import { describe, expect, it } from 'vitest';
import { ERROR_CODES, errorText, wantsMfa } from './error-text';

describe('error codes in words', () => {
  it('has its own wording for every backend code', () => {
    expect(ERROR_CODES.sort()).toEqual(
      [
        'access_denied',
        'aws',
        'bad_credentials',
        'expired',
        'invalid',
        'keychain',
        'keychain_locked',
        'keychain_unavailable',
        'mfa_invalid',
        'mfa_required',
        'not_found',
        'store',
        'throttled',
        'unreachable',
      ].sort(),
    );
    const titles = new Set(ERROR_CODES.map((code) => errorText({ code }).title));
    expect(titles.size).toBe(ERROR_CODES.length);
  });

  it('says what happened and what to do', () => {
    expect(errorText({ code: 'keychain_locked' })).toEqual({
      title: 'Your OS keychain is locked',
      hint: expect.stringMatching(/Unlock/),
    });
    expect(errorText({ code: 'bad_credentials' }).hint).toMatch(/access key ID and secret/);
    expect(errorText({ code: 'unreachable' }).hint).toMatch(/endpoint/);
    expect(errorText({ code: 'throttled' }).hint).toMatch(/wait/);
    expect(errorText({ code: 'expired' }).title).toMatch(/expired/);
  });

  it('falls back for codes it does not know', () => {
    expect(errorText({ code: 'internal' }).title).toBe('Something went wrong');
  });

  it('asks for an MFA code on mfa_required and mfa_invalid only', () => {
    expect(wantsMfa({ code: 'mfa_required' })).toBe(true);
    expect(wantsMfa({ code: 'mfa_invalid' })).toBe(true);
    expect(wantsMfa({ code: 'access_denied' })).toBe(false);
  });
});
