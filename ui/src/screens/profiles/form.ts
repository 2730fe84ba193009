// The add/edit form's model: what the user typed, how it is checked (the same rules as
// crates/core/src/profile_rules.rs, so a typo shows next to its field before anything is sent),
// and the `SaveProfileInput` it becomes.
import type { ProfileDetail, ProfileSummary, SaveProfileInput } from '../../lib/bindings';
import { NEVER, SUGGESTED_DEFAULT } from '../../lib/lifetimes';

export type FormKind = 'accessKeys' | 'assumeRole' | 'awsConfig';

export interface ProfileForm {
  name: string;
  region: string;
  endpoint: string;
  kind: FormKind;
  makeDefault: boolean;
  /** What its new environments live unless picked otherwise (`8h`); '' for never. */
  defaultLifetime: string;
  // accessKeys
  accessKeyId: string;
  /** Secret: sent once with the save, then cleared. Never pre-filled. */
  secretAccessKey: string;
  /** Secret, like `secretAccessKey`. */
  sessionToken: string;
  // assumeRole
  sourceProfile: string;
  roleArn: string;
  externalId: string;
  mfaSerial: string;
  sessionName: string;
  /** Seconds, as typed; blank means STS's default (one hour). */
  durationSecs: string;
  // awsConfig
  awsProfile: string;
}

export type FormField = keyof ProfileForm;
export type FormErrors = Partial<Record<FormField, string>>;

export const MIN_DURATION_SECS = 900;
export const MAX_DURATION_SECS = 43_200;
/** AWS caps a role assumed with another role's session ("role chaining") at one hour. */
export const CHAINED_MAX_SECS = 3_600;

export function emptyForm(region = 'us-east-1'): ProfileForm {
  return {
    name: '',
    region,
    endpoint: '',
    kind: 'accessKeys',
    makeDefault: false,
    defaultLifetime: SUGGESTED_DEFAULT,
    accessKeyId: '',
    secretAccessKey: '',
    sessionToken: '',
    sourceProfile: '',
    roleArn: '',
    externalId: '',
    mfaSerial: '',
    sessionName: '',
    durationSecs: '',
    awsProfile: '',
  };
}

/** The edit form of a stored profile: every field but the secrets, which stay in the keychain. */
export function formFromDetail(d: ProfileDetail): ProfileForm {
  return {
    ...emptyForm(d.region),
    name: d.name,
    endpoint: d.endpoint ?? '',
    kind: d.kind === 'sandbox' ? 'accessKeys' : d.kind,
    makeDefault: d.isDefault,
    defaultLifetime: d.defaultLifetime ?? NEVER,
    accessKeyId: d.accessKeyId ?? '',
    sourceProfile: d.sourceProfile ?? '',
    roleArn: d.roleArn ?? '',
    externalId: d.externalId ?? '',
    mfaSerial: d.mfaSerial ?? '',
    sessionName: d.sessionName ?? '',
    durationSecs: d.durationSecs === null ? '' : String(d.durationSecs),
    awsProfile: d.awsProfile ?? '',
  };
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9\-_.@+=,]{0,63}$/;
const IAM_WORD = /^[A-Za-z0-9+=,.@_-]+$/;
const IAM_ARN = /^arn:aws(?:-[a-z-]+)?:iam::[0-9]{12}:/;
const ROLE_ARN = /^arn:aws(?:-[a-z-]+)?:iam::[0-9]{12}:role\/(?:[A-Za-z0-9+=,.@_-]+\/)*([A-Za-z0-9+=,.@_-]{1,64})$/;
const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;

export function checkName(name: string): string | null {
  if (!name) return 'Required.';
  if (name.length > 64) return 'At most 64 characters.';
  if (!NAME.test(name)) return 'Letters, digits and - _ . @ + = , only, starting with a letter or digit.';
  return null;
}

export function checkRegion(region: string): string | null {
  if (!region) return 'Required.';
  return REGION.test(region) ? null : 'Not an AWS region — it looks like eu-west-1.';
}

export function checkRoleArn(arn: string): string | null {
  if (!arn) return 'Required.';
  return ROLE_ARN.test(arn) ? null : 'Not a role ARN — it looks like arn:aws:iam::123456789012:role/Name.';
}

