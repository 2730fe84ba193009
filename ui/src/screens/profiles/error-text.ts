// The backend's error codes, told apart in words for a person: what happened, what to do.
import type { ApiError, ErrorCode } from '../../lib/bindings';

export interface ErrorText {
  title: string;
  hint: string;
}

// The profile screens' codes; the others (a job's, a file's) are worded where they happen.
const TEXT: Partial<Record<ErrorCode, ErrorText>> = {
  keychain_locked: {
    title: 'Your OS keychain is locked',
    hint: 'Unlock your keyring (or log in again), then try once more.',
  },
  keychain_unavailable: {
    title: 'No OS keychain is available',
    hint: 'Hangar keeps secrets only in the OS keychain. Start your keyring service (Secret Service, GNOME Keyring, KWallet), then try again.',
  },
  keychain: {
    title: 'The OS keychain refused the request',
    hint: 'Check your keyring app for a prompt or an error, then try again.',
  },
  bad_credentials: {
    title: 'AWS did not accept these credentials',
    hint: 'Check the access key ID and secret, or create a new key pair in the IAM console and edit the profile.',
  },
  access_denied: {
    title: 'Access denied',
    hint: 'The credentials work but may not do this: check the role’s trust policy, the external ID and the source profile’s permissions.',
  },
  mfa_invalid: {
    title: 'The MFA code was not accepted',
    hint: 'Wait for a fresh code on your device and enter it.',
  },
  mfa_required: {
    title: 'This role needs an MFA code',
    hint: 'Enter the current code from the MFA device named in the profile.',
  },
  expired: {
    title: 'The credentials have expired',
    hint: 'Temporary keys and session tokens run out: paste fresh ones, or use long-term access keys.',
  },
  unreachable: {
    title: 'AWS could not be reached',
    hint: 'Check your network connection, proxy and the profile’s endpoint URL.',
  },
  throttled: {
    title: 'AWS is throttling requests',
    hint: 'Too many calls in a short time: wait a few seconds and try again.',
  },
  invalid: {
    title: 'Some settings are not valid',
    hint: 'Fix what the message below names, then save again.',
  },
  not_found: {
    title: 'Profile not found',
    hint: 'It may have been removed in the meantime: reload the list.',
  },
  store: {
    title: 'Hangar could not read or write its local data',
    hint: 'Check the free disk space and the permissions of the data directory.',
  },
  aws: {
    title: 'AWS returned an error',
    hint: 'The details below are what AWS said.',
  },
};

const FALLBACK: ErrorText = { title: 'Something went wrong', hint: 'The details below may say more.' };

export function errorText(error: Pick<ApiError, 'code'>): ErrorText {
  return TEXT[error.code] ?? FALLBACK;
}

/** Codes that mean "ask for an MFA code and try again". */
export function wantsMfa(error: Pick<ApiError, 'code'>): boolean {
  return error.code === 'mfa_required' || error.code === 'mfa_invalid';
}

export const ERROR_CODES = Object.keys(TEXT) as ErrorCode[];
