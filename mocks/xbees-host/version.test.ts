import { describe, expect, it } from 'vitest';
import { isVersionAtLeast } from './version';

describe('client version gate', () => {
  it.each([
    ['1.0.10', true],
    ['v1.0.10', true],
    ['1.0.11', true],
    ['1.1.0', true],
    ['2.0', true],
    ['1.3.5', true],
    ['1.0.9', false],
    ['1.0.10-alpha.12', false],
    ['v0.0.1', false],
    ['', false],
    [undefined, false],
    [10, false],
  ])('%s ≥ 1.0.10 is %s', (version, expected) => {
    expect(isVersionAtLeast(version, '1.0.10')).toBe(expected);
  });

  it('orders prereleases', () => {
    expect(isVersionAtLeast('1.0.0-beta.2', '1.0.0-beta.10')).toBe(false);
    expect(isVersionAtLeast('1.0.0-beta.10', '1.0.0-beta.2')).toBe(true);
    expect(isVersionAtLeast('1.0.0-beta', '1.0.0-alpha.1')).toBe(true);
  });
});
