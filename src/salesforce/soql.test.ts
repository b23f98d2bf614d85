import { parseQuery, type WhereClause } from 'soql-parser-js';
import { describe, expect, it } from 'vitest';
import { runSoql } from '../../mocks/salesforce/soql';
import { OrgStore } from '../../mocks/salesforce/store';
import { CORPUS, expectCode } from '../../mocks/testing/query-corpus';
import { and, dateLiteral, fields, id, ident, like, or, soql, sub, type Soql, type SoqlValue } from './soql';

const V = 'v66.0';

// ------------------------------------------------------------------ test-side decoding (independent of soql.ts)

const NAMED: Readonly<Record<string, string>> = {
  n: '\n',
  N: '\n',
  r: '\r',
  R: '\r',
  t: '\t',
  T: '\t',
  b: '\b',
  B: '\b',
  f: '\f',
  F: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};
const ANY = Symbol('%');
const ONE = Symbol('_');
type LikeToken = string | typeof ANY | typeof ONE;

/** Decodes a SOQL string literal as Salesforce documents it; throws on anything it does not allow. */
function decodeLiteral(quoted: string, mode: 'string' | 'like' = 'string'): LikeToken[] {
  if (quoted.length < 2 || !quoted.startsWith("'") || !quoted.endsWith("'"))
    throw new Error(`not a quoted literal: ${quoted}`);
  const body = quoted.slice(1, -1);
  const out: LikeToken[] = [];
  const push = (text: string) => {
    const last = out.at(-1);
    if (typeof last === 'string') out[out.length - 1] = last + text;
    else out.push(text);
  };
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (c === "'") throw new Error(`unescaped quote at ${i}: the literal ends early`);
    if (c === '\\') {
      const next = body.charAt(i + 1);
      const named = NAMED[next];
      if (named !== undefined) push(named);
      else if (mode === 'like' && (next === '%' || next === '_')) push(next);
      else if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(body.slice(i + 2, i + 6))) {
        push(String.fromCharCode(Number.parseInt(body.slice(i + 2, i + 6), 16)));
        i += 4;
      } else throw new Error(`illegal escape \\${next}`);
      i += 1;
    } else if (mode === 'like' && c === '%') out.push(ANY);
    else if (mode === 'like' && c === '_') out.push(ONE);
    else push(c);
  }
  return out;
}

const decodeString = (quoted: string): string => decodeLiteral(quoted).join('');

interface ParsedCondition {
  field: string;
  operator: string;
  literalType: string;
  value: string | string[];
}

/** The WHERE tree as plain conditions joined by operators, failing on anything else (subqueries, NOT, functions). */
function conditions(where: WhereClause | undefined): { parts: ParsedCondition[]; operators: string[] } {
  const parts: ParsedCondition[] = [];
  const operators: string[] = [];
  for (let node: WhereClause | undefined = where; node;) {
    const left = node.left;
    if (!left || !('field' in left) || !('value' in left) || typeof left.literalType !== 'string')
      throw new Error(`unexpected condition ${JSON.stringify(left)}`);
    expect(left).not.toHaveProperty('openParen');
    expect(left).not.toHaveProperty('closeParen');
    parts.push({ field: left.field, operator: left.operator, literalType: left.literalType, value: left.value });
    if ('right' in node) {
      operators.push(node.operator);
      node = node.right;
    } else node = undefined;
  }
  return { parts, operators };
}

// ------------------------------------------------------------------ soql`…`

