import { describe, expect, it } from 'vitest';
import { PARAMS } from '../../test/blueprint-fixtures';
import { copyName, environmentsOf, formValues, renameSource, splitErrors } from './params';

describe('parameter form model', () => {
  it('shows defaults, environment defaults, then what the user set', () => {
    expect(formValues(PARAMS, {}).db_multi_az).toBe('false');
    expect(formValues(PARAMS, { environment: 'prod' }).db_multi_az).toBe('true');
    expect(formValues(PARAMS, { environment: 'prod', db_multi_az: 'false' }).db_multi_az).toBe('false');
    expect(formValues(PARAMS, {}).az_count).toBe('2');
  });

  it('puts set.<param> errors at their field and keeps the rest with their path', () => {
    const { byField, other } = splitErrors(
      [
        { path: 'set.az_count', message: 'must be at most 3' },
        { path: 'set.nope', message: 'unknown parameter' },
        { path: 'network.tiers[0].subnets[1].cidr', message: 'overlaps' },
      ],
      PARAMS,
    );
    expect(byField).toEqual({ az_count: ['must be at most 3'] });
    expect(other.map((e) => e.path)).toEqual(['set.nope', 'network.tiers[0].subnets[1].cidr']);
  });

  it('compares dev and prod only when there is an environment parameter', () => {
    expect(environmentsOf(PARAMS)).toEqual(['dev', 'prod']);
    expect(environmentsOf(PARAMS.filter((p) => p.name !== 'environment'))).toEqual([]);
  });

  it('names a copy and rewrites its [blueprint] name', () => {
    expect(copyName('web', ['web', 'web-copy'])).toBe('web-copy-2');
    const source = 'region = "x"\n\n[blueprint]\nname = "web"\ntitle = "Web"\n\n[network]\nname = "keep"\n';
    expect(renameSource(source, 'web-copy')).toBe(source.replace('name = "web"', 'name = "web-copy"'));
  });
});
