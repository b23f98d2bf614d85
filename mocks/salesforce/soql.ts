/**
 * SOQL for the emulated org. Statements are parsed with soql-parser-js, compiled against the schema as
 * the current user sees it (object access, field-level security, Person Accounts), then evaluated over
 * the store. Errors carry Salesforce's codes and messages, including the "ERROR at Row:Column" prefix.
 */
import type {
  FieldFunctionExpression,
  FieldSubquery,
  FieldType as SoqlField,
  FieldTypeOf,
  GroupByClause,
  OrderByClause,
  Query,
  Subquery,
  ValueQueryCondition,
} from 'soql-parser-js';
import { parseQuery } from './soql-parser';
import { sfError } from './errors';
import {
  QuerySource,
  RELATIONSHIP_HINT,
  buildLogic,
  checkDuplicates,
  checkFilterable,
  checkGroupable,
  checkSortable,
  compareScalars,
  compileComparison,
  compileOrderBy,
  compilePathItem,
  compileWhere,
  emptyScope,
  invalidTypeAt,
  kindOf,
  nameEntityFields,
  noSuchColumn,
  normalize,
  orderList,
  pathParts,
  pathValue,
  projectRecord,
  rawOf,
  resolvePath,
  sortDirection,
  sortKeyOf,
  sortRows,
  syntaxError,
  unexpectedToken,
  type EngineContext,
  type FieldPath,
  type ObjectRef,
  type QueryRow,
  type Scope,
  type SelectItem,
  type SortKey,
} from './query-shared';
import { objectDef, type FieldDef, type ObjectDef } from './schema';
import type { OrgStore, SfValue, StoredRecord } from './store';

export type { QueryRow } from './query-shared';

export interface QueryResult {
  totalSize: number;
  done: boolean;
  records: QueryRow[];
}

/** Runs a SOQL statement; returns all rows (done: true), the router pages them. Throws SfApiError. */
export function runSoql(
  store: OrgStore,
  soql: string,
  options: { apiVersion: string; includeDeleted: boolean },
): QueryResult {
  const ctx: EngineContext = {
    store,
    apiVersion: options.apiVersion,
    source: new QuerySource(soql),
    syntaxCode: 'MALFORMED_QUERY',
  };
  const query = parseStatement(ctx, soql);
  const plan = compileQuery(ctx, query, ctx.source.root, 'outer');
  return execute(ctx, plan, options.includeDeleted);
}

// ------------------------------------------------------------------ parsing

function parseStatement(ctx: EngineContext, soql: string): Query {
  try {
    return parseQuery(soql);
  } catch (error) {
    throw parseFailure(ctx, error instanceof Error ? error.message : String(error));
  }
}

/**
 * Turns soql-parser-js's message into Salesforce's "unexpected token: X", pointed at the token. For a
 * statement composed from pieces of another (a SOSL RETURNING spec), `scope` limits where the token is
 * looked for and `mapOffset` maps lexer offsets back to the original text.
 */
export function parseFailure(
  ctx: EngineContext,
  message: string,
  options: { scope?: Scope; mapOffset?: (offset: number) => number | undefined } = {},
): ReturnType<typeof syntaxError> {
  const { source } = ctx;
  const scope = options.scope ?? source.root;
  const lexing = /unexpected character: ->(.)<- at offset: (\d+)/.exec(message);
  let token: string;
  let offset: number | undefined;
  if (lexing) {
    token = lexing[1] ?? '';
    const at = Number(lexing[2]);
    offset = options.mapOffset ? options.mapOffset(at) : at;
  } else {
    const found = /found:?\s*(?:-->\s*)?'([^']*)'/.exec(message)?.[1] ?? '';
    token = found === '' ? '<EOF>' : found;
    offset =
      found === ''
        ? Math.min(scope.end, source.text.trimEnd().length)
        : source.scopeTokens(scope).find((t) => t.text === found)?.start;
  }
  // A statement rejected at its first token gets the bare message (as for "SELEKT Name FROM Account").
  const first = source.tokens[0]?.start ?? 0;
  return syntaxError(
    ctx,
    offset === first && options.scope === undefined ? undefined : offset,
    unexpectedToken(ctx, token),
  );
}

