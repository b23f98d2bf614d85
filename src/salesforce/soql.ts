/**
 * The only place SOQL text is built, with sosl.ts for SOSL (README "Conventions"). Values never become query
 * syntax: the `soql` tag turns every interpolation into a literal, and the few things that are not literals
 * (ids, LIKE patterns, field and object names, date-only values, nested conditions) come from helpers here
 * that validate or escape them.
 *
 * Facts (README "Salesforce API facts", Salesforce's "Quoted String Escape Sequences"): in a SOQL string
 * literal `\` `'` `"` and line breaks, tabs, backspace and form feed are escaped with a backslash; `\uXXXX`
 * stands for any other character. In LIKE, `\%` and `\_` are a literal % and _.
 */

declare const soqlBrand: unique symbol;
declare const fragmentBrand: unique symbol;

/** SOQL text built by `soql` (a whole query or a condition). API functions require it instead of `string`. */
export type Soql = string & { readonly [soqlBrand]: true };
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

/** A query (SOQL, or SOSL in sosl.ts) could not be built from these values. `code` tells user-facing cases (search text) apart. */
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

/** How an unusable value is named in an error message. */
export function kindOf(value: unknown): string {
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

/** An sObject name, validated (SOSL's RETURNING names objects too). */
export function objectName(name: string): string {
  return checkName(name, OBJECT_NAME, 'object name');
}

/** A field, object or relationship path, validated and inserted as is: `ident('Account.Owner.Name')`. */
export function ident(name: string): SoqlFragment {
  return fragment(checkName(name, IDENT, 'field, object or relationship name'));
}

/** A validated field list, duplicates (case-insensitive) dropped: `fields(['Id', 'Name', 'id'])` → `Id, Name`. */
export function fields(names: readonly string[]): SoqlFragment {
  return fragment(fieldListText(names));
}

/** The text of a validated field list (what `fields` inserts; SOSL's RETURNING lists fields too). */
export function fieldListText(names: readonly string[]): string {
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
