/**
 * Machinery both query engines of the emulated org share (SOQL in soql.ts, SOSL in sosl.ts): source
 * positions for Salesforce's "ERROR at Row:Column" messages, field-path resolution through lookups with
 * object access and field-level security applied, WHERE compilation and evaluation, ORDER BY, and the
 * projection of a record into the REST JSON shape.
 *
 * Everything is compiled before any row is read, so an invalid query fails even when no row would match,
 * as it does in Salesforce.
 */
import type {
  Condition,
  FieldType as SoqlField,
  HavingClause,
  LiteralType,
  NegationCondition,
  OrderByClause,
  ValueQueryCondition,
  WhereClause,
} from 'soql-parser-js';
import { errors, sfError, type SfApiError } from './errors';
import { isId } from './ids';
import { objectDef, type FieldDef, type FieldType } from './schema';
import { parseSfDateTime, type OrgStore, type SfValue, type StoredRecord } from './store';

export interface QueryRow {
  attributes: { type: string; url?: string };
  [field: string]: unknown;
}

// ------------------------------------------------------------------ source text and positions

export interface Token {
  kind: 'ident' | 'string' | 'number' | 'punct';
  text: string;
  start: number;
}

/** A region of the source: the whole statement, a parenthesised subquery, or a SOSL RETURNING spec. */
export interface Scope {
  start: number;
  end: number;
  children: Scope[];
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_.]/;
const NUMBER_PART = /[0-9A-Za-z_.:+-]/;

/** The statement's text, tokenized once, to point error messages at the offending token. */
export class QuerySource {
  readonly tokens: Token[];
  readonly root: Scope;

  constructor(
    readonly text: string,
    from = 0,
  ) {
    this.tokens = tokenize(text, from);
    this.root = { start: from, end: text.length, children: [] };
    const stack: (Scope | null)[] = [];
    this.tokens.forEach((token, index) => {
      if (token.text === '(') {
        const next = this.tokens[index + 1];
        if (next?.kind === 'ident' && next.text.toUpperCase() === 'SELECT') {
          const scope: Scope = { start: token.start, end: text.length, children: [] };
          this.current(stack).children.push(scope);
          stack.push(scope);
        } else {
          stack.push(null);
        }
      } else if (token.text === ')') {
        const closed = stack.pop();
        if (closed) closed.end = token.start + 1;
      }
    });
  }

  private current(stack: (Scope | null)[]): Scope {
    for (let i = stack.length - 1; i >= 0; i--) {
      const scope = stack[i];
      if (scope) return scope;
    }
    return this.root;
  }

  /** Tokens of a scope, without those of its nested subqueries. */
  scopeTokens(scope: Scope): Token[] {
    return this.tokens.filter(
      (t) =>
        t.start >= scope.start &&
        t.start < scope.end &&
        !scope.children.some((c) => t.start >= c.start && t.start < c.end),
    );
  }

  /**
   * Offset of an identifier (case-insensitive) in a scope: the `nth` occurrence after the `after`
   * keyword when one is given. `suffix` also accepts `Prefix.word`.
   */
  find(
    scope: Scope,
    word: string,
    options: { after?: string | undefined; nth?: number; suffix?: boolean } = {},
  ): number | undefined {
    const lower = word.toLowerCase();
    let active = options.after === undefined;
    let seen = 0;
    for (const token of this.scopeTokens(scope)) {
      if (token.kind !== 'ident') continue;
      const text = token.text.toLowerCase();
      if (!active) {
        active = text.toUpperCase() === options.after;
        continue;
      }
      if (text === lower || (options.suffix === true && text.endsWith(`.${lower}`))) {
        if (seen === (options.nth ?? 0)) return token.start;
        seen += 1;
      }
    }
    return undefined;
  }

