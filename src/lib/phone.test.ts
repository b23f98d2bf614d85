import { describe, expect, it } from 'vitest';
import {
  comparePhones,
  defaultRegion,
  dialable,
  formatPhone,
  normalizePhone,
  phoneSearchTerms,
  type CountryCode,
  type NormalizedPhone,
  type PhoneMatch,
} from './phone';

function normalized(input: string, region?: CountryCode): NormalizedPhone {
  const phone = normalizePhone(input, region);
  if (!phone) throw new Error(`expected ${input} to normalize`);
  return phone;
}

describe('normalizePhone', () => {
  it.each<[string, CountryCode | undefined, string, CountryCode | undefined, string, string]>([
    // input, default region, e164, country, calling code, national significant number
    ['+14155550142', undefined, '+14155550142', 'US', '1', '4155550142'],
    ['  +14155550142\n', undefined, '+14155550142', 'US', '1', '4155550142'],
    ['(415) 555-1212', 'US', '+14155551212', 'US', '1', '4155551212'],
    ['415.555.0100', 'US', '+14155550100', 'US', '1', '4155550100'],
    ['+1 (415) 555-0100', undefined, '+14155550100', 'US', '1', '4155550100'],
    ['+1 (415) 555-0100', 'DE', '+14155550100', 'US', '1', '4155550100'],
    ['089 1234567', 'DE', '+49891234567', 'DE', '49', '891234567'],
    ['020 7946 0958', 'GB', '+442079460958', 'GB', '44', '2079460958'],
    ['+44 20 7946 0958', undefined, '+442079460958', 'GB', '44', '2079460958'],
    ['+44 (0)20 7946 0958', undefined, '+442079460958', 'GB', '44', '2079460958'],
    ['03-1234-5678', 'JP', '+81312345678', 'JP', '81', '312345678'],
    ['+81 3-1234-5678', undefined, '+81312345678', 'JP', '81', '312345678'],
    ['02 1234 5678', 'IT', '+390212345678', 'IT', '39', '0212345678'],
    ['+39 02 1234 5678', undefined, '+390212345678', 'IT', '39', '0212345678'],
    ['+33 6 12 34 56 78', undefined, '+33612345678', 'FR', '33', '612345678'],
    ['06 12 34 56 78', 'FR', '+33612345678', 'FR', '33', '612345678'],
    ['Call me on +1 415 555 0142 please', undefined, '+14155550142', 'US', '1', '4155550142'],
  ])('%j (region %s) → %s', (input, region, e164, country, callingCode, nationalNumber) => {
    expect(normalizePhone(input, region)).toEqual({
      e164,
      country,
      countryCallingCode: callingCode,
      nationalNumber,
      extension: undefined,
    });
  });

  it.each<[string, CountryCode | undefined]>([
    ['0049 89 1234567', undefined],
    ['0049 89 1234567', 'DE'],
    ['0049 89 1234567', 'US'],
    // Japan's national plan accepts "00…" numbers; "00" must still win as the international prefix.
    ['0049 89 1234567', 'JP'],
    ['0049-89-1234567', 'GB'],
  ])('reads the 00 international prefix: %j (region %s)', (input, region) => {
    expect(normalizePhone(input, region)?.e164).toBe('+49891234567');
  });

  it('reads a country’s own international prefix (011 from the US, 0011 from Australia)', () => {
    expect(normalizePhone('011 44 20 7946 0958', 'US')?.e164).toBe('+442079460958');
    expect(normalizePhone('0011 44 20 7946 0958', 'AU')?.e164).toBe('+442079460958');
  });

  it.each([
    ['tel:+14155550142', undefined],
    ['tel:+1-415-555-0142;ext=204', '204'],
    ['TEL:+1-415-555-0142', undefined],
    ['tel:415-555-0142;phone-context=+1', undefined],
  ])('reads tel: URI %j', (input, extension) => {
    expect(normalizePhone(input)).toMatchObject({ e164: '+14155550142', extension });
  });

  it.each([
    '+1 415 555 0142 x204',
    '+1 415 555 0142 x 204',
    '+1 (415) 555-0142 ext. 204',
    '+1 415 555 0142 ext204',
    '+1 415 555 0142 extension 204',
    '+1 415 555 0142;ext=204',
    '+1 415 555 0142 #204',
    '+1 415 555 0142,204',
  ])('separates the extension in %j', (input) => {
    expect(normalizePhone(input)).toMatchObject({
      e164: '+14155550142',
      nationalNumber: '4155550142',
      extension: '204',
    });
  });

  it('accepts a national extension with the caller’s region', () => {
    expect(normalizePhone('089 1234567-0 x 12', 'DE')).toMatchObject({ country: 'DE', extension: '12' });
  });

  it.each<[string, CountryCode | undefined]>([
    ['', undefined],
    ['   ', 'US'],
    ['abc', 'US'],
    ['no number here', 'DE'],
    ['12', undefined],
    ['911', 'US'],
    ['204', 'DE'],
    ['+1 415', undefined],
    ['+999 1234567', undefined],
    // A national number means nothing without a region.
    ['(415) 555-0142', undefined],
    ['020 7946 0958', undefined],
    // A UK national number read as a US one is impossible.
    ['020 7946 0958', 'US'],
    ['1-800-FLOWERS', 'US'],
    ['+1 415 555 0142 5678 9012 3456', undefined],
  ])('returns null for %j (region %s)', (input, region) => {
    expect(normalizePhone(input, region)).toBeNull();
  });
});