// ------------------------------------------------------------------ compiling

type Level = 'outer' | 'child' | 'semi';

interface Aggregator {
  field: FieldDef;
  compute: (records: StoredRecord[]) => SfValue;
}

interface Group {
  records: StoredRecord[];
  keys: SfValue[];
}

interface AggregatePlan {
  groupBy: FieldPath[];
  outputs: { key: string; value: (group: Group) => SfValue }[];
  having: ((group: Group) => boolean) | undefined;
  order: SortKey<Group>[];
}

interface Plan {
  object: ObjectDef;
  ref: ObjectRef;
  items: SelectItem[];
  countOnly: boolean;
  aggregate: AggregatePlan | undefined;
  where: ((record: StoredRecord) => boolean) | undefined;
  order: SortKey<StoredRecord>[];
  limit: number | undefined;
  offset: number | undefined;
  /** ActivityHistories / OpenActivities subquery in the select list: one parent only. */
  activityRelationship: string | undefined;
}

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
const ACTIVITY_ORDER: Record<string, { text: string; keys: [string, string, string][] }> = {
  ActivityHistory: {
    text: 'ActivityDate DESC, LastModifiedDate DESC',
    keys: [
      ['activitydate', 'DESC', 'LAST'],
      ['lastmodifieddate', 'DESC', 'LAST'],
    ],
  },
  OpenActivity: {
    text: 'ActivityDate ASC NULLS LAST, LastModifiedDate DESC',
    keys: [
      ['activitydate', 'ASC', 'LAST'],
      ['lastmodifieddate', 'DESC', 'LAST'],
    ],
  },
};
const MAX_OFFSET = 2000;

function resolveObject(ctx: EngineContext, name: string | undefined, scope: Scope): ObjectDef {
  if (name === undefined) throw syntaxError(ctx, undefined, unexpectedToken(ctx, '<EOF>'));
  const offset = ctx.source.find(scope, name, { after: 'FROM' });
  const def = objectDef(name);
  if (def?.queryable === false && ctx.store.visibleObject(def.name)) {
    throw sfError(
      400,
      'INVALID_TYPE_FOR_OPERATION',
      ctx.source.decorate(offset, `entity type ${def.name} does not support query`),
    );
  }
  const visible = ctx.store.visibleObject(name);
  if (!visible) throw invalidTypeAt(ctx, offset, name);
  return visible;
}