  /** Salesforce's positional prefix: the line, a caret under the column, then "ERROR at Row:r:Column:c". */
  decorate(offset: number | undefined, message: string): string {
    if (offset === undefined) return message;
    const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = this.text.indexOf('\n', offset);
    const line = this.text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, '');
    const row = this.text.slice(0, offset).split('\n').length;
    const column = offset - lineStart + 1;
    return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${message}`;
  }
}

function tokenize(text: string, from: number): Token[] {
  const tokens: Token[] = [];
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "'") {
      let j = i + 1;
      while (j < n && text.charAt(j) !== "'") j += text.charAt(j) === '\\' ? 2 : 1;
      tokens.push({ kind: 'string', text: text.slice(i, j + 1), start: i });
      i = j + 1;
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(text.charAt(j))) j += 1;
      tokens.push({ kind: 'ident', text: text.slice(i, j), start: i });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && NUMBER_PART.test(text.charAt(j))) j += 1;
      tokens.push({ kind: 'number', text: text.slice(i, j), start: i });
      i = j;
    } else {
      const two = text.slice(i, i + 2);
      const width = two === '<=' || two === '>=' || two === '!=' || two === '<>' ? 2 : 1;
      tokens.push({ kind: 'punct', text: text.slice(i, i + width), start: i });
      i += width;
    }
  }
  return tokens;
}

// ------------------------------------------------------------------ context and errors

export interface EngineContext {
  readonly store: OrgStore;
  readonly apiVersion: string;
  readonly source: QuerySource;
  /** MALFORMED_QUERY for SOQL, MALFORMED_SEARCH for SOSL and parameterized search. */
  readonly syntaxCode: 'MALFORMED_QUERY' | 'MALFORMED_SEARCH';
}

export function apiNumber(apiVersion: string): number {
  const n = Number.parseFloat(apiVersion.replace(/^v/i, ''));
  return Number.isFinite(n) ? n : 66;
}

/** Since Summer '24 (v61.0) the SOQL parser quotes the token it stopped at. */
export function unexpectedToken(ctx: EngineContext, token: string): string {
  return apiNumber(ctx.apiVersion) >= 61 ? `unexpected token: '${token}'` : `unexpected token: ${token}`;
}

export function syntaxError(ctx: EngineContext, offset: number | undefined, message: string): SfApiError {
  return sfError(400, ctx.syntaxCode, ctx.source.decorate(offset, message));
}

/**
 * Filter-value errors ("value of filter criterion …", "invalid ID field"): INVALID_QUERY_FILTER_OPERATOR
 * until Summer '24, MALFORMED_QUERY since (v61.0 release notes).
 */
export function filterError(ctx: EngineContext, offset: number | undefined, message: string): SfApiError {
  const code = apiNumber(ctx.apiVersion) >= 61 ? 'MALFORMED_QUERY' : 'INVALID_QUERY_FILTER_OPERATOR';
  return sfError(400, code, ctx.source.decorate(offset, message));
}

export function invalidFieldAt(ctx: EngineContext, offset: number | undefined, message: string): SfApiError {
  return errors.invalidField(ctx.source.decorate(offset, message));
}

export function noSuchColumn(
  ctx: EngineContext,
  offset: number | undefined,
  field: string,
  entity: string,
): SfApiError {
  return invalidFieldAt(
    ctx,
    offset,
    `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function invalidTypeAt(ctx: EngineContext, offset: number | undefined, objectName: string): SfApiError {
  const message = errors.invalidType(objectName).first?.message ?? `sObject type '${objectName}' is not supported.`;
  return sfError(400, 'INVALID_TYPE', ctx.source.decorate(offset, message));
}

export const RELATIONSHIP_HINT =
  "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";

// ------------------------------------------------------------------ field paths

/** Salesforce's Name entity: what a polymorphic lookup (Who, What, a queue-or-user Owner) exposes. */
const NAME_ENTITY_FIELDS: readonly FieldDef[] = [
  { name: 'Id', label: 'Name ID', type: 'id' },
  { name: 'Name', label: 'Name', type: 'string' },
  { name: 'Type', label: 'Object Type', type: 'picklist' },
  { name: 'FirstName', label: 'First Name', type: 'string' },
  { name: 'LastName', label: 'Last Name', type: 'string' },
  { name: 'Alias', label: 'Alias', type: 'string' },
  { name: 'Email', label: 'Email', type: 'email' },
  { name: 'Phone', label: 'Phone', type: 'phone' },
  { name: 'Title', label: 'Title', type: 'string' },
  { name: 'IsActive', label: 'Active', type: 'boolean' },
  { name: 'Username', label: 'Username', type: 'string' },
  { name: 'CommunityNickname', label: 'Nickname', type: 'string' },
  { name: 'ProfileId', label: 'Profile ID', type: 'reference' },
  { name: 'UserRoleId', label: 'Role ID', type: 'reference' },
  { name: 'RecordTypeId', label: 'Record Type ID', type: 'reference' },
  { name: 'NameOrAlias', label: 'Name or Alias', type: 'string' },
  { name: 'SmallPhotoUrl', label: 'Photo', type: 'url' },
  { name: 'MediumPhotoUrl', label: 'Medium Photo URL', type: 'url' },
  { name: 'FullPhotoUrl', label: 'Full Photo URL', type: 'url' },
  { name: 'LastReferencedDate', label: 'Last Referenced Date', type: 'datetime' },
  { name: 'LastViewedDate', label: 'Last Viewed Date', type: 'datetime' },
];
/** Name fields populated only when the related record is a User (Name object reference). */
const USER_ONLY_NAME_FIELDS = new Set([
  'Alias',
  'Email',
  'Phone',
  'Title',
  'IsActive',
  'Username',
  'CommunityNickname',
  'ProfileId',
  'UserRoleId',
]);
const PERSON_TYPES = new Set(['User', 'Contact', 'Lead']);

export interface RelHop {
  /** The lookup field (e.g. OwnerId). */
  field: FieldDef;
  /** Canonical relationship name (e.g. Owner), the output key. */
  name: string;
  /** Target object for a single-type lookup; undefined for a polymorphic one. */
  target: string | undefined;
}

export interface FieldPath {
  /** As written in the statement. */
  raw: string;
  hops: RelHop[];
  leaf: FieldDef;
  /** The leaf is read through the Name entity (the last hop is polymorphic). */
  nameEntity: boolean;
  /** Canonical dotted path, e.g. `Account.Owner.Name`. */
  canonical: string;
}

export interface ObjectRef {
  name: string;
  alias?: string | undefined;
}

export interface Place {
  scope: Scope;
  after?: string | undefined;
}

function eqi(a: string | undefined, b: string): boolean {
  return a?.toLowerCase() === b.toLowerCase();
}

function lookupField(ctx: EngineContext, objectName: string, relationship: string): FieldDef | undefined {
  return ctx.store
    .visibleFields(objectName)
    .find((f) => f.type === 'reference' && f.relationshipName !== undefined && eqi(f.relationshipName, relationship));
}

/** Drops a leading alias or object-name qualifier (`c.Name`, `Contact.Name` in FROM Contact). */
export function pathParts(ctx: EngineContext, object: ObjectRef, raw: string): string[] {
  const parts = raw.split('.');
  const first = parts[0];
  if (parts.length > 1 && first !== undefined) {
    if (eqi(object.alias, first) || (eqi(object.name, first) && !lookupField(ctx, object.name, first))) parts.shift();
  }
  return parts;
}

/** Resolves `Field` or `Rel.Rel.Field` against the schema as the user sees it; throws Salesforce's errors. */
export function resolvePath(ctx: EngineContext, object: ObjectRef, raw: string, place: Place): FieldPath {
  const where = () => ctx.source.find(place.scope, raw, { after: place.after });
  const parts = pathParts(ctx, object, raw);
  const hops: RelHop[] = [];
  let current: string | null = object.name; // null = the Name entity
  for (const part of parts.slice(0, -1)) {
    const f: FieldDef | undefined = current === null ? undefined : lookupField(ctx, current, part);
    const targets: string[] = f?.referenceTo ?? [];
    const single: string | undefined = targets.length === 1 ? targets[0] : undefined;
    if (!f || targets.length === 0 || (single !== undefined && !ctx.store.visibleObject(single))) {
      throw invalidFieldAt(
        ctx,
        where(),
        `Didn't understand relationship '${part}' in field path. ${RELATIONSHIP_HINT}`,
      );
    }
    hops.push({ field: f, name: f.relationshipName ?? part, target: single });
    current = single ?? null;
  }
  const leafName = parts[parts.length - 1] ?? raw;
  const leaf =
    current === null
      ? NAME_ENTITY_FIELDS.find((f) => eqi(f.name, leafName))
      : ctx.store.visibleField(current, leafName);
  if (!leaf) throw noSuchColumn(ctx, where(), leafName, current ?? 'Name');
  return {
    raw,
    hops,
    leaf,
    nameEntity: current === null,
    canonical: [...hops.map((h) => h.name), leaf.name].join('.'),
  };
}

/** The record a lookup points at, if it exists and its type is readable. */
export function followHop(store: OrgStore, record: StoredRecord, hop: RelHop): StoredRecord | null {
  const id = store.value(record, hop.field.name);
  if (typeof id !== 'string') return null;
  const target = store.get(id);
  if (!target || !store.visibleObject(target.type)) return null;
  return target;
}

/** The type shown in a related record's attributes. */
function hopType(hop: RelHop, target: StoredRecord): string {
  return hop.target ?? target.type;
}

export function nameEntityValue(store: OrgStore, record: StoredRecord, field: string): SfValue {
  switch (field) {
    case 'Id':
      return record.values.Id ?? null;
    case 'Type':
      return record.type === 'Group' ? 'Queue' : record.type;
    case 'Name':
    case 'NameOrAlias': {
      // The record's name field: Name for most objects, CaseNumber for a Case.
      const nameField = objectDef(record.type)?.fields.find((f) => f.nameField === true)?.name ?? 'Name';
      return store.value(record, nameField);
    }
    case 'FirstName':
    case 'LastName':
      return PERSON_TYPES.has(record.type) && store.visibleField(record.type, field)
        ? store.value(record, field)
        : null;
    default:
      if (USER_ONLY_NAME_FIELDS.has(field) && record.type !== 'User') return null;
      return store.visibleField(record.type, field) ? store.value(record, field) : null;
  }
}

export function pathValue(store: OrgStore, record: StoredRecord, path: FieldPath): SfValue {
  let current: StoredRecord | null = record;
  for (const hop of path.hops) {
    current = followHop(store, current, hop);
    if (!current) return null;
  }
  return path.nameEntity ? nameEntityValue(store, current, path.leaf.name) : store.value(current, path.leaf.name);
}

// ------------------------------------------------------------------ field capabilities

function isLongText(f: FieldDef): boolean {
  return (f.type === 'textarea' && (f.length ?? 0) > 255) || f.type === 'base64';
}

export function checkFilterable(ctx: EngineContext, path: FieldPath, offset: number | undefined): void {
  if (path.leaf.filterable !== false && !isLongText(path.leaf)) return;
  throw invalidFieldAt(ctx, offset, `field '${path.leaf.name}' can not be filtered in a query call`);
}

export function checkSortable(ctx: EngineContext, path: FieldPath, offset: number | undefined): void {
  if (path.leaf.sortable !== false && !isLongText(path.leaf)) return;
  throw invalidFieldAt(ctx, offset, `field '${path.leaf.name}' can not be sorted in a query call`);
}

export function checkGroupable(ctx: EngineContext, path: FieldPath, offset: number | undefined): void {
  if (!isLongText(path.leaf)) return;
  throw invalidFieldAt(ctx, offset, `field '${path.leaf.name}' can not be grouped in a query call`);
}

// ------------------------------------------------------------------ values and comparison

export type Kind = 'id' | 'string' | 'boolean' | 'number' | 'date' | 'datetime' | 'multipicklist';
export type Scalar = string | number;

export function kindOf(type: FieldType): Kind {
  switch (type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'boolean':
      return 'boolean';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'multipicklist':
      return 'multipicklist';
    default:
      return 'string';
  }
}

function typeName(type: FieldType): string {
  switch (type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'int':
      return 'integer';
    case 'double':
    case 'currency':
    case 'percent':
      return 'double';
    case 'datetime':
      return 'dateTime';
    case 'boolean':
    case 'date':
      return type;
    default:
      return 'string';
  }
}

/** A stored value as it compares: strings case-insensitively, ids by their 15-character form. */
export function normalize(kind: Kind, value: SfValue): Scalar | null {
  if (value === null) return null;
  switch (kind) {
    case 'id':
      return String(value).slice(0, 15);
    case 'boolean':
      return value === true ? 1 : 0;
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'date':
      return String(value).slice(0, 10);
    case 'datetime': {
      const ms = parseSfDateTime(String(value)).getTime();
      return Number.isNaN(ms) ? null : ms;
    }
    default:
      return String(value).toLowerCase();
  }
}

export function compareScalars(a: Scalar, b: Scalar): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

type Literal =
  | { k: 'null' }
  | { k: 'value'; v: Scalar }
  /** A date literal: [lo, hi] for date fields, [lo, hi) for datetime fields. */
  | { k: 'range'; lo: Scalar; hi: Scalar; hiInclusive: boolean }
  | { k: 'like'; re: RegExp }
  | { k: 'set'; parts: string[] };

/** Reads the escape sequence at `body[i]` (a backslash): the character(s) it stands for and its width. */
function readEscape(
  ctx: EngineContext,
  quoted: string,
  body: string,
  i: number,
  offset: number | undefined,
): { text: string; width: number } {
  const next = body.charAt(i + 1);
  const simple: Record<string, string> = {
    n: '\n',
    r: '\r',
    t: '\t',
    b: '\b',
    f: '\f',
    '\\': '\\',
    "'": "'",
    '"': '"',
    '%': '%',
    _: '_',
  };
  const mapped = simple[next];
  if (mapped !== undefined) return { text: mapped, width: 2 };
  if (next === 'u') {
    const hex = body.slice(i + 2, i + 6);
    if (/^[0-9a-fA-F]{4}$/.test(hex)) return { text: String.fromCharCode(Number.parseInt(hex, 16)), width: 6 };
  }
  throw syntaxError(
    ctx,
    offset,
    `Invalid string literal ${quoted}. Illegal character sequence \\${next} in string literal.`,
  );
}

/** Unescapes a SOQL string literal (with its quotes): \\ \' \" \n \r \t \b \f \uXXXX. */
export function unescapeString(ctx: EngineContext, quoted: string, offset: number | undefined): string {
  const body = quoted.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length;) {
    const c = body.charAt(i);
    if (c === '\\') {
      const escape = readEscape(ctx, quoted, body, i, offset);
      out += escape.text;
      i += escape.width;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** A LIKE pattern: `%` any run, `_` one character, `\%` and `\_` literal; case-insensitive. */
export function likePattern(ctx: EngineContext, quoted: string, offset: number | undefined): RegExp {
  const body = quoted.slice(1, -1);
  let source = '';
  for (let i = 0; i < body.length;) {
    const c = body.charAt(i);
    if (c === '\\') {
      const escape = readEscape(ctx, quoted, body, i, offset);
      source += escapeRegExp(escape.text);
      i += escape.width;
      continue;
    }
    source += c === '%' ? '.*' : c === '_' ? '.' : escapeRegExp(c);
    i += 1;
  }
  return new RegExp(`^${source}$`, 'isu');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const DAY = 86_400_000;

/** [start, end) in epoch ms (UTC) of a date literal relative to `now`. */
export function dateLiteralRange(now: Date, literal: string, n: number): [number, number] | undefined {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const today = Date.UTC(y, m, now.getUTCDate());
  const weekStart = today - now.getUTCDay() * DAY; // weeks start on Sunday (en_US)
  const q = Math.floor(m / 3) * 3;
  const days = (from: number, count: number): [number, number] => [today + from * DAY, today + (from + count) * DAY];
  const weeks = (from: number, count: number): [number, number] => [
    weekStart + from * 7 * DAY,
    weekStart + (from + count) * 7 * DAY,
  ];
  const months = (from: number, count: number): [number, number] => [
    Date.UTC(y, m + from, 1),
    Date.UTC(y, m + from + count, 1),
  ];
  const quarters = (from: number, count: number): [number, number] => [
    Date.UTC(y, q + 3 * from, 1),
    Date.UTC(y, q + 3 * (from + count), 1),
  ];
  const years = (from: number, count: number): [number, number] => [
    Date.UTC(y + from, 0, 1),
    Date.UTC(y + from + count, 0, 1),
  ];
  const name = literal.toUpperCase().replace('_FISCAL_', '_');
  switch (name) {
    case 'YESTERDAY':
      return days(-1, 1);
    case 'TODAY':
      return days(0, 1);
    case 'TOMORROW':
      return days(1, 1);
    case 'LAST_WEEK':
      return weeks(-1, 1);
    case 'THIS_WEEK':
      return weeks(0, 1);
    case 'NEXT_WEEK':
      return weeks(1, 1);
    case 'LAST_MONTH':
      return months(-1, 1);
    case 'THIS_MONTH':
      return months(0, 1);
    case 'NEXT_MONTH':
      return months(1, 1);
    case 'LAST_90_DAYS':
      return days(-90, 91); // includes today: 91 days in all
    case 'NEXT_90_DAYS':
      return days(1, 90);
    case 'LAST_QUARTER':
      return quarters(-1, 1);
    case 'THIS_QUARTER':
      return quarters(0, 1);
    case 'NEXT_QUARTER':
      return quarters(1, 1);
    case 'LAST_YEAR':
      return years(-1, 1);
    case 'THIS_YEAR':
      return years(0, 1);
    case 'NEXT_YEAR':
      return years(1, 1);
    case 'LAST_N_DAYS':
      return days(-n, n + 1);
    case 'NEXT_N_DAYS':
      return days(1, n);
    case 'N_DAYS_AGO':
      return days(-n, 1);
    case 'LAST_N_WEEKS':
      return weeks(-n, n);
    case 'NEXT_N_WEEKS':
      return weeks(1, n);
    case 'N_WEEKS_AGO':
      return weeks(-n, 1);
    case 'LAST_N_MONTHS':
      return months(-n, n);
    case 'NEXT_N_MONTHS':
      return months(1, n);
    case 'N_MONTHS_AGO':
      return months(-n, 1);
    case 'LAST_N_QUARTERS':
      return quarters(-n, n);
    case 'NEXT_N_QUARTERS':
      return quarters(1, n);
    case 'N_QUARTERS_AGO':
      return quarters(-n, 1);
    case 'LAST_N_YEARS':
      return years(-n, n);
    case 'NEXT_N_YEARS':
      return years(1, n);
    case 'N_YEARS_AGO':
      return years(-n, 1);
    default:
      return undefined;
  }
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function parseDateLiteral(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? ms : undefined;
}

function parseDateTimeLiteral(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) return undefined;
  const date = parseDateLiteral(text.slice(0, 10));
  if (date === undefined) return undefined;
  const ms = new Date(text.toUpperCase().replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

interface ComparisonInput {
  operator: string;
  value?: string | string[] | undefined;
  literalType?: LiteralType | LiteralType[] | undefined;
}

/**
 * Compiles `field <operator> literal(s)` into a test on the field's stored value. `field` gives the
 * type the literals must have; `offset` points errors at the field in the statement.
 */
export function compileComparison(
  ctx: EngineContext,
  field: FieldDef,
  input: ComparisonInput,
  offset: number | undefined,
): (value: SfValue) => boolean {
  const op = input.operator.toUpperCase();
  const kind = kindOf(field.type);
  const values = input.value === undefined ? [] : Array.isArray(input.value) ? input.value : [input.value];
  const types = Array.isArray(input.literalType) ? input.literalType : values.map(() => input.literalType);
  const wrongType = (notQuoted: boolean) =>
    filterError(
      ctx,
      offset,
      `value of filter criterion for field '${field.name}' must be of type ${typeName(field.type)} and should ${notQuoted ? 'not ' : ''}be enclosed in quotes`,
    );
  if ((op === 'INCLUDES' || op === 'EXCLUDES') && kind !== 'multipicklist') {
    throw filterError(ctx, offset, 'includes or excludes operator only valid on multipicklist field');
  }
  if (op === 'LIKE' && kind !== 'string' && kind !== 'id') {
    throw filterError(ctx, offset, `invalid operator on field '${field.name}': LIKE`);
  }
  const literals: Literal[] = values.map((raw, index) => {
    const type = types[index];
    switch (type) {
      case 'NULL':
        return { k: 'null' };
      case 'STRING': {
        if (kind !== 'string' && kind !== 'id' && kind !== 'multipicklist') throw wrongType(true);
        if (op === 'LIKE') return { k: 'like', re: likePattern(ctx, raw, offset) };
        const text = unescapeString(ctx, raw, offset);
        if (kind === 'multipicklist') return { k: 'set', parts: splitMulti(text) };
        if (text === '') return { k: 'null' };
        if (kind === 'id') {
          if (!isId(text)) throw filterError(ctx, offset, `invalid ID field: ${text}`);
          return { k: 'value', v: text.slice(0, 15) };
        }
        return { k: 'value', v: text.toLowerCase() };
      }
      case 'INTEGER':
      case 'DECIMAL':
      case 'INTEGER_WITH_CURRENCY_PREFIX':
      case 'DECIMAL_WITH_CURRENCY_PREFIX': {
        if (kind !== 'number') throw wrongType(kind !== 'string' && kind !== 'id' && kind !== 'multipicklist');
        return { k: 'value', v: Number(raw.replace(/^[A-Za-z]{3}/, '')) };
      }
      case 'BOOLEAN':
        if (kind !== 'boolean') throw wrongType(kind !== 'string' && kind !== 'id' && kind !== 'multipicklist');
        return { k: 'value', v: raw.toUpperCase() === 'TRUE' ? 1 : 0 };
      case 'DATE': {
        if (kind !== 'date') throw wrongType(kind !== 'string' && kind !== 'id' && kind !== 'multipicklist');
        if (parseDateLiteral(raw) === undefined) throw syntaxError(ctx, offset, `Invalid date: ${raw}`);
        return { k: 'value', v: raw };
      }
      case 'DATETIME': {
        if (kind !== 'datetime') throw wrongType(kind !== 'string' && kind !== 'id' && kind !== 'multipicklist');
        const ms = parseDateTimeLiteral(raw);
        if (ms === undefined) throw syntaxError(ctx, offset, `Invalid datetime: ${raw}`);
        return { k: 'value', v: ms };
      }
      case 'DATE_LITERAL':
      case 'DATE_N_LITERAL': {
        if (kind !== 'date' && kind !== 'datetime')
          throw wrongType(kind !== 'string' && kind !== 'id' && kind !== 'multipicklist');
        const [name = '', count = '0'] = raw.split(':');
        const range = dateLiteralRange(ctx.store.now(), name, Number(count));
        if (!range) throw syntaxError(ctx, offset, unexpectedToken(ctx, raw));
        return kind === 'date'
          ? { k: 'range', lo: isoDate(range[0]), hi: isoDate(range[1] - DAY), hiInclusive: true }
          : { k: 'range', lo: range[0], hi: range[1], hiInclusive: false };
      }
      case 'APEX_BIND_VARIABLE':
        throw syntaxError(ctx, offset, 'Bind variables only allowed in Apex code');
      default:
        throw syntaxError(ctx, offset, unexpectedToken(ctx, raw));
    }
  });

  const equals = (x: Scalar | null, lit: Literal): boolean => {
    switch (lit.k) {
      case 'null':
        return x === null;
      case 'value':
        return x !== null && compareScalars(x, lit.v) === 0;
      case 'range':
        return (
          x !== null &&
          compareScalars(x, lit.lo) >= 0 &&
          (lit.hiInclusive ? compareScalars(x, lit.hi) <= 0 : compareScalars(x, lit.hi) < 0)
        );
      case 'set':
        return x !== null && sameSet(splitMulti(String(x)), lit.parts);
      case 'like':
        return x !== null && lit.re.test(String(x));
    }
  };
  const ordered = (x: Scalar | null, lit: Literal | undefined): number | undefined => {
    // < 0: x before the literal, > 0: after, 0: inside (ranges) or equal; undefined: not comparable.
    if (x === null || !lit) return undefined;
    if (lit.k === 'value') return compareScalars(x, lit.v);
    if (lit.k === 'range') {
      if (compareScalars(x, lit.lo) < 0) return -1;
      const above = lit.hiInclusive ? compareScalars(x, lit.hi) > 0 : compareScalars(x, lit.hi) >= 0;
      return above ? 1 : 0;
    }
    return undefined;
  };
  const first = literals[0];
  const norm = (value: SfValue): Scalar | null => normalize(kind === 'multipicklist' ? 'string' : kind, value);

  switch (op) {
    case '=':
      return (value) => first !== undefined && equals(norm(value), first);
    case '!=':
    case '<>':
      return (value) => first !== undefined && !equals(norm(value), first);
    case '<':
      return (value) => (ordered(norm(value), first) ?? 0) < 0;
    case '<=':
      return (value) => {
        const c = ordered(norm(value), first);
        return c !== undefined && c <= 0;
      };
    case '>':
      return (value) => (ordered(norm(value), first) ?? 0) > 0;
    case '>=':
      return (value) => {
        const c = ordered(norm(value), first);
        return c !== undefined && c >= 0;
      };
    case 'IN':
      return (value) => {
        const x = norm(value);
        return literals.some((lit) => equals(x, lit));
      };
    case 'NOT IN':
      return (value) => {
        const x = norm(value);
        return !literals.some((lit) => equals(x, lit));
      };
    case 'LIKE':
      return (value) => value !== null && first?.k === 'like' && first.re.test(String(value));
    case 'INCLUDES':
    case 'EXCLUDES': {
      const includes = (value: SfValue) => {
        if (value === null) return false;
        const have = new Set(splitMulti(String(value)));
        return literals.some((lit) => lit.k === 'set' && lit.parts.every((p) => have.has(p)));
      };
      return op === 'INCLUDES' ? includes : (value) => !includes(value);
    }
    default:
      throw syntaxError(ctx, offset, unexpectedToken(ctx, input.operator));
  }
}

function splitMulti(text: string): string[] {
  return text
    .split(';')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '');
}

function sameSet(a: string[], b: string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}

// ------------------------------------------------------------------ WHERE / HAVING logic

type LogicToken =
  | { t: 'open' }
  | { t: 'close' }
  | { t: 'not' }
  | { t: 'and' | 'or'; nth: number }
  | { t: 'cond'; cond: Condition | ValueQueryCondition };

function isNegationOnly(left: Condition | ValueQueryCondition): left is NegationCondition {
  return !('field' in left) && !('fn' in left);
}

/**
 * soql-parser-js flattens parentheses into openParen/closeParen counts on a linear chain; this rebuilds
 * the expression tree. Salesforce requires parentheses when AND and OR are mixed ("unexpected token: OR").
 */
export function buildLogic<T>(
  ctx: EngineContext,
  clause: WhereClause | HavingClause,
  place: Place,
  compileCondition: (cond: Condition | ValueQueryCondition) => (row: T) => boolean,
): (row: T) => boolean {
  const tokens: LogicToken[] = [];
  const counts = { and: 0, or: 0 };
  let node: WhereClause | HavingClause | undefined = clause;
  while (node) {
    const left: Condition | ValueQueryCondition | null = node.left;
    if (left !== null) {
      for (let i = 0; i < (left.openParen ?? 0); i++) tokens.push({ t: 'open' });
      if (!isNegationOnly(left)) {
        tokens.push({ t: 'cond', cond: left });
        for (let i = 0; i < (left.closeParen ?? 0); i++) tokens.push({ t: 'close' });
      }
    }
    if ('operator' in node) {
      if (node.operator === 'NOT') tokens.push({ t: 'not' });
      else {
        const t = node.operator === 'AND' ? 'and' : 'or';
        tokens.push({ t, nth: counts[t]++ });
      }
      node = node.right;
    } else {
      node = undefined;
    }
  }

  let pos = 0;
  const fail = (): never => {
    throw syntaxError(
      ctx,
      ctx.source.find(place.scope, place.after ?? 'WHERE'),
      unexpectedToken(ctx, place.after ?? 'WHERE'),
    );
  };
  const parseUnary = (): ((row: T) => boolean) => {
    const token = tokens[pos];
    if (!token) return fail();
    pos += 1;
    switch (token.t) {
      case 'not': {
        const inner = parseUnary();
        return (row) => !inner(row);
      }
      case 'open': {
        const inner = parseExpr();
        if (tokens[pos]?.t !== 'close') return fail();
        pos += 1;
        return inner;
      }
      case 'cond':
        return compileCondition(token.cond);
      default:
        return fail();
    }
  };
  const parseExpr = (): ((row: T) => boolean) => {
    const parts = [parseUnary()];
    let mode: 'and' | 'or' | undefined;
    for (let token = tokens[pos]; token && (token.t === 'and' || token.t === 'or'); token = tokens[pos]) {
      if (mode !== undefined && mode !== token.t) {
        const keyword = token.t.toUpperCase();
        throw syntaxError(
          ctx,
          ctx.source.find(place.scope, keyword, { after: place.after, nth: token.nth }),
          unexpectedToken(ctx, keyword),
        );
      }
      mode = token.t;
      pos += 1;
      parts.push(parseUnary());
    }
    if (parts.length === 1 && parts[0]) return parts[0];
    return mode === 'or' ? (row) => parts.some((p) => p(row)) : (row) => parts.every((p) => p(row));
  };
  const predicate = parseExpr();
  if (pos !== tokens.length) fail();
  return predicate;
}

export interface WhereHooks {
  /** `field IN (SELECT …)` semi-joins; SOQL supplies it, SOSL has none. */
  semiJoin?: (cond: ValueQueryCondition, path: FieldPath, offset: number | undefined) => (value: SfValue) => boolean;
}

/** Compiles a WHERE clause over records of `object`. */
export function compileWhere(
  ctx: EngineContext,
  object: ObjectRef,
  where: WhereClause,
  scope: Scope,
  hooks: WhereHooks = {},
): (record: StoredRecord) => boolean {
  const place: Place = { scope, after: 'WHERE' };
  return buildLogic<StoredRecord>(ctx, where, place, (cond) => {
    if ('fn' in cond) {
      const raw = cond.fn.rawValue ?? cond.fn.functionName ?? '';
      throw syntaxError(
        ctx,
        ctx.source.find(scope, cond.fn.functionName ?? raw, { after: 'WHERE' }),
        `the emulated org does not support functions in WHERE: ${raw}`,
      );
    }
    if (!('field' in cond)) throw syntaxError(ctx, ctx.source.find(scope, 'WHERE'), unexpectedToken(ctx, 'WHERE'));
    const path = resolvePath(ctx, object, cond.field, place);
    const offset = ctx.source.find(scope, cond.field, { after: 'WHERE' });
    checkFilterable(ctx, path, offset);
    if ('valueQuery' in cond) {
      if (!hooks.semiJoin) throw syntaxError(ctx, offset, unexpectedToken(ctx, 'SELECT'));
      const test = hooks.semiJoin(cond, path, offset);
      return (record) => test(pathValue(ctx.store, record, path));
    }
    const test = compileComparison(ctx, path.leaf, cond, offset);
    return (record) => test(pathValue(ctx.store, record, path));
  });
}

// ------------------------------------------------------------------ ORDER BY

export interface SortKey<T> {
  key: (row: T) => Scalar | null;
  desc: boolean;
  nullsFirst: boolean;
}

export function orderList(orderBy: OrderByClause | OrderByClause[] | undefined): OrderByClause[] {
  if (!orderBy) return [];
  return Array.isArray(orderBy) ? orderBy : [orderBy];
}

/** How a field sorts: picklists in their defined order, text case-insensitively, the rest by value. */
export function sortKeyOf(field: FieldDef): (value: SfValue) => Scalar | null {
  const picklist = field.picklist;
  if (field.type === 'picklist' && picklist) {
    return (value) => {
      if (value === null) return null;
      const index = picklist.findIndex((p) => p.value === value);
      return index < 0 ? picklist.length : index;
    };
  }
  const kind = kindOf(field.type);
  return (value) => normalize(kind === 'id' ? 'string' : kind, value);
}

export function compileOrderBy(
  ctx: EngineContext,
  object: ObjectRef,
  orderBy: OrderByClause[],
  scope: Scope,
): SortKey<StoredRecord>[] {
  return orderBy.map((clause) => {
    if (!('field' in clause)) {
      const raw = clause.fn.rawValue ?? clause.fn.functionName ?? '';
      throw syntaxError(
        ctx,
        ctx.source.find(scope, clause.fn.functionName ?? raw, { after: 'ORDER' }),
        unexpectedToken(ctx, raw),
      );
    }
    const path = resolvePath(ctx, object, clause.field, { scope, after: 'ORDER' });
    checkSortable(ctx, path, ctx.source.find(scope, clause.field, { after: 'ORDER' }));
    const key = sortKeyOf(path.leaf);
    return sortDirection(clause, (record: StoredRecord) => key(pathValue(ctx.store, record, path)));
  });
}

export function sortDirection<T>(clause: OrderByClause, key: (row: T) => Scalar | null): SortKey<T> {
  const desc = clause.order?.toUpperCase() === 'DESC';
  const nulls = clause.nulls?.toUpperCase();
  // Salesforce's default: nulls first ascending, last descending.
  const nullsFirst = nulls === undefined ? !desc : nulls === 'FIRST';
  return { key, desc, nullsFirst };
}

export function sortRows<T>(rows: T[], keys: SortKey<T>[]): T[] {
  if (keys.length === 0) return rows;
  const decorated = rows.map((row, index) => ({ row, index, values: keys.map((k) => k.key(row)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const spec = keys[i];
      const x = a.values[i] ?? null;
      const y = b.values[i] ?? null;
      if (!spec || (x === null && y === null)) continue;
      if (x === null || y === null) return (x === null) === spec.nullsFirst ? -1 : 1;
      const c = compareScalars(x, y);
      if (c !== 0) return spec.desc ? -c : c;
    }
    return a.index - b.index;
  });
  return decorated.map((d) => d.row);
}

// ------------------------------------------------------------------ projection

export type SelectItem =
  | { kind: 'path'; path: FieldPath; label: boolean }
  | { kind: 'typeof'; hop: RelHop; branches: { type: string; fields: FieldDef[] }[]; otherwise: FieldDef[] | undefined }
  | { kind: 'custom'; key: string; fill: (row: QueryRow, record: StoredRecord) => void };

export function attributes(apiVersion: string, type: string, id: SfValue | undefined): { type: string; url: string } {
  return { type, url: `/services/data/${apiVersion}/sobjects/${type}/${String(id ?? '')}` };
}

/** Compiles a plain or dotted field of a select list. */
export function compilePathItem(ctx: EngineContext, object: ObjectRef, field: SoqlField, scope: Scope): SelectItem {
  if (field.type === 'Field') {
    if (field.alias !== undefined)
      throw syntaxError(ctx, ctx.source.find(scope, field.alias), unexpectedToken(ctx, field.alias));
    return { kind: 'path', path: resolvePath(ctx, object, rawOf(field), { scope }), label: false };
  }
  if (field.type === 'FieldRelationship') {
    return { kind: 'path', path: resolvePath(ctx, object, rawOf(field), { scope }), label: false };
  }
  throw syntaxError(ctx, undefined, unexpectedToken(ctx, field.type));
}

export function rawOf(field: SoqlField): string {
  if (field.type === 'Field') return 'rawValue' in field ? field.rawValue : field.field;
  if (field.type === 'FieldRelationship') return field.rawValue ?? [...field.relationships, field.field].join('.');
  return '';
}

/** Salesforce refuses a select list naming the same field twice. */
export function checkDuplicates(items: SelectItem[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    const key = item.kind === 'path' ? item.path.canonical : item.kind === 'typeof' ? item.hop.name : item.key;
    if (seen.has(key.toLowerCase())) throw errors.invalidField(`duplicate field selected: ${key}`);
    seen.add(key.toLowerCase());
  }
}

function labelOf(field: FieldDef, value: SfValue): SfValue {
  if (value === null) return null;
  return field.picklist?.find((p) => p.value === value)?.label ?? value;
}

/** A record as the REST API shows it: attributes, the selected fields, related records nested. */
export function projectRecord(ctx: EngineContext, type: string, record: StoredRecord, items: SelectItem[]): QueryRow {
  const { store } = ctx;
  const row: QueryRow = { attributes: attributes(ctx.apiVersion, type, record.values.Id) };
  const related = new Map<string, { record: StoredRecord; row: QueryRow } | null>();
  const follow = (hops: RelHop[]): { record: StoredRecord; row: QueryRow } | null => {
    let parent = { record, row };
    let prefix = '';
    for (const hop of hops) {
      prefix += `.${hop.name.toLowerCase()}`;
      let entry = related.get(prefix);
      if (entry === undefined) {
        const target = followHop(store, parent.record, hop);
        entry = target
          ? { record: target, row: { attributes: attributes(ctx.apiVersion, hopType(hop, target), target.values.Id) } }
          : null;
        related.set(prefix, entry);
        parent.row[hop.name] = entry ? entry.row : null;
      }
      if (!entry) return null;
      parent = entry;
    }
    return parent;
  };
  for (const item of items) {
    switch (item.kind) {
      case 'path': {
        const { path } = item;
        const owner = follow(path.hops);
        if (!owner) break;
        const value = path.nameEntity
          ? nameEntityValue(store, owner.record, path.leaf.name)
          : store.value(owner.record, path.leaf.name);
        owner.row[path.leaf.name] = item.label ? labelOf(path.leaf, value) : value;
        break;
      }
      case 'typeof': {
        const target = followHop(store, record, item.hop);
        if (!target) {
          row[item.hop.name] = null;
          break;
        }
        const nested: QueryRow = { attributes: attributes(ctx.apiVersion, target.type, target.values.Id) };
        const branch = item.branches.find((b) => b.type === target.type);
        for (const f of branch?.fields ?? item.otherwise ?? []) {
          nested[f.name] = branch ? store.value(target, f.name) : nameEntityValue(store, target, f.name);
        }
        row[item.hop.name] = nested;
        break;
      }
      case 'custom':
        item.fill(row, record);
        break;
    }
  }
  return row;
}

export function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nameEntityFields(): readonly FieldDef[] {
  return NAME_ENTITY_FIELDS;
}

export function emptyScope(): Scope {
  return { start: 0, end: 0, children: [] };
}