describe('phoneSearchTerms', () => {
  it.each([
    ['+1 415 555 0142', ['14155550142', '4155550142', '0014155550142']],
    ['+44 20 7946 0958', ['442079460958', '2079460958', '02079460958', '4402079460958', '00442079460958']],
    ['+49 89 1234567', ['49891234567', '891234567', '0891234567', '490891234567', '0049891234567']],
    // Italy keeps the 0 in the national number and has no trunk prefix: no extra national form.
    ['+39 02 1234 5678', ['390212345678', '0212345678', '00390212345678']],
    ['+33 6 12 34 56 78', ['33612345678', '612345678', '0612345678', '330612345678', '0033612345678']],
    ['+81 3-1234-5678', ['81312345678', '312345678', '0312345678', '810312345678', '0081312345678']],
  ])('%s → %j', (input, terms) => {
    expect(phoneSearchTerms(normalized(input))).toEqual(terms);
  });

  it('ignores the extension: stored values carry it after the main digits', () => {
    expect(phoneSearchTerms(normalized('+1 415 555 0142 x204'))).toEqual(
      phoneSearchTerms(normalized('+1 415 555 0142')),
    );
  });

  it('yields digit strings of at least 5 digits only, without duplicates', () => {
    // A Niue number has a 4-digit national number: too short to search on its own.
    const terms = phoneSearchTerms({
      e164: '+6837010',
      country: 'NU',
      countryCallingCode: '683',
      nationalNumber: '7010',
      extension: undefined,
    });
    expect(terms).toEqual(['6837010', '006837010']);
    for (const term of terms) expect(term).toMatch(/^\d{5,}$/);
  });

  it('finds every stored format of the number', () => {
    const stored = [
      '+44 20 7946 0958',
      '020 7946 0958',
      '(020) 7946-0958',
      '0044 20 7946 0958',
      '+44 (0)20 7946 0958',
      '44.20.7946.0958',
      '2079460958',
    ];
    const terms = phoneSearchTerms(normalized('+442079460958'));
    for (const value of stored) expect(terms).toContain(value.replace(/\D/g, ''));
  });
});

