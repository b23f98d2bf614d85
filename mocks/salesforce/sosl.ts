/**
 * SOSL and parameterized search for the emulated org. The search term is parsed into a small boolean
 * tree (words, "phrases", OR / AND / AND NOT, parentheses, `*` and `?` wildcards, `\` escapes) and
 * matched the way Salesforce's index does: text by whole words case-insensitively, phone fields by their
 * digits. Records enter the index `searchIndexLagMs` after they are written, so a just-created record is
 * found by SOQL at once but not yet by SOSL. RETURNING specs reuse the SOQL WHERE / ORDER BY machinery.
 */
import type { Query } from 'soql-parser-js';
import { parseQuery } from './soql-parser';
import { errors, sfError } from './errors';
import {
  QuerySource,
  attributes,
  checkDuplicates,
  compileOrderBy,
  compilePathItem,
  compileWhere,
  emptyScope,
  escapeRegExp,
  invalidTypeAt,
  isRecordObject,
  orderList,
  projectRecord,
  resolvePath,
  sortRows,
  syntaxError,
  unexpectedToken,
  type EngineContext,
  type ObjectRef,
  type QueryRow,
  type Scope,
  type SelectItem,
  type SortKey,
  type Token,
} from './query-shared';
import type { FieldDef, ObjectDef } from './schema';
import { parseFailure } from './soql';
import type { OrgStore, SfValue, StoredRecord } from './store';

export interface SearchMetadata {
  /** Spelled as in Salesforce's documentation example. */
  entityetadata: { entityName: string; fieldMetadata: { name: string; label: string }[] }[];
}

export interface SearchResult {
  searchRecords: QueryRow[];
  metadata?: SearchMetadata;
}

type SearchGroup = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE' | 'SIDEBAR';
const GROUPS: readonly SearchGroup[] = ['ALL', 'NAME', 'EMAIL', 'PHONE', 'SIDEBAR'];
const MAX_RESULTS = 2000;
const MAX_OFFSET = 2000;
/** Longer search terms lose their logical operators (AND becomes OR); far longer ones find nothing. */
const LOGIC_LIMIT = 4000;
const TERM_LIMIT = 10_000;
const BRACES = 'No search term found. The search term must be enclosed in braces.';

/** `GET /search?q=FIND {…} …`. Throws SfApiError. */
export function runSosl(store: OrgStore, sosl: string, options: { apiVersion: string }): SearchResult {
  const head = /^\s*FIND\b\s*/i.exec(sosl);
  if (!head) {
    const first = /\S+/.exec(sosl)?.[0] ?? '<EOF>';
    const ctx = context(store, options.apiVersion, new QuerySource(''));
    throw syntaxError(ctx, undefined, unexpectedToken(ctx, first));
  }
  const open = head[0].length;
  if (sosl.charAt(open) !== '{') throw errors.malformedSearch(BRACES);
  const close = closingBrace(sosl, open + 1);
  if (close < 0) throw errors.malformedSearch(BRACES);

  const ctx = context(store, options.apiVersion, new QuerySource(sosl, close + 1));
  const expression = parseSearchTerm(ctx, sosl.slice(open + 1, close));
  const statement = parseClauses(ctx);
  const specs = statement.returning
    ? statement.returning.map((spec) => compileReturning(ctx, spec))
    : searchableObjects(store).map((object) => plainSpec(object));
  return search(ctx, expression, statement.group, specs, statement.limit ?? MAX_RESULTS, statement.metadata);
}

