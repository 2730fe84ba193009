import { describe, expect, it, vi } from 'vitest';
import { createApi, isApiError, toApiError, type Invoke } from './api';

describe('toApiError', () => {
  it('keeps a backend error as it is, minus extra fields', () => {
    expect(toApiError({ code: 'not_found', message: 'no such profile', extra: 1 })).toEqual({
      code: 'not_found',
      message: 'no such profile',
    });
  });

  it('turns a bare string into an internal error', () => {
    expect(toApiError('boom')).toEqual({ code: 'internal', message: 'boom' });
  });

  it('turns an Error into an internal error with its message', () => {
    expect(toApiError(new TypeError('bad type'))).toEqual({ code: 'internal', message: 'bad type' });
  });

  it('uses the message of an object that has no code', () => {
    expect(toApiError({ message: 'half an error' })).toEqual({
      code: 'internal',
      message: 'half an error',
    });
  });

  it('serialises other objects and handles nothing at all', () => {
    expect(toApiError({ code: 42 })).toEqual({ code: 'internal', message: '{"code":42}' });
    expect(toApiError(undefined)).toEqual({ code: 'internal', message: 'Unknown error' });
    expect(toApiError(null)).toEqual({ code: 'internal', message: 'Unknown error' });
    expect(toApiError('')).toEqual({ code: 'internal', message: 'Unknown error' });
    expect(toApiError(7)).toEqual({ code: 'internal', message: '7' });
  });

  it('survives objects that cannot be serialised', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toApiError(cyclic)).toEqual({ code: 'internal', message: '[object Object]' });
  });
});

describe('isApiError', () => {
  it('needs both a string code and a string message', () => {
    expect(isApiError({ code: 'x', message: 'y' })).toBe(true);
    expect(isApiError({ code: 'x' })).toBe(false);
    expect(isApiError('x')).toBe(false);
    expect(isApiError(null)).toBe(false);
  });
});

describe('createApi', () => {
  it('calls the named commands and returns their results', async () => {
    const invoke = vi.fn(async (cmd: string) => (cmd === 'app_info' ? { version: '1' } : []));
    const api = createApi(invoke as Invoke);

    await expect(api.appInfo()).resolves.toEqual({ version: '1' });
    await expect(api.listProfiles()).resolves.toEqual([]);
    expect(invoke.mock.calls.map((c) => c[0])).toEqual(['app_info', 'list_profiles']);
  });

  it('rejects with an ApiError whatever invoke throws', async () => {
    const fails = (value: unknown) => createApi((async () => Promise.reject(value)) as Invoke);

    await expect(fails({ code: 'keychain', message: 'locked' }).appInfo()).rejects.toEqual({
      code: 'keychain',
      message: 'locked',
    });
    await expect(fails('command app_info not found').listProfiles()).rejects.toEqual({
      code: 'internal',
      message: 'command app_info not found',
    });
    await expect(fails(new Error('ipc down')).appInfo()).rejects.toEqual({
      code: 'internal',
      message: 'ipc down',
    });
  });
});
