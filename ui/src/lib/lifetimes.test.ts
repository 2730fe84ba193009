import { describe, expect, it } from 'vitest';
import { defaultLifetimeOf, lifetimeChoices, NEVER } from './lifetimes';

describe('lifetime choices', () => {
  it('offers the usual lifetimes, never last', () => {
    expect(lifetimeChoices().map((c) => c.value)).toEqual(['1h', '8h', '1d', '7d', NEVER]);
    expect(lifetimeChoices('8h')).toEqual(lifetimeChoices());
  });

  it('keeps a lifetime set elsewhere among them, first', () => {
    expect(lifetimeChoices('3h').map((c) => c.value)).toEqual(['3h', '1h', '8h', '1d', '7d', NEVER]);
  });

  it("is a profile's default, or never when it has none", () => {
    expect(defaultLifetimeOf({ defaultLifetime: '1d' })).toBe('1d');
    expect(defaultLifetimeOf({ defaultLifetime: null })).toBe(NEVER);
    expect(defaultLifetimeOf(undefined)).toBe(NEVER);
  });
});
