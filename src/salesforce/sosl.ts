/**
 * The only place SOSL text is built (README "Conventions"; SOQL is built in soql.ts). SOSL search text is
 * always searched literally: user text becomes a quoted phrase, digit strings or prefix words, each
 * checked again by `buildSosl`; object and field names are validated, WHERE and ORDER BY come from `soql`.
 *
 * Facts (README "Salesforce API facts", Salesforce's "Reserved Characters" and "FIND {SearchQuery}"): in
 * SOSL `FIND {…}`, `? & | ! { } [ ] ( ) ^ ~ * : \ " ' + -` are reserved and escaped with `\`, even inside a
 * "quoted phrase"; AND, OR and AND NOT are operators unless quoted; `*` and `?` are wildcards. A search term
 * needs at least 2 characters; over 4,000 characters the operators are dropped and over 10,000 nothing is
 * found.
 */
import { SoqlError, fieldListText, kindOf, objectName, type Soql } from './soql';

declare const soslBrand: unique symbol;
declare const soslSearchBrand: unique symbol;

/** A SOSL statement built by `buildSosl`. */
export type Sosl = string & { readonly [soslBrand]: true };
/** The text between the braces of `FIND {…}`, built by `soslTerm` or `soslPhoneTerms`. */
export type SoslSearch = string & { readonly [soslSearchBrand]: true };

/** Above this the search engine drops logical operators; far above it, it finds nothing. */
export const SOSL_MAX_SEARCH_LENGTH = 4000;
/** The most rows a SOSL statement (and each RETURNING object) can return. */
export const SOSL_MAX_LIMIT = 2000;