export function checkEndpoint(url: string): string | null {
  const host = url.replace(/^https?:\/\//, '');
  if (host === url || !host || /\s/.test(url)) return 'An http:// or https:// URL, like http://127.0.0.1:4566.';
  return null;
}

export function checkDuration(text: string): string | null {
  if (!/^[0-9]+$/.test(text)) return 'Whole seconds, 900 to 43200.';
  const secs = Number(text);
  if (secs < MIN_DURATION_SECS || secs > MAX_DURATION_SECS) {
    return 'Between 900 and 43200 seconds (15 minutes to 12 hours).';
  }
  return null;
}

export function checkMfaSerial(serial: string): string | null {
  const shaped = serial.length >= 9 && serial.length <= 256 && /^[A-Za-z0-9+=,.@_\-/:]+$/.test(serial);
  if (!shaped || (serial.startsWith('arn:') && !(IAM_ARN.test(serial) && serial.includes(':mfa/')))) {
    return 'An MFA device ARN (arn:aws:iam::123456789012:mfa/Name) or a hardware serial number.';
  }
  return null;
}

export function checkExternalId(id: string): string | null {
  const ok = id.length >= 2 && id.length <= 1224 && /^[A-Za-z0-9+=,.@:/_-]+$/.test(id);
  return ok ? null : '2 to 1224 characters: letters, digits and + = , . @ : / _ -';
}

export function checkSessionName(name: string): string | null {
  const ok = name.length >= 2 && name.length <= 64 && IAM_WORD.test(name);
  return ok ? null : '2 to 64 characters: letters, digits and + = , . @ _ -';
}

export interface FormContext {
  /** The profiles that exist, for the unique name and the source profile. */
  profiles: readonly ProfileSummary[];
  /** Set when editing: the name cannot change and a stored secret may be kept. */
  editing: ProfileDetail | null;
}

/** Every problem with the form, by field; empty when it can be saved. */
export function validateForm(form: ProfileForm, cx: FormContext): FormErrors {
  const errors: FormErrors = {};
  const set = (field: FormField, message: string | null) => {
    if (message && !errors[field]) errors[field] = message;
  };
  const name = form.name.trim();
  set('name', checkName(name));
  if (!cx.editing && cx.profiles.some((p) => p.name === name)) set('name', 'A profile with this name exists.');
  set('region', checkRegion(form.region.trim()));
  if (form.endpoint.trim()) set('endpoint', checkEndpoint(form.endpoint.trim()));

  if (form.kind === 'accessKeys') {
    const keyId = form.accessKeyId.trim();
    const keptKeyId = cx.editing?.kind === 'accessKeys' ? cx.editing.accessKeyId : null;
    set(
      'accessKeyId',
      keyId
        ? ACCESS_KEY_ID.test(keyId)
          ? null
          : 'Upper-case letters and digits, like AKIAIOSFODNN7EXAMPLE.'
        : 'Required.',
    );
    // A new key id needs its secret; the same one may keep the stored secret.
    const mayKeep = keptKeyId !== null && keptKeyId === keyId;
    if (!form.secretAccessKey && !mayKeep) set('secretAccessKey', 'Required.');
  } else if (form.kind === 'assumeRole') {
    const source = form.sourceProfile;
    set('sourceProfile', source ? null : 'Choose the profile whose credentials assume the role.');
    if (source && source === name) set('sourceProfile', 'A profile cannot assume a role from itself.');
    set('roleArn', checkRoleArn(form.roleArn.trim()));
    if (form.externalId.trim()) set('externalId', checkExternalId(form.externalId.trim()));
    if (form.mfaSerial.trim()) set('mfaSerial', checkMfaSerial(form.mfaSerial.trim()));
    if (form.sessionName.trim()) set('sessionName', checkSessionName(form.sessionName.trim()));
    if (form.durationSecs.trim()) set('durationSecs', checkDuration(form.durationSecs.trim()));
  } else {
    const aws = form.awsProfile.trim();
    set('awsProfile', !aws ? 'Required.' : /[\s\]]/.test(aws) ? 'No spaces or ] in a profile name.' : null);
  }
  return errors;
}

/** The one-hour warning, when the role is assumed from another role's session. */
export function chainedDurationWarning(form: ProfileForm, profiles: readonly ProfileSummary[]): string | null {
  if (form.kind !== 'assumeRole') return null;
  const source = profiles.find((p) => p.name === form.sourceProfile);
  const secs = Number(form.durationSecs);
  if (source?.kind !== 'assumeRole' || !form.durationSecs.trim() || !(secs > CHAINED_MAX_SECS)) return null;
  return `${source.name} is itself a role, and AWS caps a role assumed from another role's session at one hour: this session will last 3600 s, not ${secs} s. For a longer session, use a source profile with access keys.`;
}

const optional = (value: string): string | null => value.trim() || null;

/** What `save_profile` gets. The secrets go in only when typed (blank keeps the stored ones). */
export function toSaveInput(form: ProfileForm): SaveProfileInput {
  const base = {
    name: form.name.trim(),
    region: form.region.trim(),
    endpoint: optional(form.endpoint),
    isDefault: form.makeDefault,
    defaultLifetime: form.defaultLifetime || null,
  };
  if (form.kind === 'accessKeys') {
    const credentials: SaveProfileInput['credentials'] = { kind: 'accessKeys', accessKeyId: form.accessKeyId.trim() };
    if (form.secretAccessKey) {
      credentials.secretAccessKey = form.secretAccessKey;
      if (form.sessionToken) credentials.sessionToken = form.sessionToken;
    }
    return { ...base, credentials };
  }
  if (form.kind === 'assumeRole') {
    return {
      ...base,
      credentials: {
        kind: 'assumeRole',
        sourceProfile: form.sourceProfile,
        roleArn: form.roleArn.trim(),
        externalId: optional(form.externalId),
        mfaSerial: optional(form.mfaSerial),
        sessionName: optional(form.sessionName),
        durationSecs: form.durationSecs.trim() ? Number(form.durationSecs.trim()) : null,
      },
    };
  }
  return { ...base, credentials: { kind: 'awsConfig', awsProfile: form.awsProfile.trim() } };
}