describe('soql tag', () => {
  it('turns each kind of value into its literal', () => {
    const query = soql`SELECT Id FROM Contact WHERE Email = ${'ada@example.com'} AND Id IN ${['a', 'b']} AND NumberOfEmployees > ${42} AND Amount = ${-1.5} AND IsDeleted = ${false} AND DoNotCall = ${true} AND Title = ${null} AND CreatedDate > ${new Date('2026-01-15T10:00:00Z')} LIMIT ${20}`;
    expect(query).toBe(
      "SELECT Id FROM Contact WHERE Email = 'ada@example.com' AND Id IN ('a','b') AND NumberOfEmployees > 42 AND Amount = -1.5 AND IsDeleted = FALSE AND DoNotCall = TRUE AND Title = NULL AND CreatedDate > 2026-01-15T10:00:00Z LIMIT 20",
    );
    expect(parseQuery(query).limit).toBe(20);
  });

  it('escapes string literals as Salesforce documents', () => {
    expect(soql`${'a\\b\'c"d\ne\rf\tg\bh\fi'}`).toBe(String.raw`'a\\b\'c\"d\ne\rf\tg\bh\fi'`);
    expect(soql`${'nul\u0000 esc\u001B del\u007F ls\u2028 rlo\u202E lone\uD800'}`).toBe(
      String.raw`'nul\u0000 esc\u001B del\u007F ls\u2028 rlo\u202E lone\uD800'`,
    );
    // LIKE wildcards are ordinary characters outside LIKE: escaping them there is an error in Salesforce.
    expect(soql`${'50%_off'}`).toBe("'50%_off'");
    expect(soql`${'Ünïcødé 😀'}`).toBe("'Ünïcødé 😀'");
  });

  it('writes dateTimes in UTC, to the second', () => {
    expect(soql`${new Date('2026-01-15T10:00:00.999+02:00')}`).toBe('2026-01-15T08:00:00Z');
    const early = new Date(Date.UTC(2000, 0, 2, 3, 4, 5));
    early.setUTCFullYear(5);
    expect(soql`${early}`).toBe('0005-01-02T03:04:05Z');
    expectCode(() => soql`${new Date('nope')}`, 'INVALID_DATE');
    expectCode(() => soql`${new Date(Date.UTC(10_000, 0, 1))}`, 'INVALID_DATE');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e21, 1e-7])(
    'rejects the number %s',
    (value) => {
      expectCode(() => soql`LIMIT ${value}`, 'INVALID_VALUE');
    },
  );

  it('writes -0 as 0', () => {
    expect(soql`${-0}`).toBe('0');
  });

  it('refuses empty lists, since IN () is invalid', () => {
    expectCode(() => soql`Id IN ${[]}`, 'EMPTY_LIST');
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['an object', { toString: () => "' OR 1=1" }],
    ['a nested list', [['a']]],
    ['null inside a list', ['a', null]],
    ['a bigint', 1n],
    ['a symbol', Symbol('x')],
    ['a function', () => 'x'],
    ['a forged fragment', Object.freeze({})],
    ['a field list inside a list', [fields(['Id'])]],
    ['a condition group inside a list', ['a', sub(soql`SELECT Id FROM User`)]],
  ])('refuses %s', (_label, value) => {
    // Values from outside TypeScript's view (parsed JSON, casts) are checked at run time too.
    const values: readonly unknown[] = [value];
    const build = soql as (strings: TemplateStringsArray, ...values: readonly unknown[]) => Soql;
    expectCode(() => build(Object.assign(['x = ', ''], { raw: ['x = ', ''] }), ...values), 'INVALID_VALUE');
  });

  it('quotes a built Soql passed as a value instead of splicing it (and TypeScript flags it)', () => {
    const condition = soql`Name = ${'x'}`;
    // @ts-expect-error -- a built Soql goes in through sub(), and() or or()
    const query = soql`SELECT Id FROM Contact WHERE Title = ${condition}`;
    expect(conditions(parseQuery(query).where).parts).toEqual([
      { field: 'Title', operator: '=', literalType: 'STRING', value: String.raw`'Name = \'x\''` },
    ]);
  });

  it('refuses queries over 100,000 characters', () => {
    expectCode(() => soql`SELECT Id FROM Contact WHERE Name = ${'x'.repeat(100_000)}`, 'QUERY_TOO_LONG');
    expect(soql`SELECT Id FROM Contact WHERE Name = ${'x'.repeat(99_000)}`).toHaveLength(99_000 + 38);
  });
});

describe('id()', () => {
  it.each(['0035g00000XyZab', '0035g00000XyZabAAB', '001000000000000AAA'])('accepts %s', (value) => {
    expect(soql`WHERE Id = ${id(value)}`).toBe(`WHERE Id = '${value}'`);
  });

  it.each([
    "001' OR '1'='1",
    '0035g00000XyZa',
    '0035g00000XyZabAA',
    '0035g00000XyZabAABC',
    '0035g00000XyZab ',
    ' 0035g00000XyZab',
    '0035g00000XyZ-bAAB',
    '0035g00000XyZäbAAB',
    '',
    '0035g00000XyZabAAB\n',
  ])('rejects %j', (value) => {
    expectCode(() => id(value), 'INVALID_ID');
  });

  it('makes validated lists', () => {
    const ids = ['0035g00000XyZabAAB', '00Q5g00000AbCdEEAV'];
    const { parts } = conditions(parseQuery(soql`SELECT Id FROM Contact WHERE Id IN ${ids.map(id)}`).where);
    expect(parts).toEqual([
      { field: 'Id', operator: 'IN', literalType: 'STRING', value: ["'0035g00000XyZabAAB'", "'00Q5g00000AbCdEEAV'"] },
    ]);
  });
});