/** `POST /parameterizedSearch` with Salesforce's JSON body. Throws SfApiError. */
export function runParameterizedSearch(store: OrgStore, body: unknown, options: { apiVersion: string }): SearchResult {
  const ctx = context(store, options.apiVersion, new QuerySource(''));
  if (!isRecordObject(body)) throw errors.jsonParser('Cannot deserialize the request body: expected a JSON object');
  const q = body.q;
  if (q === undefined || q === null || (typeof q === 'string' && q.trim() === '')) {
    throw errors.malformedSearch('Missing or empty required parameter: q');
  }
  if (typeof q !== 'string')
    throw errors.jsonParser(`Cannot deserialize instance of string from ${jsonKind(q)} value for field q`);
  const expression = parseSearchTerm(ctx, q);

  const group = optionalEnum(body, 'in') ?? 'ALL';
  const globalFields = optionalStrings(body, 'fields');
  const defaultLimit = optionalLimit(body, 'defaultLimit');
  const overallLimit = optionalLimit(body, 'overallLimit') ?? MAX_RESULTS;
  const metadata = body.metadata;
  if (metadata !== undefined && typeof metadata !== 'string') {
    throw errors.jsonParser(
      `Cannot deserialize instance of string from ${jsonKind(metadata)} value for field metadata`,
    );
  }
  const sobjects = body.sobjects;
  if (sobjects !== undefined && !Array.isArray(sobjects)) {
    throw errors.jsonParser(`Cannot deserialize instance of array from ${jsonKind(sobjects)} value for field sobjects`);
  }

  const requests: ParameterizedObject[] = sobjects
    ? sobjects.map((entry: unknown, index) => {
        if (!isRecordObject(entry))
          throw errors.jsonParser(
            `Cannot deserialize instance of object from ${jsonKind(entry)} value for field sobjects[${index}]`,
          );
        const name = entry.name;
        if (typeof name !== 'string' || name.trim() === '')
          throw errors.malformedSearch(`Missing or empty required parameter: sobjects[${index}].name`);
        return {
          name,
          fields: optionalStrings(entry, 'fields') ?? globalFields,
          limit: optionalLimit(entry, 'limit') ?? defaultLimit,
          where: optionalString(entry, 'where'),
          orderBy: optionalString(entry, 'orderBy'),
        };
      })
    : // Without sobjects every searchable object is searched; the global fields apply where the object has them.
      searchableObjects(store).map((object) => ({
        name: object.name,
        fields: globalFields?.filter((name) => store.visibleField(object.name, name) !== undefined),
        limit: defaultLimit,
        where: undefined,
        orderBy: undefined,
      }));
  const specs = requests.map((request) => compileParameterized(ctx, request));
  return search(ctx, expression, group, specs, overallLimit, metadata?.toUpperCase() === 'LABELS');
}

function context(store: OrgStore, apiVersion: string, source: QuerySource): EngineContext {
  return { store, apiVersion, source, syntaxCode: 'MALFORMED_SEARCH' };
}

function closingBrace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\') i += 1;
    else if (c === '}') return i;
  }
  return -1;
}

// ------------------------------------------------------------------ the search term

interface TermChar {
  c: string;
  escaped: boolean;
}

type SearchNode =
  | { t: 'term'; words: RegExp[]; digits: RegExp | undefined }
  | { t: 'and' | 'or'; parts: SearchNode[] }
  | { t: 'andnot'; left: SearchNode; right: SearchNode };

interface SearchExpression {
  root: SearchNode | undefined;
  /** Over 4,000 characters Salesforce drops the logical operators: AND becomes OR. */
  orOnly: boolean;
}

type TermToken = { k: 'text'; quoted: boolean; chars: TermChar[]; text: string } | { k: 'open' } | { k: 'close' };

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const WORD_CHAR = '[\\p{L}\\p{N}]';

function lexTerm(term: string): TermToken[] {
  const tokens: TermToken[] = [];
  let i = 0;
  const readChar = (): TermChar => {
    const c = term.charAt(i);
    if (c === '\\' && i + 1 < term.length) {
      i += 2;
      return { c: term.charAt(i - 1), escaped: true };
    }
    i += 1;
    return { c, escaped: false };
  };
  while (i < term.length) {
    const c = term.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ k: c === '(' ? 'open' : 'close' });
      i += 1;
    } else if (c === '"') {
      i += 1;
      const chars: TermChar[] = [];
      while (i < term.length && term.charAt(i) !== '"') chars.push(readChar());
      i += 1;
      tokens.push({ k: 'text', quoted: true, chars, text: chars.map((ch) => ch.c).join('') });
    } else {
      const chars: TermChar[] = [];
      while (i < term.length && !/\s/.test(term.charAt(i)) && !'()"'.includes(term.charAt(i))) chars.push(readChar());
      tokens.push({ k: 'text', quoted: false, chars, text: chars.map((ch) => ch.c).join('') });
    }
  }
  return tokens;
}

