/**
 * The only place SOQL and SOSL text is built (README "Conventions"). Values never become query
 * syntax: the `soql` tag turns every interpolation into a literal, and the few things that are not literals
 * (ids, LIKE patterns, field and object names, date-only values, nested conditions) come from helpers here
 * that validate or escape them. SOSL search text is always searched literally.
 *
 * Facts (README "Salesforce API facts", Salesforce's "Quoted String Escape Sequences", "Reserved Characters"
 * and "FIND {SearchQuery}"):
 * - In a SOQL string literal `\` `'` `"` and line breaks, tabs, backspace and form feed are escaped with a
 *   backslash; `\uXXXX` stands for any other character. In LIKE, `\%` and `\_` are a literal % and _.
 * - In SOSL `FIND {…}`, `? & | ! { } [ ] ( ) ^ ~ * : \ " ' + -` are reserved and escaped with `\`, even
 *   inside a "quoted phrase"; AND, OR and AND NOT are operators unless quoted; `*` and `?` are wildcards.
 *   A search term needs at least 2 characters; over 4,000 characters the operators are dropped and over
 *   10,000 nothing is found.
 */

declare const soqlBrand: unique symbol;
declare const soslBrand: unique symbol;
declare const soslSearchBrand: unique symbol;
declare const fragmentBrand: unique symbol;

/** SOQL text built by `soql` (a whole query or a condition). API functions require it instead of `string`. */
export type Soql = string & { readonly [soqlBrand]: true };
/** A SOSL statement built by `buildSosl`. */
export type Sosl = string & { readonly [soslBrand]: true };
/** The text between the braces of `FIND {…}`, built by `soslTerm` or `soslPhoneTerms`. */
export type SoslSearch = string & { readonly [soslSearchBrand]: true };
/** Query syntax that a helper here validated (`id`, `like`, `ident`, `fields`, `dateLiteral`, `and`, `or`, `sub`). */
export interface SoqlFragment {
  readonly [fragmentBrand]: true;
}

type SoqlItem = string | number | boolean | Date | SoqlFragment;
/** What `soql` interpolates: a literal, a list of literals (`IN (…)`), or a validated fragment. */
export type SoqlValue = SoqlItem | null | readonly SoqlItem[];

export type SoqlErrorCode =
  | 'INVALID_VALUE'
  | 'EMPTY_LIST'
  | 'INVALID_ID'
  | 'INVALID_IDENTIFIER'
  | 'INVALID_DATE'
  | 'INVALID_LIMIT'
  | 'QUERY_TOO_LONG'
  | 'SEARCH_TOO_SHORT'
  | 'SEARCH_TOO_LONG'
  | 'INVALID_PHONE_TERM';