function compileQuery(
  ctx: EngineContext,
  query: Query | Subquery,
  scope: Scope,
  level: Level,
  childObject?: ObjectDef,
): Plan {
  const object = childObject ?? resolveObject(ctx, 'sObject' in query ? query.sObject : undefined, scope);
  const ref: ObjectRef = { name: object.name, alias: query.sObjectAlias };
  const fields = query.fields ?? [];
  if (fields.length === 0) throw syntaxError(ctx, undefined, unexpectedToken(ctx, 'FROM'));

  // Scopes of subqueries in text order: select-list subqueries first, then semi-joins in WHERE.
  let nextChild = 0;
  const takeChild = () => scope.children[nextChild++] ?? emptyScope();

  const limit = query.limit;
  const offset = query.offset;
  if (offset !== undefined && offset > MAX_OFFSET) {
    throw sfError(400, 'NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  }

  const groupByClauses =
    query.groupBy === undefined ? [] : Array.isArray(query.groupBy) ? query.groupBy : [query.groupBy];
  const isCountAll = (f: SoqlField) =>
    f.type === 'FieldFunctionExpression' && f.functionName.toUpperCase() === 'COUNT' && f.parameters.length === 0;
  const countOnly = fields.some(isCountAll);
  if (countOnly && (fields.length > 1 || level === 'child')) {
    throw syntaxError(ctx, ctx.source.find(scope, 'COUNT'), 'COUNT() must be the only element in the SELECT list');
  }
  if (countOnly && groupByClauses.length > 0) {
    throw syntaxError(
      ctx,
      ctx.source.find(scope, 'COUNT'),
      "COUNT() can't be used with GROUP BY: use COUNT(fieldName)",
    );
  }
  const aggregateMode =
    !countOnly &&
    (groupByClauses.length > 0 ||
      fields.some((f) => f.type === 'FieldFunctionExpression' && AGGREGATES.has(f.functionName.toUpperCase())));
  if (aggregateMode && level !== 'outer') {
    throw syntaxError(ctx, ctx.source.find(scope, 'GROUP'), 'aggregate functions are not supported in subqueries');
  }

  let items: SelectItem[] = [];
  let activityRelationship: string | undefined;
  let aggregate: AggregatePlan | undefined;
  if (aggregateMode) {
    aggregate = compileAggregate(ctx, ref, query, fields, groupByClauses, scope);
  } else if (!countOnly) {
    for (const field of fields) {
      if (field.type === 'FieldSubquery') {
        if (level !== 'outer') throw syntaxError(ctx, undefined, unexpectedToken(ctx, 'SELECT'));
        const child = compileChild(ctx, object, ref, field, takeChild());
        if (child.activity) activityRelationship ??= child.activity;
        items.push(child.item);
      } else if (field.type === 'FieldTypeof') {
        items.push(compileTypeof(ctx, ref, field, scope));
      } else if (field.type === 'FieldFunctionExpression') {
        items = items.concat(compileFunctionField(ctx, ref, field, scope, limit));
      } else {
        items.push(compilePathItem(ctx, ref, field, scope));
      }
    }
    checkDuplicates(items);
  }

  const where = query.where
    ? compileWhere(ctx, ref, query.where, scope, {
        semiJoin: (cond, path, at) => compileSemiJoin(ctx, cond, path, at, takeChild()),
      })
    : undefined;
  const order = aggregate ? [] : compileOrderBy(ctx, ref, orderList(query.orderBy), scope);
  return { object, ref, items, countOnly, aggregate, where, order, limit, offset, activityRelationship };
}

/** toLabel(field) and FIELDS(ALL|STANDARD|CUSTOM) in a non-aggregate select list. */
function compileFunctionField(
  ctx: EngineContext,
  ref: ObjectRef,
  field: FieldFunctionExpression,
  scope: Scope,
  limit: number | undefined,
): SelectItem[] {
  const name = field.functionName.toUpperCase();
  const param = field.parameters[0];
  const at = ctx.source.find(scope, field.functionName);
  if (name === 'TOLABEL' && typeof param === 'string' && field.parameters.length === 1) {
    return [{ kind: 'path', path: resolvePath(ctx, ref, param, { scope }), label: true }];
  }
  if (name === 'FIELDS' && typeof param === 'string') {
    const which = param.toUpperCase();
    if (which !== 'ALL' && which !== 'STANDARD' && which !== 'CUSTOM')
      throw syntaxError(ctx, at, unexpectedToken(ctx, param));
    if (which !== 'STANDARD' && (limit === undefined || limit > 200)) {
      throw syntaxError(ctx, at, 'The SOQL FIELDS function must have a LIMIT of at most 200');
    }
    return ctx.store
      .visibleFields(ref.name)
      .filter((f) => which === 'ALL' || (which === 'CUSTOM') === (f.custom === true))
      .map((f) => ({ kind: 'path', path: resolvePath(ctx, { name: ref.name }, f.name, { scope }), label: false }));
  }
  if (AGGREGATES.has(name)) {
    throw syntaxError(ctx, at, 'aggregate functions are not supported here');
  }
  throw syntaxError(ctx, at, `the emulated org does not support the function ${field.functionName}() in a select list`);
}

function compileTypeof(ctx: EngineContext, ref: ObjectRef, field: FieldTypeOf, scope: Scope): SelectItem {
  const at = (word: string) => ctx.source.find(scope, word);
  const lookup = ctx.store
    .visibleFields(ref.name)
    .find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === field.field.toLowerCase());
  if (!lookup?.relationshipName) {
    throw noSuchColumn(ctx, at(field.field), field.field, ref.name);
  }
  const targets = lookup.referenceTo ?? [];
  const branches: { type: string; fields: FieldDef[] }[] = [];
  let otherwise: FieldDef[] | undefined;
  for (const condition of field.conditions) {
    if (condition.type === 'ELSE') {
      otherwise = condition.fieldList.map((name) => {
        const f = nameEntityFields().find((n) => n.name.toLowerCase() === name.toLowerCase());
        if (!f) throw noSuchColumn(ctx, at(name), name, 'Name');
        return f;
      });
      continue;
    }
    const typeName = condition.objectType ?? '';
    const def = ctx.store.visibleObject(typeName);
    if (!def || !targets.includes(def.name)) throw invalidTypeAt(ctx, at(typeName), typeName);
    branches.push({
      type: def.name,
      fields: condition.fieldList.map((name) => {
        const f = ctx.store.visibleField(def.name, name);
        if (!f) throw noSuchColumn(ctx, at(name), name, def.name);
        return f;
      }),
    });
  }
  return {
    kind: 'typeof',
    hop: { field: lookup, name: lookup.relationshipName, target: undefined },
    branches,
    otherwise,
  };
}

function compileChild(
  ctx: EngineContext,
  parent: ObjectDef,
  parentRef: ObjectRef,
  field: FieldSubquery,
  scope: Scope,
): { item: SelectItem; activity: string | undefined } {
  const sub = field.subquery;
  const prefix = sub.sObjectPrefix ?? [];
  const written = [...prefix, sub.relationshipName].join('.');
  const offset = ctx.source.find(scope, written, { after: 'FROM' });
  const misunderstood = () =>
    sfError(
      400,
      'INVALID_TYPE',
      ctx.source.decorate(
        offset,
        `Didn't understand relationship '${written}' in FROM part of query call. ${RELATIONSHIP_HINT}`,
      ),
    );
  const prefixOk =
    prefix.length === 0 ||
    (prefix.length === 1 &&
      [parent.name, parentRef.alias].some((n) => n !== undefined && n.toLowerCase() === prefix[0]?.toLowerCase()));
  const rel = parent.childRelationships.find(
    (r) => r.relationshipName.toLowerCase() === sub.relationshipName.toLowerCase(),
  );
  const childDef = rel ? ctx.store.visibleObject(rel.childSObject) : undefined;
  if (!prefixOk || !rel || !childDef) throw misunderstood();

  const activityOrder = ACTIVITY_ORDER[childDef.name];
  if (activityOrder) checkActivityRules(ctx, rel.relationshipName, childDef.name, sub, activityOrder);

  const plan = compileQuery(ctx, sub, scope, 'child', childDef);
  const key = rel.relationshipName;
  const item: SelectItem = {
    kind: 'custom',
    key,
    fill: (row, record) => {
      const children = window(
        sortRows(ctx.store.children(record, key).filter(plan.where ?? (() => true)), plan.order),
        plan.offset,
        plan.limit,
      );
      row[key] =
        children.length === 0
          ? null
          : {
              totalSize: children.length,
              done: true,
              records: children.map((child) => projectRecord(ctx, childDef.name, child, plan.items)),
            };
    },
  };
  return { item, activity: activityOrder ? key : undefined };
}

/** The rules Salesforce enforces on ActivityHistories / OpenActivities for users without View All Data. */
function checkActivityRules(
  ctx: EngineContext,
  relationship: string,
  childObject: string,
  sub: Subquery,
  expected: { text: string; keys: [string, string, string][] },
): void {
  const restriction = (detail: string) =>
    sfError(400, 'MALFORMED_QUERY', `There is an implementation restriction on ${relationship}. ${detail}`);
  if (sub.where) {
    throw restriction(
      "When you query this relationship, a WHERE clause isn't allowed in the subquery for users who don't have the View All Data permission.",
    );
  }
  if (sub.limit !== undefined && sub.limit > 500) {
    throw restriction(
      "When you query this relationship, the subquery's LIMIT can't exceed 500 for users who don't have the View All Data permission.",
    );
  }
  const actual = orderList(sub.orderBy).map((clause) => {
    if (!('field' in clause)) return '';
    const desc = clause.order?.toUpperCase() === 'DESC';
    const nulls = clause.nulls?.toUpperCase() ?? (desc ? 'LAST' : 'FIRST');
    return [
      pathParts(ctx, { name: childObject, alias: sub.sObjectAlias }, clause.field).join('.').toLowerCase(),
      desc ? 'DESC' : 'ASC',
      nulls,
    ].join(' ');
  });
  const wanted = expected.keys.map((k) => k.join(' '));
  if (actual.length !== wanted.length || actual.some((a, i) => a !== wanted[i])) {
    throw restriction(
      `When you query this relationship, security evaluation is implemented for users who don't have administrator permissions, and you must use a specific sort order: ${expected.text}`,
    );
  }
}

function compileSemiJoin(
  ctx: EngineContext,
  cond: ValueQueryCondition,
  path: FieldPath,
  offset: number | undefined,
  scope: Scope,
): (value: SfValue) => boolean {
  if (kindOf(path.leaf.type) !== 'id') {
    throw syntaxError(ctx, offset, `The semi join field '${path.leaf.name}' must be an ID or a reference`);
  }
  const inner = compileQuery(ctx, cond.valueQuery, scope, 'semi');
  const selected = inner.items[0];
  if (inner.items.length !== 1 || selected?.kind !== 'path' || kindOf(selected.path.leaf.type) !== 'id') {
    throw syntaxError(
      ctx,
      scope.start === scope.end ? offset : scope.start + 1,
      'The selected field in a semi join subquery must be a single ID or reference field',
    );
  }
  const negate = cond.operator.toUpperCase() === 'NOT IN';
  let ids: Set<string> | undefined;
  return (value) => {
    ids ??= new Set(
      matchingRecords(ctx, inner, false)
        .map((record) => pathValue(ctx.store, record, selected.path))
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.slice(0, 15)),
    );
    const hit = typeof value === 'string' && ids.has(value.slice(0, 15));
    return negate ? !hit : hit;
  };
}

