/**
 * Phone numbers as x-bees hands them to us and as Salesforce stores them (free text in any format), made
 * comparable. Parsing uses libphonenumber-js with its smallest ("min") metadata: it parses and validates
 * every format we meet, and the daemon, which matches numbers, has to stay small.
 *
 * Matching happens in two steps: SOSL finds candidates by digit strings (`phoneSearchTerms`), which ignores
 * punctuation but not country codes or trunk prefixes; then `comparePhones` decides on normalized numbers.
 */
import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode as LibCountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/min';

export type CountryCode = LibCountryCode;

export interface NormalizedPhone {
  /** '+14155550142' */
  e164: string;
  country: CountryCode | undefined;
  /** '1' */
  countryCallingCode: string;
  /** The national significant number, digits only: '4155550142'; Italy keeps its leading 0: '0212345678'. */
  nationalNumber: string;
  extension: string | undefined;
}

export type PhoneMatch = 'exact' | 'extension' | 'none';

/** Shorter digit strings match too many unrelated numbers to be worth a search. */
const MIN_SEARCH_DIGITS = 5;

/**
 * "00" is the international prefix almost everywhere outside North America and a few Asian countries,
 * and people write it regardless of where the number is dialled from: "0049 89 1234567".
 */
const INTERNATIONAL_00 = /^00(?=[1-9])/;
const TEL_SCHEME = /^tel:/i;

/**
 * The best reading of `input`: a valid number if any reading gives one, else a possible one (right length
 * for its country, e.g. numbers the metadata does not know yet). A leading "00" is read as "+" first, so a
 * default region whose national plan happens to accept "00…" (JP) does not swallow an international number.
 */
function parseBest(input: string, regionInput: string | undefined): PhoneNumber | undefined {
  const region = supportedRegion(regionInput);
  const text = input.trim();
  if (text === '') return undefined;
  const candidates: PhoneNumber[] = [];
  const bare = text.replace(TEL_SCHEME, '').trimStart();
  if (INTERNATIONAL_00.test(bare)) {
    const international = parsePhoneNumberFromString(bare.replace(INTERNATIONAL_00, '+'));
    if (international) candidates.push(international);
  }
  const regional = parsePhoneNumberFromString(text, region === undefined ? undefined : { defaultCountry: region });
  if (regional) candidates.push(regional);
  return candidates.find((number) => number.isValid()) ?? candidates.find((number) => number.isPossible());
}

function toNormalized(number: PhoneNumber): NormalizedPhone {
  return {
    e164: number.number,
    country: number.country,
    countryCallingCode: number.countryCallingCode,
    nationalNumber: number.nationalNumber,
    extension: number.ext === undefined || number.ext === '' ? undefined : number.ext,
  };
}

/**
 * Normalizes a phone number written in any common format: E.164, national (with `defaultRegion`), "00"
 * international prefix, `tel:` URIs, extensions ("x204", "ext. 204", ";ext=204", "#204") and surrounding
 * text. Null when no number of a plausible length is found.
 */
export function normalizePhone(input: string, defaultRegion?: string): NormalizedPhone | null {
  const number = parseBest(input, defaultRegion);
  return number ? toNormalized(number) : null;
}

const onlyDigits = (text: string): string => text.replace(/\D/g, '');

/**
 * The digit strings that stored formats of this number contain, for `FIND {a OR b} IN PHONE FIELDS`:
 * international digits ('14155550142'), the national significant number ('4155550142'), the national
 * form with its trunk prefix where the country writes one ('02079460958', '0891234567'), the same after
 * the country code as in "+44 (0)20 7946 0958" ('4402079460958'), and the "00" international form
 * ('00442079460958'). Digits only, de-duplicated, each at least 5 digits.
 */
export function phoneSearchTerms(phone: NormalizedPhone): string[] {
  const international = phone.countryCallingCode + phone.nationalNumber;
  const terms = [international, phone.nationalNumber];
  // The national format carries the trunk prefix exactly where the country's dialling rules use one.
  const national = onlyDigits(parsePhoneNumberFromString(`+${international}`)?.formatNational() ?? '');
  if (national !== phone.nationalNumber && national.endsWith(phone.nationalNumber)) {
    // '020 7946 0958', and the international form that keeps it: '+44 (0)20 7946 0958'.
    terms.push(national, phone.countryCallingCode + national);
  }
  terms.push(`00${international}`);
  return [...new Set(terms.map(onlyDigits))].filter((term) => term.length >= MIN_SEARCH_DIGITS);
}

/**
 * Compares a number stored in Salesforce with the caller's. A stored national number is read as belonging
 * to the caller's country. 'exact': same number and same (or no) extension; 'extension': same main number,
 * one side has an extension (a desk behind a company line); 'none' otherwise, including unparsable values.
 */
export function comparePhones(stored: string, query: NormalizedPhone): PhoneMatch {
  const other = normalizePhone(stored, query.country);
  if (other?.e164 !== query.e164) return 'none';
  if (other.extension === query.extension) return 'exact';
  return other.extension === undefined || query.extension === undefined ? 'extension' : 'none';
}

function supportedRegion(value: string | undefined): CountryCode | undefined {
  if (value === undefined) return undefined;
  const upper = value.trim().toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}

function localeRegion(tag: string): string | undefined {
  try {
    return new Intl.Locale(tag.trim().replace(/_/g, '-')).region;
  } catch {
    return undefined; // not a BCP 47 tag
  }
}

/**
 * The region national numbers belong to: the configured one if it is a supported country, else the region
 * of the first browser locale that names one ('en-GB' → 'GB'). A bare language ('de', 'en') names no
 * region, and guessing one ('en' → US) would misread every national number of a user elsewhere.
 */
export function defaultRegion(options: { configured?: string; locales?: readonly string[] }): CountryCode | undefined {
  const configured = supportedRegion(options.configured);
  if (configured) return configured;
  for (const locale of options.locales ?? []) {
    const region = supportedRegion(localeRegion(locale));
    if (region) return region;
  }
  return undefined;
}

/** For display: the international format of a valid number ('+1 415 555 0142'), the trimmed input otherwise. */
export function formatPhone(input: string, defaultRegion?: string): string {
  const number = parseBest(input, defaultRegion);
  return number?.isValid() ? number.formatInternational() : input.trim();
}

/** What to pass to x-bees `startCall`: E.164 without any extension (it cannot be dialled), or null. */
export function dialable(input: string, defaultRegion?: string): string | null {
  return parseBest(input, defaultRegion)?.number ?? null;
}