describe('ident() and fields()', () => {
  it.each([
    'Id',
    'Name',
    'Owner.Name',
    'Account.Owner.Name',
    'conversationId__c',
    'ns__Field__c',
    'Parent__r.Name',
    'What.Type',
    'Last_Call__c',
  ])('accepts %s', (name) => {
    expect(soql`SELECT ${ident(name)} FROM Contact`).toBe(`SELECT ${name} FROM Contact`);
  });

  it.each([
    'Name) FROM User --',
    'Name, (SELECT Id FROM User)',
    'Id FROM User',
    '',
    ' Name',
    'Name ',
    '1Name',
    '_Name',
    'Owner..Name',
    'Owner.',
    '.Name',
    'Na-me',
    "Name'",
    'Näme',
    'Name\n',
    'FROM',
    'Owner.Select',
    'null',
  ])('rejects %j', (name) => {
    expectCode(() => ident(name), 'INVALID_IDENTIFIER');
    expectCode(() => fields(['Id', name]), 'INVALID_IDENTIFIER');
  });

  it('joins fields and drops duplicates case-insensitively', () => {
    const query = soql`SELECT ${fields(['Id', 'Name', 'id', 'Owner.Name', 'owner.name'])} FROM Contact`;
    expect(query).toBe('SELECT Id, Name, Owner.Name FROM Contact');
    expect(parseQuery(query).fields).toHaveLength(3);
  });

  it('refuses an empty field list', () => {
    expectCode(() => fields([]), 'EMPTY_LIST');
  });
});

describe('like()', () => {
  it.each<[{ prefix?: boolean; suffix?: boolean } | undefined, string]>([
    [undefined, "'Ada'"],
    [{ suffix: true }, "'Ada%'"],
    [{ prefix: true }, "'%Ada'"],
    [{ prefix: true, suffix: true }, "'%Ada%'"],
  ])('places wildcards as asked: %j', (options, expected) => {
    expect(soql`${like('Ada', options)}`).toBe(expected);
  });

  it('matches % and _ literally', () => {
    expect(soql`${like("50%_off\\'", { suffix: true })}`).toBe(String.raw`'50\%\_off\\\'%'`);
  });
});

describe('dateLiteral()', () => {
  it('writes a date-only literal', () => {
    const query = soql`SELECT Id FROM Task WHERE ActivityDate >= ${dateLiteral('2026-02-28')}`;
    expect(conditions(parseQuery(query).where).parts).toEqual([
      { field: 'ActivityDate', operator: '>=', literalType: 'DATE', value: '2026-02-28' },
    ]);
  });

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-1-1',
    '26-01-01',
    '2026-01-01T00:00:00Z',
    "2026-01-01' OR '1'='1",
    '2026-01-01 ',
    '',
  ])('rejects %j', (value) => {
    expectCode(() => dateLiteral(value), 'INVALID_DATE');
  });
});

describe('and(), or(), sub()', () => {
  it('composes built conditions in parentheses', () => {
    const filters = [soql`IsConverted = ${false}`, soql`Company = ${"x' OR '1'='1"}`];
    const query = soql`SELECT Id FROM Lead WHERE ${and(filters)} AND (${or([soql`Phone = ${'1'}`, soql`MobilePhone = ${'1'}`])})`;
    expect(query).toBe(
      String.raw`SELECT Id FROM Lead WHERE (IsConverted = FALSE) AND (Company = 'x\' OR \'1\'=\'1') AND ((Phone = '1') OR (MobilePhone = '1'))`,
    );
    const where = parseQuery(query).where;
    expect(where?.left).toMatchObject({ field: 'IsConverted', value: 'FALSE' });
  });

  it('nests a subquery', () => {
    const accounts = soql`SELECT Id FROM Account WHERE Name = ${"Bob's BBQ"}`;
    const query = soql`SELECT Id FROM Contact WHERE AccountId IN ${sub(accounts)}`;
    const where = parseQuery(query).where;
    expect(where?.left).toMatchObject({
      field: 'AccountId',
      operator: 'IN',
      literalType: 'SUBQUERY',
      valueQuery: { sObject: 'Account' },
    });
    expect(conditions(parseQuery(accounts).where).parts[0]?.value).toBe(String.raw`'Bob\'s BBQ'`);
  });

  it('refuses empty condition lists', () => {
    expectCode(() => and([]), 'EMPTY_LIST');
    expectCode(() => or([]), 'EMPTY_LIST');
  });
});