function operatorOf(token: TermToken | undefined): 'AND' | 'OR' | 'NOT' | undefined {
  if (token?.k !== 'text' || token.quoted || token.chars.some((ch) => ch.escaped)) return undefined;
  const upper = token.text.toUpperCase();
  return upper === 'AND' || upper === 'OR' || upper === 'NOT' ? upper : undefined;
}

/**
 * Index tokens of a term: letters and digits, split at punctuation (escaped reserved characters are
 * punctuation); unescaped `*` matches any run of word characters, `?` exactly one. A leading wildcard is
 * ignored (Salesforce has none).
 */
function compileTerm(chars: TermChar[]): SearchNode & { t: 'term' } {
  const words: RegExp[] = [];
  let current = '';
  let digits = '';
  let hasDigit = false;
  const flush = () => {
    if (current !== '' && current !== `${WORD_CHAR}*`) words.push(new RegExp(`^${current}$`, 'u'));
    current = '';
  };
  for (const [index, ch] of chars.entries()) {
    const wildcard = !ch.escaped && (ch.c === '*' || ch.c === '?');
    if (wildcard) {
      if (index === 0) continue;
      current += ch.c === '*' ? `${WORD_CHAR}*` : WORD_CHAR;
      digits += ch.c === '*' ? '\\d*' : '\\d';
    } else if (LETTER_OR_DIGIT.test(ch.c)) {
      current += escapeRegExp(ch.c.toLowerCase());
      if (/[0-9]/.test(ch.c)) {
        digits += ch.c;
        hasDigit = true;
      }
    } else {
      flush();
    }
  }
  flush();
  return { t: 'term', words, digits: hasDigit ? new RegExp(`^${digits}$`) : undefined };
}

function significantLength(tokens: TermToken[]): number {
  return tokens.reduce(
    (sum, token) =>
      token.k === 'text'
        ? sum +
          (operatorOf(token)
            ? 0
            : token.chars.filter((ch) => ch.escaped || (ch.c !== '*' && ch.c !== '?' && ch.c.trim() !== '')).length)
        : sum,
    0,
  );
}

function parseSearchTerm(ctx: EngineContext, term: string): SearchExpression {
  const tokens = lexTerm(term);
  if (significantLength(tokens) < 2) throw errors.malformedSearch('search term must be longer than one character');
  if (term.length > TERM_LIMIT) return { root: undefined, orOnly: false };

  let pos = 0;
  const fail = (token: TermToken | undefined): never => {
    const text = token === undefined ? '<EOF>' : token.k === 'open' ? '(' : token.k === 'close' ? ')' : token.text;
    throw errors.malformedSearch(unexpectedToken(ctx, text));
  };
  const startsOperand = (token: TermToken | undefined) =>
    token !== undefined && token.k !== 'close' && (operatorOf(token) === undefined || operatorOf(token) === 'NOT');
  const parseUnary = (): SearchNode | null => {
    const token = tokens[pos];
    if (token === undefined || operatorOf(token) !== undefined) return fail(token);
    pos += 1;
    if (token.k === 'open') {
      const inner = parseOr();
      if (tokens[pos]?.k !== 'close') return fail(tokens[pos]);
      pos += 1;
      return inner;
    }
    if (token.k === 'close') return fail(token);
    const compiled = compileTerm(token.chars);
    // A word of punctuation only (e.g. an unescaped "-") indexes to nothing and is dropped.
    return compiled.words.length === 0 && compiled.digits === undefined ? null : compiled;
  };
  const parseAnd = (): SearchNode | null => {
    let left = parseUnary();
    for (;;) {
      const op = operatorOf(tokens[pos]);
      if (op === 'AND' || op === 'NOT') {
        pos += 1;
        const negate = op === 'NOT' || (operatorOf(tokens[pos]) === 'NOT' && (pos += 1) > 0);
        const right = parseUnary();
        if (negate) left = right === null ? left : { t: 'andnot', left: left ?? { t: 'and', parts: [] }, right };
        else left = joinNodes('and', left, right);
      } else if (op === undefined && startsOperand(tokens[pos])) {
        left = joinNodes('and', left, parseUnary());
      } else {
        return left;
      }
    }
  };
  const parseOr = (): SearchNode | null => {
    let left = parseAnd();
    while (operatorOf(tokens[pos]) === 'OR') {
      pos += 1;
      left = joinNodes('or', left, parseAnd());
    }
    return left;
  };
  const root = parseOr();
  if (pos !== tokens.length) fail(tokens[pos]);
  if (root === null) throw errors.malformedSearch('search term must be longer than one character');
  return { root, orOnly: term.length > LOGIC_LIMIT };
}