function compileAggregate(
  ctx: EngineContext,
  ref: ObjectRef,
  query: Query | Subquery,
  fields: SoqlField[],
  groupByClauses: GroupByClause[],
  scope: Scope,
): AggregatePlan {
  const groupBy = groupByClauses.map((clause) => {
    if (!('field' in clause)) {
      const raw = clause.fn.rawValue ?? clause.fn.functionName ?? '';
      throw syntaxError(
        ctx,
        ctx.source.find(scope, clause.fn.functionName ?? raw, { after: 'GROUP' }),
        `the emulated org does not support GROUP BY ${raw}`,
      );
    }
    const path = resolvePath(ctx, ref, clause.field, { scope, after: 'GROUP' });
    checkGroupable(ctx, path, ctx.source.find(scope, clause.field, { after: 'GROUP' }));
    return path;
  });
  const groupIndex = (path: FieldPath) =>
    groupBy.findIndex((g) => g.canonical.toLowerCase() === path.canonical.toLowerCase());

  let expr = 0;
  const outputs: AggregatePlan['outputs'] = [];
  for (const field of fields) {
    if (field.type === 'Field' || field.type === 'FieldRelationship') {
      const raw = rawOf(field);
      const path = resolvePath(ctx, ref, raw, { scope });
      const index = groupIndex(path);
      if (index < 0)
        throw syntaxError(ctx, ctx.source.find(scope, raw), `Field must be grouped or aggregated: ${path.leaf.name}`);
      const alias = 'alias' in field ? field.alias : undefined;
      outputs.push({ key: alias ?? path.leaf.name, value: (group) => group.keys[index] ?? null });
    } else if (field.type === 'FieldFunctionExpression') {
      const aggregator = compileAggregator(ctx, ref, field.functionName, field.parameters, scope, undefined);
      const key = field.alias ?? `expr${expr++}`;
      outputs.push({ key, value: (group) => aggregator.compute(group.records) });
    } else {
      throw syntaxError(ctx, undefined, unexpectedToken(ctx, field.type === 'FieldSubquery' ? 'SELECT' : 'TYPEOF'));
    }
  }
  const seen = new Set<string>();
  for (const output of outputs) {
    if (seen.has(output.key.toLowerCase())) throw sfError(400, 'INVALID_FIELD', `duplicate alias: ${output.key}`);
    seen.add(output.key.toLowerCase());
  }

  const having = query.having
    ? buildLogic<Group>(ctx, query.having, { scope, after: 'HAVING' }, (cond) => {
        if ('fn' in cond) {
          const aggregator = compileAggregator(
            ctx,
            ref,
            cond.fn.functionName ?? '',
            cond.fn.parameters ?? [],
            scope,
            'HAVING',
          );
          const test = compileComparison(
            ctx,
            aggregator.field,
            cond,
            ctx.source.find(scope, cond.fn.functionName ?? '', { after: 'HAVING' }),
          );
          return (group) => test(aggregator.compute(group.records));
        }
        if ('valueQuery' in cond || !('field' in cond))
          throw syntaxError(ctx, ctx.source.find(scope, 'HAVING'), unexpectedToken(ctx, 'HAVING'));
        const path = resolvePath(ctx, ref, cond.field, { scope, after: 'HAVING' });
        const at = ctx.source.find(scope, cond.field, { after: 'HAVING' });
        const index = groupIndex(path);
        if (index < 0) throw syntaxError(ctx, at, `Field must be grouped or aggregated: ${path.leaf.name}`);
        checkFilterable(ctx, path, at);
        const test = compileComparison(ctx, path.leaf, cond, at);
        return (group) => test(group.keys[index] ?? null);
      })
    : undefined;

  const order = orderList(query.orderBy).map((clause: OrderByClause): SortKey<Group> => {
    if ('fn' in clause) {
      const aggregator = compileAggregator(
        ctx,
        ref,
        clause.fn.functionName ?? '',
        clause.fn.parameters ?? [],
        scope,
        'ORDER',
      );
      const key = sortKeyOf(aggregator.field);
      return sortDirection(clause, (group) => key(aggregator.compute(group.records)));
    }
    const path = resolvePath(ctx, ref, clause.field, { scope, after: 'ORDER' });
    const at = ctx.source.find(scope, clause.field, { after: 'ORDER' });
    const index = groupIndex(path);
    if (index < 0) throw syntaxError(ctx, at, `Ordered field must be grouped or aggregated: ${path.leaf.name}`);
    checkSortable(ctx, path, at);
    const key = sortKeyOf(path.leaf);
    return sortDirection(clause, (group) => key(group.keys[index] ?? null));
  });
  return { groupBy, outputs, having, order };
}