describe('comparePhones', () => {
  const us = '+14155550142';
  const uk = '+442079460958';
  const de = '+49891234567';
  const it_ = '+390212345678';

  it.each<[string, string, PhoneMatch]>([
    ['+14155550142', us, 'exact'],
    ['(415) 555-0142', us, 'exact'],
    ['415.555.0142', us, 'exact'],
    ['+1 (415) 555-0142', us, 'exact'],
    ['1-415-555-0142', us, 'exact'],
    ['tel:+14155550142', us, 'exact'],
    ['0014155550142', us, 'exact'],
    // A stored national number belongs to the caller's country.
    ['020 7946 0958', uk, 'exact'],
    ['+44 (0)20 7946 0958', uk, 'exact'],
    ['0044 20 7946 0958', uk, 'exact'],
    ['089 1234567', de, 'exact'],
    ['+49 89 123 4567', de, 'exact'],
    ['02 1234 5678', it_, 'exact'],
    // One side has an extension: the desk behind a company line.
    ['+1 415 555 0142 ext. 204', us, 'extension'],
    ['(415) 555-0142 x12', us, 'extension'],
    ['020 7946 0958 #3', uk, 'extension'],
    ['+1 415 555 0142', '+1 415 555 0142 x204', 'extension'],
    // Same extension on both sides.
    ['(415) 555-0142 ext 204', '+1 415 555 0142;ext=204', 'exact'],
    // Different extensions: different people.
    ['(415) 555-0142 ext 205', '+1 415 555 0142;ext=204', 'none'],
    // Different numbers.
    ['(415) 555-0143', us, 'none'],
    ['+44 20 7946 0959', uk, 'none'],
    // The same national digits in another country are another number: a UK national number vs a US caller
    // whose number ends in the same digits (SOSL finds it by '2079460958').
    ['020 7946 0958', '+1 207 946 0958', 'none'],
    ['+44 20 7946 0958', '+1 207 946 0958', 'none'],
    ['(415) 555-0142', uk, 'none'],
    ['+39 02 1234 5678', '+33 2 12 34 56 78', 'none'],
    // Unparsable stored values.
    ['', us, 'none'],
    ['n/a', us, 'none'],
    ['555', us, 'none'],
  ])('stored %j vs caller %s → %s', (stored, caller, match) => {
    expect(comparePhones(stored, normalized(caller))).toBe(match);
  });

  it('reads national stored values only for a caller with a country', () => {
    const nonGeographic = normalized('+800 1234 5678');
    expect(nonGeographic.country).toBeUndefined();
    expect(comparePhones('+800 1234 5678', nonGeographic)).toBe('exact');
    expect(comparePhones('1234 5678', nonGeographic)).toBe('none');
  });
});

describe('defaultRegion', () => {
  it.each<[{ configured?: string; locales?: readonly string[] }, CountryCode | undefined]>([
    [{ configured: 'DE', locales: ['en-GB'] }, 'DE'],
    [{ configured: 'it', locales: [] }, 'IT'],
    [{ configured: ' FR ' }, 'FR'],
    [{ configured: 'XX', locales: ['en-GB'] }, 'GB'],
    [{ configured: 'UK', locales: ['de-AT'] }, 'AT'],
    [{ configured: '', locales: ['en-US'] }, 'US'],
    [{ locales: ['en-GB'] }, 'GB'],
    [{ locales: ['en_GB'] }, 'GB'],
    [{ locales: ['de'] }, undefined],
    [{ locales: ['de', 'en-GB'] }, 'GB'],
    [{ locales: ['zh-Hant-TW'] }, 'TW'],
    [{ locales: ['es-419', 'es-MX'] }, 'MX'],
    [{ locales: ['not a locale!', 'fr-CA'] }, 'CA'],
    [{ locales: ['en', 'fr', 'it'] }, undefined],
    [{}, undefined],
  ])('%j → %s', (options, region) => {
    expect(defaultRegion(options)).toBe(region);
  });
});

describe('formatPhone', () => {
  it.each<[string, CountryCode | undefined, string]>([
    ['+14155550142', undefined, '+1 415 555 0142'],
    ['(415) 555-0142', 'US', '+1 415 555 0142'],
    ['020 7946 0958', 'GB', '+44 20 7946 0958'],
    ['02 1234 5678', 'IT', '+39 02 1234 5678'],
    ['+1 415 555 0142 x204', undefined, '+1 415 555 0142 ext. 204'],
    ['  call the front desk  ', 'US', 'call the front desk'],
    ['(415) 555-0142', undefined, '(415) 555-0142'],
    // Possible (right length) but not valid: shown as typed.
    [' +1 0049891234 ', undefined, '+1 0049891234'],
  ])('%j (region %s) → %j', (input, region, display) => {
    expect(formatPhone(input, region)).toBe(display);
  });
});

describe('dialable', () => {
  it.each<[string, CountryCode | undefined, string | null]>([
    ['+14155550142', undefined, '+14155550142'],
    ['(415) 555-0142', 'US', '+14155550142'],
    ['+1 (415) 555-0142 ext. 204', undefined, '+14155550142'],
    ['tel:+1-415-555-0142;ext=204', undefined, '+14155550142'],
    ['0049 89 1234567', undefined, '+49891234567'],
    ['02 1234 5678', 'IT', '+390212345678'],
    ['(415) 555-0142', undefined, null],
    ['hello', 'US', null],
    ['', 'US', null],
  ])('%j (region %s) → %s', (input, region, result) => {
    expect(dialable(input, region)).toBe(result);
  });
});