function joinNodes(t: 'and' | 'or', left: SearchNode | null, right: SearchNode | null): SearchNode | null {
  if (left === null) return right;
  if (right === null) return left;
  const parts = left.t === t ? [...left.parts, right] : [left, right];
  return { t, parts };
}

// ------------------------------------------------------------------ matching

function indexTokens(value: string): string[] {
  return value
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

const EXTENSION = /\s*(?:x|ext\.?|extension|#)\s*\d+\s*$/i;

/** A phone's digits, with and without a trailing extension ("x123", "ext. 123"). */
function phoneDigits(value: string): { main: string; all: string } {
  const all = value.replace(/\D/g, '');
  const main = value.replace(EXTENSION, '').replace(/\D/g, '');
  return { main, all };
}

function termMatchesField(term: SearchNode & { t: 'term' }, field: FieldDef, value: SfValue): boolean {
  if (value === null || value === '') return false;
  const text = String(value);
  if (field.type === 'phone') {
    if (!term.digits) return false;
    const { main, all } = phoneDigits(text);
    return term.digits.test(main) || term.digits.test(all);
  }
  const words = term.words;
  if (words.length === 0) return false;
  const tokens = indexTokens(text);
  for (let i = 0; i + words.length <= tokens.length; i++) {
    if (words.every((re, j) => re.test(tokens[i + j] ?? ''))) return true;
  }
  return false;
}

function evaluate(
  node: SearchNode,
  orOnly: boolean,
  matchesTerm: (term: SearchNode & { t: 'term' }) => boolean,
): boolean {
  switch (node.t) {
    case 'term':
      return matchesTerm(node);
    case 'and':
      return orOnly
        ? node.parts.some((p) => evaluate(p, orOnly, matchesTerm))
        : node.parts.every((p) => evaluate(p, orOnly, matchesTerm));
    case 'or':
      return node.parts.some((p) => evaluate(p, orOnly, matchesTerm));
    case 'andnot':
      return orOnly
        ? evaluate(node.left, orOnly, matchesTerm) || evaluate(node.right, orOnly, matchesTerm)
        : evaluate(node.left, orOnly, matchesTerm) && !evaluate(node.right, orOnly, matchesTerm);
  }
}

/** The fields of a search group the user can see (FLS applies to search too). */
function searchFields(store: OrgStore, object: ObjectDef, group: SearchGroup): FieldDef[] {
  const search = object.search;
  if (!search) return [];
  const names =
    group === 'NAME'
      ? search.name
      : group === 'EMAIL'
        ? search.email
        : group === 'PHONE'
          ? search.phone
          : [...search.text, ...search.email, ...search.phone];
  const out: FieldDef[] = [];
  for (const name of new Set(names)) {
    const f = store.visibleField(object.name, name);
    if (f) out.push(f);
  }
  return out;
}

function searchableObjects(store: OrgStore): ObjectDef[] {
  return store.visibleObjects().filter((o) => o.search !== undefined && o.searchable !== false);
}

// ------------------------------------------------------------------ statement clauses

interface ReturningSpec {
  object: string;
  objectAt: number;
  /** The parenthesised part, when given. */
  inner: { open: number; close: number; split: number } | undefined;
}

interface Statement {
  group: SearchGroup;
  returning: ReturningSpec[] | undefined;
  limit: number | undefined;
  metadata: boolean;
}

function parseClauses(ctx: EngineContext): Statement {
  const tokens = ctx.source.tokens;
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const word = (token: Token | undefined) => (token?.kind === 'ident' ? token.text.toUpperCase() : undefined);
  const fail = (token: Token | undefined): never => {
    throw syntaxError(
      ctx,
      token?.start ?? ctx.source.text.trimEnd().length,
      unexpectedToken(ctx, token?.text ?? '<EOF>'),
    );
  };
  const expectWord = (...allowed: string[]): string => {
    const token = peek();
    const upper = word(token);
    if (upper === undefined || !allowed.includes(upper)) return fail(token);
    pos += 1;
    return upper;
  };

  const statement: Statement = { group: 'ALL', returning: undefined, limit: undefined, metadata: false };
  if (word(peek()) === 'IN') {
    pos += 1;
    statement.group = expectWord(...GROUPS) as SearchGroup;
    expectWord('FIELDS');
  }
  if (word(peek()) === 'RETURNING') {
    pos += 1;
    statement.returning = [];
    for (;;) {
      const objectToken = peek();
      if (objectToken?.kind !== 'ident') return fail(objectToken);
      pos += 1;
      let inner: ReturningSpec['inner'];
      if (peek()?.text === '(') {
        const open = peek()?.start ?? 0;
        let depth = 0;
        let split: number | undefined;
        for (; pos < tokens.length; pos++) {
          const token = tokens[pos];
          if (!token) break;
          if (token.text === '(') depth += 1;
          else if (token.text === ')') depth -= 1;
          else if (
            depth === 1 &&
            split === undefined &&
            ['WHERE', 'ORDER', 'LIMIT', 'OFFSET', 'USING'].includes(word(token) ?? '')
          )
            split = token.start;
          if (depth === 0) break;
        }
        const closeToken = tokens[pos];
        if (closeToken?.text !== ')') return fail(closeToken);
        pos += 1;
        inner = { open, close: closeToken.start, split: split ?? closeToken.start };
      }
      statement.returning.push({ object: objectToken.text, objectAt: objectToken.start, inner });
      if (peek()?.text !== ',') break;
      pos += 1;
    }
  }
  while (word(peek()) === 'WITH') {
    pos += 1;
    const what = expectWord(
      'METADATA',
      'DIVISION',
      'DATA',
      'NETWORK',
      'SNIPPET',
      'HIGHLIGHT',
      'SPELL_CORRECTION',
      'PRICEBOOKID',
      'USER_MODE',
      'SYSTEM_MODE',
    );
    let depth = 0;
    const valueTokens: Token[] = [];
    for (let token = peek(); token; token = peek()) {
      if (depth === 0 && ['WITH', 'LIMIT', 'UPDATE'].includes(word(token) ?? '')) break;
      if (token.text === '(') depth += 1;
      if (token.text === ')') depth -= 1;
      valueTokens.push(token);
      pos += 1;
    }
    if (what === 'METADATA') {
      const value = valueTokens
        .find((t) => t.kind === 'string')
        ?.text.slice(1, -1)
        .toUpperCase();
      statement.metadata = value === 'LABELS';
    }
  }
  if (word(peek()) === 'LIMIT') {
    pos += 1;
    const token = peek();
    if (token?.kind !== 'number' || !/^\d+$/.test(token.text)) return fail(token);
    statement.limit = Math.min(Number(token.text), MAX_RESULTS);
    pos += 1;
  }
  if (word(peek()) === 'UPDATE') {
    pos += 1;
    for (;;) {
      expectWord('TRACKING', 'VIEWSTAT');
      if (peek()?.text !== ',') break;
      pos += 1;
    }
  }
  if (pos < tokens.length) fail(peek());
  return statement;
}

// ------------------------------------------------------------------ per-object specs

interface CompiledSpec {
  object: ObjectDef;
  /** Undefined: Id only (no field list). */
  items: SelectItem[] | undefined;
  where: ((record: StoredRecord) => boolean) | undefined;
  order: SortKey<StoredRecord>[];
  limit: number | undefined;
  offset: number | undefined;
}

function plainSpec(object: ObjectDef): CompiledSpec {
  return { object, items: undefined, where: undefined, order: [], limit: undefined, offset: undefined };
}

function searchableObject(ctx: EngineContext, name: string, offset: number | undefined): ObjectDef {
  const object = ctx.store.visibleObject(name);
  if (!object) throw invalidTypeAt(ctx, offset, name);
  if (!object.search || object.searchable === false) {
    throw sfError(
      400,
      'INVALID_TYPE_FOR_OPERATION',
      ctx.source.decorate(offset, `entity type ${object.name} does not support search`),
    );
  }
  return object;
}

function compileReturning(ctx: EngineContext, spec: ReturningSpec): CompiledSpec {
  const object = searchableObject(ctx, spec.object, spec.objectAt);
  const inner = spec.inner;
  if (!inner) return plainSpec(object);
  const text = ctx.source.text;
  const fieldsText = text.slice(inner.open + 1, inner.split);
  if (fieldsText.trim() === '')
    throw syntaxError(ctx, inner.split, unexpectedToken(ctx, text.slice(inner.split, inner.split + 1) || '<EOF>'));
  const rest = text.slice(inner.split, inner.close);
  const head = `SELECT ${fieldsText} FROM ${object.name} `;
  const scope: Scope = { start: inner.open, end: inner.close + 1, children: [] };
  let query: Query;
  try {
    query = parseQuery(head + rest);
  } catch (error) {
    throw parseFailure(ctx, error instanceof Error ? error.message : String(error), {
      scope,
      mapOffset: (offset) => {
        const fieldsStart = 'SELECT '.length;
        if (offset >= fieldsStart && offset < fieldsStart + fieldsText.length)
          return inner.open + 1 + offset - fieldsStart;
        return offset >= head.length ? inner.split + offset - head.length : undefined;
      },
    });
  }
  return compileSpecQuery(ctx, object, query, scope);
}

function compileSpecQuery(ctx: EngineContext, object: ObjectDef, query: Query, scope: Scope): CompiledSpec {
  const ref: ObjectRef = { name: object.name };
  const items = (query.fields ?? []).map((field): SelectItem => {
    if (
      field.type === 'FieldFunctionExpression' &&
      field.functionName.toLowerCase() === 'tolabel' &&
      typeof field.parameters[0] === 'string'
    ) {
      return { kind: 'path', path: resolvePath(ctx, ref, field.parameters[0], { scope }), label: true };
    }
    if (field.type === 'Field' || field.type === 'FieldRelationship') return compilePathItem(ctx, ref, field, scope);
    const word =
      field.type === 'FieldFunctionExpression'
        ? field.functionName
        : field.type === 'FieldSubquery'
          ? 'SELECT'
          : 'TYPEOF';
    throw syntaxError(ctx, ctx.source.find(scope, word), unexpectedToken(ctx, word));
  });
  checkDuplicates(items);
  if (query.groupBy !== undefined || query.having !== undefined) {
    throw syntaxError(
      ctx,
      ctx.source.find(scope, 'GROUP') ?? ctx.source.find(scope, 'HAVING'),
      unexpectedToken(ctx, 'GROUP'),
    );
  }
  if (query.offset !== undefined && query.offset > MAX_OFFSET) {
    throw sfError(400, 'NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOSL offset allowed is ${MAX_OFFSET}`);
  }
  return {
    object,
    items,
    where: query.where ? compileWhere(ctx, ref, query.where, scope) : undefined,
    order: compileOrderBy(ctx, ref, orderList(query.orderBy), scope),
    limit: query.limit,
    offset: query.offset,
  };
}

interface ParameterizedObject {
  name: string;
  fields: string[] | undefined;
  limit: number | undefined;
  where: string | undefined;
  orderBy: string | undefined;
}

function compileParameterized(ctx: EngineContext, request: ParameterizedObject): CompiledSpec {
  const object = searchableObject(ctx, request.name, undefined);
  const ref: ObjectRef = { name: object.name };
  const scope = emptyScope();
  const names = request.fields ?? [];
  const items: SelectItem[] = names.map((name) => ({
    kind: 'path',
    path: resolvePath(ctx, ref, name, { scope }),
    label: false,
  }));
  // The response always carries the Id.
  if (!items.some((item) => item.kind === 'path' && item.path.canonical === 'Id')) {
    items.unshift({ kind: 'path', path: resolvePath(ctx, ref, 'Id', { scope }), label: false });
  }
  checkDuplicates(items);
  const clause = (prefix: string, text: string | undefined): Query | undefined => {
    if (text === undefined || text.trim() === '') return undefined;
    try {
      return parseQuery(`SELECT Id FROM ${object.name} ${prefix} ${text}`);
    } catch (error) {
      throw parseFailure(ctx, error instanceof Error ? error.message : String(error));
    }
  };
  const where = clause('WHERE', request.where)?.where;
  const orderBy = clause('ORDER BY', request.orderBy)?.orderBy;
  return {
    object,
    items,
    where: where ? compileWhere(ctx, ref, where, scope) : undefined,
    order: compileOrderBy(ctx, ref, orderList(orderBy), scope),
    limit: request.limit,
    offset: undefined,
  };
}

// ------------------------------------------------------------------ running

function search(
  ctx: EngineContext,
  expression: SearchExpression,
  group: SearchGroup,
  specs: CompiledSpec[],
  overallLimit: number,
  withMetadata: boolean,
): SearchResult {
  const { store } = ctx;
  const now = store.now().getTime();
  const perObject = specs.map((spec) => {
    const root = expression.root;
    if (!root) return [];
    const fields = searchFields(store, spec.object, group);
    const found = store.rows(spec.object.name).filter((record) => {
      if (record.indexedAt > now) return false; // not in the search index yet
      const values = new Map<string, SfValue>();
      const valueOf = (f: FieldDef) => {
        if (!values.has(f.name)) values.set(f.name, store.value(record, f.name));
        return values.get(f.name) ?? null;
      };
      return evaluate(root, expression.orOnly, (term) => fields.some((f) => termMatchesField(term, f, valueOf(f))));
    });
    const filtered = spec.where ? found.filter(spec.where) : found;
    const sorted = sortRows(filtered, spec.order);
    const start = spec.offset ?? 0;
    return sorted.slice(start, spec.limit === undefined ? undefined : start + spec.limit);
  });

  // An overall limit is shared evenly among the objects, in RETURNING order.
  const shares = perObject.map(() => 0);
  let remaining = Math.min(overallLimit, MAX_RESULTS);
  for (let progressed = true; remaining > 0 && progressed;) {
    progressed = false;
    perObject.forEach((rows, i) => {
      const share = shares[i] ?? 0;
      if (remaining > 0 && share < rows.length) {
        shares[i] = share + 1;
        remaining -= 1;
        progressed = true;
      }
    });
  }

  const searchRecords: QueryRow[] = [];
  specs.forEach((spec, i) => {
    const rows = (perObject[i] ?? []).slice(0, shares[i] ?? 0);
    for (const record of rows) {
      searchRecords.push(
        spec.items
          ? projectRecord(ctx, spec.object.name, record, spec.items)
          : {
              attributes: attributes(ctx.apiVersion, spec.object.name, record.values.Id),
              Id: record.values.Id ?? null,
            },
      );
    }
  });
  if (!withMetadata) return { searchRecords };
  return {
    searchRecords,
    metadata: {
      entityetadata: specs.map((spec) => ({
        entityName: spec.object.name,
        fieldMetadata: (spec.items ?? []).flatMap((item) =>
          item.kind === 'path' ? [{ name: item.path.canonical, label: item.path.leaf.label }] : [],
        ),
      })),
    },
  };
}

// ------------------------------------------------------------------ body validation

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'START_ARRAY';
  if (value === null) return 'VALUE_NULL';
  switch (typeof value) {
    case 'object':
      return 'START_OBJECT';
    case 'string':
      return 'VALUE_STRING';
    case 'number':
      return 'VALUE_NUMBER_INT';
    case 'boolean':
      return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
    default:
      return 'VALUE_EMBEDDED_OBJECT';
  }
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw errors.jsonParser(`Cannot deserialize instance of string from ${jsonKind(value)} value for field ${key}`);
  return value;
}

function optionalStrings(body: Record<string, unknown>, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw errors.jsonParser(
      `Cannot deserialize instance of array of string from ${jsonKind(value)} value for field ${key}`,
    );
  }
  return value;
}

function optionalLimit(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw errors.jsonParser(`Cannot deserialize instance of int from ${jsonKind(value)} value for field ${key}`);
  }
  if (value < 1) throw errors.malformedSearch(`Invalid ${key}: ${value}. It must be between 1 and ${MAX_RESULTS}.`);
  return Math.min(value, MAX_RESULTS);
}

function optionalEnum(body: Record<string, unknown>, key: string): SearchGroup | undefined {
  const value = optionalString(body, key);
  if (value === undefined) return undefined;
  const group = GROUPS.find((g) => g === value.toUpperCase());
  if (!group) {
    throw errors.jsonParser(
      `Cannot deserialize value of type SearchScope from String "${value}": value not one of declared Enum instance names: [${GROUPS.join(', ')}]`,
    );
  }
  return group;
}