function compileAggregator(
  ctx: EngineContext,
  ref: ObjectRef,
  functionName: string,
  parameters: unknown[],
  scope: Scope,
  after: string | undefined,
): Aggregator {
  const name = functionName.toUpperCase();
  const at = ctx.source.find(scope, functionName, { after });
  const param = parameters[0];
  if (!AGGREGATES.has(name) || parameters.length !== 1 || typeof param !== 'string') {
    throw syntaxError(
      ctx,
      at,
      `the emulated org does not support ${functionName}(${parameters.map(String).join(', ')})`,
    );
  }
  const path = resolvePath(ctx, ref, param, { scope, after });
  const kind = kindOf(path.leaf.type);
  const values = (records: StoredRecord[]) =>
    records.map((r) => pathValue(ctx.store, r, path)).filter((v): v is string | number | boolean => v !== null);
  const numeric = (records: StoredRecord[]) => values(records).map(Number);
  switch (name) {
    case 'COUNT':
      return { field: { name: 'expr', label: 'expr', type: 'int' }, compute: (records) => values(records).length };
    case 'COUNT_DISTINCT':
      return {
        field: { name: 'expr', label: 'expr', type: 'int' },
        compute: (records) => new Set(values(records).map((v) => normalize(kind, v))).size,
      };
    case 'SUM':
    case 'AVG': {
      if (kind !== 'number')
        throw syntaxError(ctx, at, `field ${path.leaf.name} does not support aggregate operator ${name}`);
      return {
        field: { name: 'expr', label: 'expr', type: 'double' },
        compute: (records) => {
          const numbers = numeric(records);
          if (numbers.length === 0) return null;
          const sum = numbers.reduce((a, b) => a + b, 0);
          return name === 'SUM' ? sum : sum / numbers.length;
        },
      };
    }
    default: {
      if (kind === 'boolean' || kind === 'id' || kind === 'multipicklist') {
        throw syntaxError(ctx, at, `field ${path.leaf.name} does not support aggregate operator ${name}`);
      }
      const key = sortKeyOf(path.leaf);
      return {
        field: path.leaf,
        compute: (records) => {
          let best: SfValue = null;
          for (const record of records) {
            const value = pathValue(ctx.store, record, path);
            const k = key(value);
            if (k === null) continue;
            const bestKey = key(best);
            if (bestKey === null || (name === 'MIN' ? compareScalars(k, bestKey) < 0 : compareScalars(k, bestKey) > 0))
              best = value;
          }
          return best;
        },
      };
    }
  }
}