/** A query could not be built from these values. `code` tells user-facing cases (search text) apart. */
export class SoqlError extends Error {
  override readonly name = 'SoqlError';
  constructor(
    readonly code: SoqlErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Salesforce refuses longer SOQL statements. */
export const SOQL_MAX_LENGTH = 100_000;
/** Above this the search engine drops logical operators; far above it, it finds nothing. */
export const SOSL_MAX_SEARCH_LENGTH = 4000;
/** The most rows a SOSL statement (and each RETURNING object) can return. */
export const SOSL_MAX_LIMIT = 2000;

// ------------------------------------------------------------------ fragments

/** Minted here only; `literal` fragments (ids, dates, LIKE patterns) may also stand in a list. */
const fragments = new WeakMap<SoqlFragment, { text: string; literal: boolean }>();

function fragment(text: string, literal = false): SoqlFragment {
  const made = Object.freeze({}) as SoqlFragment;
  fragments.set(made, { text, literal });
  return made;
}

function fragmentOf(value: object): { text: string; literal: boolean } | undefined {
  return fragments.get(value as SoqlFragment);
}

// ------------------------------------------------------------------ literals

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/**
 * Backslash, quotes and the named control characters get their escape; every other control character,
 * the Unicode line and paragraph separators, bidirectional controls (which make logged queries read
 * differently from what they are) and lone surrogates (which cannot be URL-encoded) become `\uXXXX`.
 */
const STRING_SPECIAL = /[\\'"\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|\p{Cs}/gu;

function escapeChar(char: string): string {
  return NAMED_ESCAPES[char] ?? `\\u${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function escapeString(value: string): string {
  return value.replace(STRING_SPECIAL, escapeChar);
}

function escapeLike(value: string): string {
  return escapeString(value).replace(/[%_]/g, '\\$&');
}

function numberLiteral(value: number): string {
  if (!Number.isFinite(value))
    throw new SoqlError('INVALID_VALUE', `SOQL numbers must be finite, got ${String(value)}`);
  const text = Object.is(value, -0) ? '0' : String(value);
  if (/e/i.test(text)) throw new SoqlError('INVALID_VALUE', `SOQL has no exponent notation for ${text}`);
  return text;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-01-15T10:00:00Z`, the documented SOQL dateTime form; milliseconds are dropped (floor). */
function dateTimeLiteral(value: Date): string {
  const time = value.getTime();
  if (Number.isNaN(time)) throw new SoqlError('INVALID_DATE', 'Invalid Date cannot be a SOQL dateTime');
  const year = value.getUTCFullYear();
  if (year < 0 || year > 9999) throw new SoqlError('INVALID_DATE', `SOQL dateTime years are 0000–9999, got ${year}`);
  return (
    `${pad(year, 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}` +
    `T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}Z`
  );
}

function itemLiteral(value: unknown, inList: boolean): string {
  switch (typeof value) {
    case 'string':
      return `'${escapeString(value)}'`;
    case 'number':
      return numberLiteral(value);
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'object': {
      if (value instanceof Date) return dateTimeLiteral(value);
      const made = value === null ? undefined : fragmentOf(value);
      if (made && (made.literal || !inList)) return made.text;
      break;
    }
    default:
      break;
  }
  throw new SoqlError(
    'INVALID_VALUE',
    `Cannot put ${kindOf(value)} into SOQL: use a string, number, boolean, Date, null, a list, or a helper from soql.ts`,
  );
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a nested list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function valueLiteral(value: unknown): string {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    if (items.length === 0)
      throw new SoqlError(
        'EMPTY_LIST',
        'An empty list cannot be written in SOQL (IN () is invalid): skip the query or the condition',
      );
    return `(${items.map((item) => itemLiteral(item, true)).join(',')})`;
  }
  return itemLiteral(value, false);
}

type NoSoql<V extends readonly unknown[]> = {
  [K in keyof V]: V[K] extends Soql ? 'a built Soql goes in through sub(), and(), or or()' : V[K];
};

/**
 * Builds SOQL from trusted template text and untrusted values: every interpolation becomes a literal.
 * Strings are quoted and escaped, numbers must be finite, booleans are TRUE/FALSE, null is NULL, a Date is
 * a UTC dateTime, a list is `('a','b')` (never empty). Syntax comes only from helpers: `id`, `like`,
 * `ident`, `fields`, `dateLiteral`, `and`, `or`, `sub`.
 *
 *     soql`SELECT ${fields(['Id', 'Name'])} FROM Contact WHERE Email = ${email} AND Id IN ${ids.map(id)} LIMIT ${n}`
 */
export function soql<V extends readonly SoqlValue[]>(strings: TemplateStringsArray, ...values: NoSoql<V>): Soql {
  let text = strings[0] ?? '';
  values.forEach((value: unknown, index) => {
    text += valueLiteral(value) + (strings[index + 1] ?? '');
  });
  if (text.length > SOQL_MAX_LENGTH)
    throw new SoqlError(
      'QUERY_TOO_LONG',
      `SOQL is limited to ${SOQL_MAX_LENGTH} characters; this query has ${text.length}`,
    );
  return text as Soql;
}

// ------------------------------------------------------------------ helpers

const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** A record id literal, validated as 15 or 18 alphanumerics: `id('0035g00000XyZabAAB')` → `'0035g00000XyZabAAB'`. */
export function id(value: string): SoqlFragment {
  if (typeof value !== 'string' || !ID.test(value))
    throw new SoqlError('INVALID_ID', `Not a Salesforce record id: ${JSON.stringify(value)}`);
  return fragment(`'${value}'`, true);
}

/**
 * A LIKE pattern matching `value` literally (its `%` and `_` too), with `%` before it (`prefix`) and/or
 * after it (`suffix`): `like('Ada', { suffix: true })` → `'Ada%'` (starts with Ada).
 */
export function like(value: string, options: { prefix?: boolean; suffix?: boolean } = {}): SoqlFragment {
  if (typeof value !== 'string') throw new SoqlError('INVALID_VALUE', `LIKE needs a string, got ${kindOf(value)}`);
  return fragment(`'${options.prefix ? '%' : ''}${escapeLike(value)}${options.suffix ? '%' : ''}'`, true);
}

const IDENT = /^[A-Za-z][A-Za-z0-9_]*(__c|__r)?(\.[A-Za-z][A-Za-z0-9_]*(__c|__r)?)*$/;
const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** SOQL keywords no field, object or relationship can be named. */
const KEYWORDS = new Set([
  'AND',
  'ASC',
  'DESC',
  'EXCLUDES',
  'FIRST',
  'FROM',
  'GROUP',
  'HAVING',
  'IN',
  'INCLUDES',
  'LAST',
  'LIKE',
  'LIMIT',
  'NOT',
  'NULL',
  'NULLS',
  'OR',
  'SELECT',
  'WHERE',
  'WITH',
]);

function checkName(name: unknown, pattern: RegExp, what: string): string {
  if (
    typeof name !== 'string' ||
    !pattern.test(name) ||
    name.split('.').some((part) => KEYWORDS.has(part.toUpperCase()))
  ) {
    throw new SoqlError('INVALID_IDENTIFIER', `Not a valid ${what}: ${JSON.stringify(name)}`);
  }
  return name;
}

/** A field, object or relationship path, validated and inserted as is: `ident('Account.Owner.Name')`. */
export function ident(name: string): SoqlFragment {
  return fragment(checkName(name, IDENT, 'field, object or relationship name'));
}

/** A validated field list, duplicates (case-insensitive) dropped: `fields(['Id', 'Name', 'id'])` → `Id, Name`. */
export function fields(names: readonly string[]): SoqlFragment {
  return fragment(fieldList(names));
}

function fieldList(names: readonly string[]): string {
  if (names.length === 0) throw new SoqlError('EMPTY_LIST', 'A field list needs at least one field');
  const seen = new Map<string, string>();
  for (const name of names) {
    const valid = checkName(name, IDENT, 'field name');
    if (!seen.has(valid.toLowerCase())) seen.set(valid.toLowerCase(), valid);
  }
  return [...seen.values()].join(', ');
}

/**
 * A date-only literal for date fields (ActivityDate, CloseDate), which reject dateTime literals:
 * `dateLiteral('2026-01-15')` → `2026-01-15`. Takes the calendar date as text, so no time zone is guessed.
 */
export function dateLiteral(value: string): SoqlFragment {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new SoqlError('INVALID_DATE', `Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  }
  return fragment(value, true);
}

function joined(conditions: readonly Soql[], operator: 'AND' | 'OR'): SoqlFragment {
  if (conditions.length === 0) throw new SoqlError('EMPTY_LIST', `${operator} needs at least one condition`);
  return fragment(conditions.map((condition) => `(${condition})`).join(` ${operator} `));
}

/** Conditions built with `soql`, each parenthesized, joined with AND: `WHERE ${and(conditions)}`. */
export function and(conditions: readonly Soql[]): SoqlFragment {
  return joined(conditions, 'AND');
}

/** Conditions built with `soql`, each parenthesized, joined with OR. */
export function or(conditions: readonly Soql[]): SoqlFragment {
  return joined(conditions, 'OR');
}

/** A query or condition built with `soql`, in parentheses: a subquery (`Id IN ${sub(q)}`) or a group. */
export function sub(query: Soql): SoqlFragment {
  return fragment(`(${query})`);
}

// ------------------------------------------------------------------ SOSL

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
    const object = checkName(spec.object, OBJECT_NAME, 'object name');
    const where = spec.where === undefined ? '' : ` WHERE ${spec.where}`;
    const orderBy = spec.orderBy === undefined ? '' : ` ORDER BY ${spec.orderBy}`;
    return `${object}(${fieldList(spec.fields)}${where}${orderBy}${limitClause(spec.limit)})`;
  });
  return `FIND {${options.find}} IN ${options.in} FIELDS RETURNING ${specs.join(', ')}${limitClause(options.limit)}` as Sosl;
}
