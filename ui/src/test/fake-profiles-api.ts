// The profile commands of the fake `Api` (see fake-api.ts), with fixtures for their answers.
import { vi } from 'vitest';
import type { AwsConfigProfileView, CallerIdentityView, ProfileDetail } from '../lib/bindings';
import type { ProfilesApi } from '../lib/profiles-api';

export const KEYS_DETAIL: ProfileDetail = {
  name: 'dev',
  kind: 'accessKeys',
  region: 'eu-west-1',
  endpoint: null,
  isDefault: false,
  sourceProfile: null,
  roleArn: null,
  externalId: null,
  mfaSerial: null,
  sessionName: null,
  durationSecs: null,
  awsProfile: null,
  defaultLifetime: '1d',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
};

export const ROLE_IDENTITY: CallerIdentityView = {
  profile: 'work',
  account: '123456789012',
  arn: 'arn:aws:sts::123456789012:assumed-role/Deploy/hangar-work',
  userId: 'AROAEXAMPLE:hangar-work',
  principal: 'Deploy/hangar-work',
  region: 'eu-west-1',
  endpoint: null,
  chain: [
    {
      profile: 'work',
      sourceProfile: 'dev',
      roleArn: 'arn:aws:iam::123456789012:role/Deploy',
      sessionName: 'hangar-work',
      durationSecs: 3600,
      expiresAt: '2030-01-01T13:00:00Z',
      cached: false,
    },
  ],
  warnings: [],
};

export const AWS_CONFIG_PROFILES: AwsConfigProfileView[] = [
  {
    name: 'default',
    region: 'us-east-1',
    importAs: 'accessKeys',
    hasAccessKeys: true,
    sso: false,
    roleArn: null,
    sourceProfile: null,
    alreadyImported: false,
  },
  {
    name: 'client-admin',
    region: 'eu-west-1',
    importAs: 'assumeRole',
    hasAccessKeys: false,
    sso: false,
    roleArn: 'arn:aws:iam::210987654321:role/Admin',
    sourceProfile: 'default',
    alreadyImported: false,
  },
  {
    name: 'old',
    region: null,
    importAs: 'awsConfig',
    hasAccessKeys: false,
    sso: true,
    roleArn: null,
    sourceProfile: null,
    alreadyImported: true,
  },
];

export function fakeProfilesApi() {
  return {
    getProfile: vi.fn<ProfilesApi['getProfile']>(async (name) => ({ ...KEYS_DETAIL, name })),
    saveProfile: vi.fn<ProfilesApi['saveProfile']>(async () => ({ warnings: [] })),
    deleteProfile: vi.fn<ProfilesApi['deleteProfile']>(async () => {}),
    setDefaultProfile: vi.fn<ProfilesApi['setDefaultProfile']>(async () => {}),
    testProfile: vi.fn<ProfilesApi['testProfile']>(async (name) => ({ ...ROLE_IDENTITY, profile: name })),
    listAwsConfigProfiles: vi.fn<ProfilesApi['listAwsConfigProfiles']>(async () => AWS_CONFIG_PROFILES),
    importAwsProfiles: vi.fn<ProfilesApi['importAwsProfiles']>(async (names) =>
      names.map((name) => ({ name, kind: 'accessKeys' as const, error: null, warnings: [] })),
    ),
  };
}
