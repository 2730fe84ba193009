// Environment names become AWS tag values and parts of resource names: the engine's rule,
// checked as the user types.

export const ENV_NAME_RULE = '1-32 lowercase letters, digits and hyphens, starting with a letter';

/** Why `name` cannot be used, or null when it can. */
export function envNameError(name: string): string | null {
  if (name.length === 0) return 'Give the environment a name.';
  if (name.length > 32) return `At most 32 characters (this is ${name.length}).`;
  if (!/^[a-z]/.test(name)) return 'Start with a lowercase letter.';
  if (!/^[a-z0-9-]+$/.test(name)) return 'Use only lowercase letters, digits and hyphens.';
  if (name.endsWith('-')) return 'Do not end with a hyphen.';
  return null;
}
