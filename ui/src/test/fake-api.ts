// A fake `Api` for component tests: every method a vi.fn with a harmless default.
import { vi } from 'vitest';
import type { Api } from '../lib/api';
import type { AppInfo, ProfileSummary } from '../lib/bindings';
import { BLUEPRINTS, detailFor, validOutcome } from './blueprint-fixtures';
import { fakeEnvironmentsApi } from './fake-environments-api';
import { fakeProfilesApi } from './fake-profiles-api';

export const APP_INFO: AppInfo = { version: '0.1.0', dataDir: '/tmp/hangar', sandbox: null };

export const SANDBOX_PROFILE: ProfileSummary = {
  name: 'sandbox',
  region: 'us-east-1',
  kind: 'sandbox',
  isDefault: true,
  endpoint: 'http://127.0.0.1:5000',
  defaultLifetime: '8h',
};

export const WORK_PROFILE: ProfileSummary = {
  name: 'work',
  region: 'eu-west-1',
  kind: 'assumeRole',
  isDefault: false,
  endpoint: null,
  defaultLifetime: null,
};

export function fakeApi(overrides: Partial<Api> = {}) {
  return {
    appInfo: vi.fn<Api['appInfo']>(async () => APP_INFO),
    firstPaint: vi.fn<Api['firstPaint']>(async () => ({ sinceStartMs: 1 })),
    listProfiles: vi.fn<Api['listProfiles']>(async () => []),
    ...fakeProfilesApi(),
    ...fakeEnvironmentsApi(),
    listBlueprints: vi.fn<Api['listBlueprints']>(async () => BLUEPRINTS),
    getBlueprint: vi.fn<Api['getBlueprint']>(async (name) => detailFor(name)),
    planBlueprint: vi.fn<Api['planBlueprint']>(async () => validOutcome()),
    saveUserBlueprint: vi.fn<Api['saveUserBlueprint']>(async ({ name, basedOn }) => ({
      status: 'saved',
      blueprint: {
        name,
        title: name,
        description: '',
        origin: 'user',
        basedOn,
        updatedAt: '2025-01-01T00:00:00.000Z',
        valid: true,
      },
    })),
    deleteUserBlueprint: vi.fn<Api['deleteUserBlueprint']>(async () => true),
    answerMfaPrompt: vi.fn<Api['answerMfaPrompt']>(async () => {}),
    onMfaPrompt: vi.fn<Api['onMfaPrompt']>(async () => () => {}),
    ...overrides,
  };
}
