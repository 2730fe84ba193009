import type { ProfileKind, ProfileSummary } from './bindings';

/** Where the profile list stands: first load, loaded, or failed. */
export type ProfilesStatus = 'loading' | 'ready' | 'error';

const KIND_LABELS: Record<ProfileKind, string> = {
  sandbox: 'Sandbox',
  accessKeys: 'Access keys',
  assumeRole: 'Assume role',
  awsConfig: 'AWS config',
};

export function kindLabel(kind: ProfileKind): string {
  return KIND_LABELS[kind] ?? kind;
}

/** The profile marked default, or null when there is none. */
export function defaultProfile(profiles: readonly ProfileSummary[]): ProfileSummary | null {
  return profiles.find((p) => p.isDefault) ?? null;
}