// ------------------------------------------------------------------ the injection corpus, SOQL

describe.each(CORPUS.map((text) => [JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text), text]))(
  'SOQL injection corpus: %s',
  (_label, text) => {
    it('stays one string literal equal to the input', () => {
      const { parts, operators } = conditions(parseQuery(soql`SELECT Id FROM Contact WHERE Email = ${text}`).where);
      expect(operators).toEqual([]);
      expect(parts).toHaveLength(1);
      expect(parts[0]).toMatchObject({ field: 'Email', operator: '=', literalType: 'STRING' });
      expect(decodeString(String(parts[0]?.value))).toBe(text);
    });

    it('does not disturb the conditions around it', () => {
      const query = soql`SELECT Id FROM Contact WHERE OwnerId = ${id('005000000000001AAA')} AND LastName = ${text} AND IsDeleted = ${false} LIMIT ${1}`;
      const { parts, operators } = conditions(parseQuery(query).where);
      expect(operators).toEqual(['AND', 'AND']);
      expect(parts.map(({ field, operator, literalType }) => [field, operator, literalType])).toEqual([
        ['OwnerId', '=', 'STRING'],
        ['LastName', '=', 'STRING'],
        ['IsDeleted', '=', 'BOOLEAN'],
      ]);
      expect(decodeString(String(parts[1]?.value))).toBe(text);
      expect(parseQuery(query).limit).toBe(1);
    });

    it('stays one LIKE pattern: the input literally, wildcards only where asked', () => {
      const { parts } = conditions(
        parseQuery(soql`SELECT Id FROM Contact WHERE Name LIKE ${like(text, { prefix: true, suffix: true })}`).where,
      );
      expect(parts).toHaveLength(1);
      expect(parts[0]).toMatchObject({ field: 'Name', operator: 'LIKE', literalType: 'STRING' });
      expect(decodeLiteral(String(parts[0]?.value), 'like')).toEqual([ANY, text, ANY]);
    });

    it('stays one list item', () => {
      const { parts } = conditions(
        parseQuery(soql`SELECT Id FROM Contact WHERE LastName IN ${[text, 'Lovelace']}`).where,
      );
      expect(parts).toHaveLength(1);
      const values = parts[0]?.value;
      expect(Array.isArray(values) ? values.map(decodeString) : values).toEqual([text, 'Lovelace']);
    });

    it('finds exactly the record holding the text in the emulated org', () => {
      const store = new OrgStore();
      const target = store.seed('Contact', { FirstName: 'Target', LastName: text });
      store.seed('Contact', { FirstName: 'Ada', LastName: 'Lovelace' });
      store.seed('Contact', { FirstName: 'Decoy', LastName: 'Decoy' });
      const ids = (query: Soql) =>
        runSoql(store, query, { apiVersion: V, includeDeleted: false }).records.map((r) => r.Id);
      expect(ids(soql`SELECT Id FROM Contact WHERE LastName = ${text}`)).toEqual([target]);
      expect(
        ids(soql`SELECT Id FROM Contact WHERE LastName LIKE ${like(text, { prefix: true, suffix: true })}`),
      ).toEqual([target]);
      expect(ids(soql`SELECT Id FROM Contact WHERE LastName != ${text} ORDER BY LastName`)).toHaveLength(2);
    });
  },
);

describe('SoqlValue', () => {
  it('covers lists of ids and dates', () => {
    const values: SoqlValue[] = [
      [id('0035g00000XyZabAAB'), 'x'],
      [new Date(Date.UTC(2026, 0, 1))],
      dateLiteral('2026-01-01'),
    ];
    expect(values.map((value) => soql`${value}`)).toEqual([
      "('0035g00000XyZabAAB','x')",
      '(2026-01-01T00:00:00Z)',
      '2026-01-01',
    ]);
  });
});