// ------------------------------------------------------------------ executing

function window<T>(rows: T[], offset: number | undefined, limit: number | undefined): T[] {
  const start = offset ?? 0;
  return rows.slice(start, limit === undefined ? undefined : start + limit);
}

function matchingRecords(ctx: EngineContext, plan: Plan, includeDeleted: boolean): StoredRecord[] {
  const rows = ctx.store.rows(plan.object.name, { includeDeleted });
  return plan.where ? rows.filter(plan.where) : rows;
}

function execute(ctx: EngineContext, plan: Plan, includeDeleted: boolean): QueryResult {
  const records = matchingRecords(ctx, plan, includeDeleted);
  if (plan.countOnly) {
    return { totalSize: window(records, plan.offset, plan.limit).length, done: true, records: [] };
  }
  if (plan.aggregate) {
    const rows = aggregateRows(ctx, plan.aggregate, records, plan);
    return { totalSize: rows.length, done: true, records: rows };
  }
  const selected = window(sortRows(records, plan.order), plan.offset, plan.limit);
  if (plan.activityRelationship !== undefined && selected.length > 1) {
    throw sfError(
      400,
      'MALFORMED_QUERY',
      `There is an implementation restriction on ${plan.activityRelationship}. Activity aggregate relationships only allow security evaluation for non-admin users when a single parent record is evaluated: the outer query must return exactly one record.`,
    );
  }
  const rows = selected.map((record) => projectRecord(ctx, plan.object.name, record, plan.items));
  return { totalSize: rows.length, done: true, records: rows };
}

function aggregateRows(ctx: EngineContext, aggregate: AggregatePlan, records: StoredRecord[], plan: Plan): QueryRow[] {
  let groups: Group[];
  if (aggregate.groupBy.length === 0) {
    groups = [{ records, keys: [] }];
  } else {
    const byKey = new Map<string, Group>();
    for (const record of records) {
      const keys = aggregate.groupBy.map((path) => pathValue(ctx.store, record, path));
      const id = JSON.stringify(keys.map((k, i) => normalize(kindOf(aggregate.groupBy[i]?.leaf.type ?? 'string'), k)));
      const group = byKey.get(id);
      if (group) group.records.push(record);
      else byKey.set(id, { records: [record], keys });
    }
    groups = [...byKey.values()];
  }
  if (aggregate.having) groups = groups.filter(aggregate.having);
  groups = window(sortRows(groups, aggregate.order), plan.offset, plan.limit);
  return groups.map((group) => {
    const row: QueryRow = { attributes: { type: 'AggregateResult' } };
    for (const output of aggregate.outputs) row[output.key] = output.value(group);
    return row;
  });
}
