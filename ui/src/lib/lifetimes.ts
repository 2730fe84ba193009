// The lifetimes the window offers, for a new environment and as a profile's default. Values are
// what Rust's `Lifetime` reads (`8h`); '' is never. A profile's default set elsewhere (the CLI's
// `--default-lifetime 3h`) is offered too, so picking that profile never loses it.

export interface LifetimeChoice {
  value: string;
  label: string;
}

export const NEVER = '';

const OFFERED: readonly LifetimeChoice[] = [
  { value: '1h', label: '1 hour' },
  { value: '8h', label: '8 hours' },
  { value: '1d', label: '1 day' },
  { value: '7d', label: '7 days' },
  { value: NEVER, label: 'Never' },
];

/** Forgotten dev environments cost money every hour: a new profile suggests ending them. */
export const SUGGESTED_DEFAULT = '8h';

/** The offered lifetimes, with `current` among them when it is none of them. */
export function lifetimeChoices(current: string | null = null): LifetimeChoice[] {
  if (current === null || OFFERED.some((c) => c.value === current)) return [...OFFERED];
  return [{ value: current, label: current }, ...OFFERED];
}

/** What a new environment made with `profile` lives unless another lifetime is picked. */
export function defaultLifetimeOf(profile: { defaultLifetime: string | null } | undefined): string {
  return profile?.defaultLifetime ?? NEVER;
}