const SOSL_RESERVED = /[?&|!{}[\]()^~*:\\"'+-]/g;
/** Whitespace and control characters separate words; lone surrogates cannot be sent at all. */
const SOSL_SEPARATORS = /[\s\p{Cc}]+|\p{Cs}/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function checkSearchLength(text: string): void {
  if (text.length > SOSL_MAX_SEARCH_LENGTH) {
    throw new SoqlError(
      'SEARCH_TOO_LONG',
      `Search text is limited to ${SOSL_MAX_SEARCH_LENGTH} characters once escaped; this one has ${text.length}`,
    );
  }
}

/**
 * User text searched literally, as one phrase: whitespace and control characters collapse to a space,
 * every reserved character is escaped and the whole is quoted, so `*`, `?`, AND, OR and AND NOT are plain
 * words: `soslTerm('Ada OR *')` → `"Ada OR \*"`. Needs at least 2 characters and one letter or digit
 * (code SEARCH_TOO_SHORT), and at most 4,000 characters once escaped (SEARCH_TOO_LONG).
 */
export function soslTerm(text: string): SoslSearch {
  if (typeof text !== 'string')
    throw new SoqlError('INVALID_VALUE', `Search text must be a string, got ${kindOf(text)}`);
  const words = text.replace(SOSL_SEPARATORS, ' ').trim();
  if (Array.from(words).length < 2 || !LETTER_OR_DIGIT.test(words)) {
    throw new SoqlError('SEARCH_TOO_SHORT', 'Search text needs at least 2 characters, including a letter or digit');
  }
  const search = `"${words.replace(SOSL_RESERVED, '\\$&')}"`;
  checkSearchLength(search);
  return search as SoslSearch;
}

/** Searches OR-ed together (one SOSL for several e-mail addresses). */
export function soslAnyOf(searches: readonly SoslSearch[]): SoslSearch {
  if (searches.length === 0) throw new SoqlError('EMPTY_LIST', 'An OR search needs at least one term');
  const search = [...new Set(searches)].join(' OR ');
  checkSearchLength(search);
  return search as SoslSearch;
}

/**
 * Phone digit strings (from `phoneSearchTerms`) OR-ed together: `soslPhoneTerms(['4155550142',
 * '14155550142'])` → `4155550142 OR 14155550142`. Only ASCII digits, at least 2 per term; duplicates dropped.
 */
export function soslPhoneTerms(digitStrings: readonly string[]): SoslSearch {
  if (digitStrings.length === 0) throw new SoqlError('EMPTY_LIST', 'A phone search needs at least one digit string');
  for (const term of digitStrings) {
    if (typeof term !== 'string' || !/^[0-9]{2,}$/.test(term)) {
      throw new SoqlError(
        'INVALID_PHONE_TERM',
        `Phone search terms are digit strings of at least 2 digits, got ${JSON.stringify(term)}`,
      );
    }
  }
  const search = [...new Set(digitStrings)].join(' OR ');
  checkSearchLength(search);
  return search as SoslSearch;
}

/**
 * Type-ahead search: every word of the user's text must start a word of the record, in any order:
 * `soslPrefix('ada lov')` → `ada* lov*`. Reserved characters are escaped; the words AND, OR and NOT are
 * quoted so they stay words; one-letter words are dropped when there are longer ones (a one-character
 * wildcard is refused by Salesforce). Needs at least 2 characters including a letter or digit.
 */
export function soslPrefix(text: string): SoslSearch {
  if (typeof text !== 'string')
    throw new SoqlError('INVALID_VALUE', `Search text must be a string, got ${kindOf(text)}`);
  const all = text
    .replace(SOSL_SEPARATORS, ' ')
    .trim()
    .split(' ')
    .filter((word) => LETTER_OR_DIGIT.test(word));
  const words = all.filter((word) => Array.from(word).length >= 2);
  if (words.length === 0)
    throw new SoqlError('SEARCH_TOO_SHORT', 'Search text needs at least 2 characters, including a letter or digit');
  const tokens = words.map((word) => {
    if (/^(AND|OR|NOT)$/i.test(word)) return `"${word}"`;
    return `${word.replace(SOSL_RESERVED, '\\$&')}*`;
  });
  const search = tokens.join(' ');
  checkSearchLength(search);
  return search as SoslSearch;
}

/** Re-checks the shape `soslTerm`/`soslPhoneTerms`/`soslPrefix` produce, so a cast string cannot open the braces. */
const ESCAPED = String.raw`\\[?&|!{}[\]()^~*:\\"'+-]`;
const PHRASE = String.raw`"(?:[^"\\{}]|${ESCAPED})*"`;
/** A bare word that is not an operator (AND, OR, NOT are only ever sent quoted). */
const WORD = String.raw`(?!(?:AND|OR|NOT)(?:[ *]|$))(?:[^\s"\\{}?&|!\[\]()^~*:'+-]|${ESCAPED})+`;
const PREFIX = String.raw`(?:(?:${WORD}\*|${PHRASE}) )*(?:${WORD}\*|${PHRASE})`;
const SEARCH_SHAPE = new RegExp(
  String.raw`^(?:${PHRASE}(?: OR ${PHRASE})*|[0-9]{2,}(?: OR [0-9]{2,})*|${PREFIX})$`,
  'iu',
);

export type SoslGroup = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE';

export interface SoslReturning {
  /** An sObject name, validated. */
  object: string;
  /** Field names or relationship paths, validated; at least one. */
  fields: readonly string[];
  /** A condition built with `soql`: soql`IsConverted = ${false}`. */
  where?: Soql;
  /** An ORDER BY list built with `soql`: soql`LastModifiedDate DESC NULLS LAST`. */
  orderBy?: Soql;
  /** 1–2000. */
  limit?: number;
}

export interface SoslOptions {
  find: SoslSearch;
  in: SoslGroup;
  returning: readonly SoslReturning[];
  /** The overall limit, 1–2000; Salesforce shares it among the objects. */
  limit?: number;
}

const GROUPS: readonly SoslGroup[] = ['ALL', 'NAME', 'EMAIL', 'PHONE'];

function limitClause(limit: number | undefined): string {
  if (limit === undefined) return '';
  if (!Number.isInteger(limit) || limit < 1 || limit > SOSL_MAX_LIMIT) {
    throw new SoqlError(
      'INVALID_LIMIT',
      `A SOSL LIMIT is an integer from 1 to ${SOSL_MAX_LIMIT}, got ${String(limit)}`,
    );
  }
  return ` LIMIT ${limit}`;
}

/**
 * A SOSL statement: `FIND {…} IN PHONE FIELDS RETURNING Lead(Id, Name WHERE IsConverted = false LIMIT 20),
 * Contact(Id, Name) LIMIT 50`. Object and field names are validated; WHERE and ORDER BY come from `soql`.
 */
export function buildSosl(options: SoslOptions): Sosl {
  if (!SEARCH_SHAPE.test(options.find))
    throw new SoqlError(
      'INVALID_VALUE',
      'find must come from soslTerm(), soslAnyOf(), soslPhoneTerms() or soslPrefix()',
    );
  if (!GROUPS.includes(options.in)) throw new SoqlError('INVALID_VALUE', `IN must be one of ${GROUPS.join(', ')}`);
  if (options.returning.length === 0) throw new SoqlError('EMPTY_LIST', 'RETURNING needs at least one object');
  const specs = options.returning.map((spec) => {
    const object = objectName(spec.object);
    const where = spec.where === undefined ? '' : ` WHERE ${spec.where}`;
    const orderBy = spec.orderBy === undefined ? '' : ` ORDER BY ${spec.orderBy}`;
    return `${object}(${fieldListText(spec.fields)}${where}${orderBy}${limitClause(spec.limit)})`;
  });
  return `FIND {${options.find}} IN ${options.in} FIELDS RETURNING ${specs.join(', ')}${limitClause(options.limit)}` as Sosl;
}
