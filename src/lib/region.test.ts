import { describe, expect, it } from 'vitest';
import { preferredRegion } from './region';

describe('preferredRegion', () => {
  it('prefers the configured country, then the first locale that names a region', () => {
    expect(preferredRegion('DE', ['en-US'])).toBe('DE');
    expect(preferredRegion(undefined, ['de', 'en-GB', 'fr-FR'])).toBe('GB');
    expect(preferredRegion(undefined, ['zh-Hant-TW'])).toBe('TW');
    expect(preferredRegion(undefined, ['en'])).toBeUndefined();
    expect(preferredRegion('gb', [])).toBeUndefined();
  });
});
