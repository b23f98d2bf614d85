import { beforeEach, describe, expect, it } from 'vitest';
import { runSosl } from '../../mocks/salesforce/sosl';
import { OrgStore } from '../../mocks/salesforce/store';
import { CORPUS, expectCode } from '../../mocks/testing/query-corpus';
import { comparePhones, normalizePhone, phoneSearchTerms } from '@/lib/phone';
import { SoqlError, soql, type Soql } from './soql';
import { SOSL_MAX_SEARCH_LENGTH, buildSosl, soslAnyOf, soslPhoneTerms, soslPrefix, soslTerm } from './sosl';

const V = 'v66.0';

describe('soslTerm()', () => {
  it.each([
    ['Ada', '"Ada"'],
    ['Ada Lovelace', '"Ada Lovelace"'],
    ['  Ada \n\t Lovelace  ', '"Ada Lovelace"'],
    ['Ada OR *', String.raw`"Ada OR \*"`],
    ['AND NOT x', '"AND NOT x"'],
    ['a-b', String.raw`"a\-b"`],
    [
      'x ? & | ! { } [ ] ( ) ^ ~ * : \\ " \' + -',
      String.raw`"x \? \& \| \! \{ \} \[ \] \( \) \^ \~ \* \: \\ \" \' \+ \-"`,
    ],
    ['?x', String.raw`"\?x"`],
    ['C#', '"C#"'],
    ['ab\u0000cd', '"ab cd"'],
    ['x\uD800y', '"x y"'],
  ])('%j → %s', (text, search) => {
    expect(soslTerm(text)).toBe(search);
  });

  it.each(['', ' ', 'a', ' a ', '*', '**', '-', '--', '?', '"', '\\\\', '😀😀', '\u0000\u0000', '\u200B\u200B'])(
    'refuses %j: too short to search',
    (text) => {
      expectCode(() => soslTerm(text), 'SEARCH_TOO_SHORT');
    },
  );

  it('accepts the longest text that fits and refuses longer', () => {
    expect(soslTerm('x'.repeat(SOSL_MAX_SEARCH_LENGTH - 2))).toHaveLength(SOSL_MAX_SEARCH_LENGTH);
    expectCode(() => soslTerm('x'.repeat(SOSL_MAX_SEARCH_LENGTH - 1)), 'SEARCH_TOO_LONG');
    // Escaping counts: 2,000 hyphens become 4,000 characters plus the quotes.
    expectCode(() => soslTerm(`a${'-'.repeat(2000)}`), 'SEARCH_TOO_LONG');
  });
});

describe('soslAnyOf()', () => {
  it('ORs quoted terms, drops duplicates, and builds a search buildSosl takes', () => {
    const search = soslAnyOf([
      soslTerm('ada@globex.example'),
      soslTerm('grace@globex.example'),
      soslTerm('ada@globex.example'),
    ]);
    expect(search).toBe('"ada@globex.example" OR "grace@globex.example"');
    expect(buildSosl({ find: search, in: 'EMAIL', returning: [{ object: 'Contact', fields: ['Id'] }] })).toContain(
      'FIND {"ada@globex.example" OR "grace@globex.example"} IN EMAIL FIELDS',
    );
  });

  it('refuses an empty list and an over-long search', () => {
    expectCode(() => soslAnyOf([]), 'EMPTY_LIST');
    const long = Array.from({ length: 200 }, (_, i) =>
      soslTerm(`someone.with.a.long.address.${String(i)}@example.com`),
    );
    expectCode(() => soslAnyOf(long), 'SEARCH_TOO_LONG');
  });
});

describe('soslPhoneTerms()', () => {
  it('ORs digit strings and drops duplicates', () => {
    expect(soslPhoneTerms(['4155550142', '14155550142', '4155550142'])).toBe('4155550142 OR 14155550142');
    expect(soslPhoneTerms(['02079460958'])).toBe('02079460958');
  });

  it.each([
    ['+14155550142'],
    ['415-555-0142'],
    ['415 555 0142'],
    ['4155550142*'],
    ['١٢٣٤٥'],
    ['１２３４５'],
    ['1'],
    [''],
    ['12 OR 1=1'],
    ['12} RETURNING User(Id) FIND {34'],
  ])('refuses %j', (term) => {
    expectCode(() => soslPhoneTerms(['4155550142', term]), 'INVALID_PHONE_TERM');
  });

  it('refuses an empty list and an over-long search', () => {
    expectCode(() => soslPhoneTerms([]), 'EMPTY_LIST');
    expectCode(
      () => soslPhoneTerms(Array.from({ length: 400 }, (_, i) => String(1_000_000_000 + i))),
      'SEARCH_TOO_LONG',
    );
  });
});

describe('buildSosl()', () => {
  it('builds the documented statement', () => {
    const sosl = buildSosl({
      find: soslPhoneTerms(['4155550142', '14155550142']),
      in: 'PHONE',
      returning: [
        {
          object: 'Lead',
          fields: ['Id', 'Name', 'Phone', 'MobilePhone'],
          where: soql`IsConverted = ${false}`,
          limit: 20,
        },
        {
          object: 'Contact',
          fields: ['Id', 'Name', 'Phone', 'MobilePhone', 'AccountId', 'Account.Name'],
          orderBy: soql`LastModifiedDate DESC`,
        },
        { object: 'Account', fields: ['Id', 'Name', 'Phone'] },
      ],
      limit: 50,
    });
    expect(sosl).toBe(
      'FIND {4155550142 OR 14155550142} IN PHONE FIELDS RETURNING Lead(Id, Name, Phone, MobilePhone WHERE IsConverted = FALSE LIMIT 20), ' +
        'Contact(Id, Name, Phone, MobilePhone, AccountId, Account.Name ORDER BY LastModifiedDate DESC), Account(Id, Name, Phone) LIMIT 50',
    );
    expect(runSosl(new OrgStore(), sosl, { apiVersion: V }).searchRecords).toEqual([]);
  });

  const base = { find: soslTerm('Ada'), in: 'ALL' as const };

  it.each(['User(Id), Contact', 'Contact(Id)', 'Account.Owner', '', 'FROM', 'Con tact'])(
    'refuses the object name %j',
    (object) => {
      expectCode(() => buildSosl({ ...base, returning: [{ object, fields: ['Id'] }] }), 'INVALID_IDENTIFIER');
    },
  );

  it.each(['Name) , User(Id', 'Id WHERE 1=1', 'Name LIMIT 1', ''])('refuses the field %j', (field) => {
    expectCode(
      () => buildSosl({ ...base, returning: [{ object: 'Contact', fields: ['Id', field] }] }),
      'INVALID_IDENTIFIER',
    );
  });

  it.each([0, -1, 2001, 1.5, Number.NaN])('refuses the limit %s', (limit) => {
    expectCode(
      () => buildSosl({ ...base, returning: [{ object: 'Contact', fields: ['Id'] }], limit }),
      'INVALID_LIMIT',
    );
    expectCode(
      () => buildSosl({ ...base, returning: [{ object: 'Contact', fields: ['Id'], limit }] }),
      'INVALID_LIMIT',
    );
  });

  it('refuses empty RETURNING and field lists, and a search group it does not know', () => {
    expectCode(() => buildSosl({ ...base, returning: [] }), 'EMPTY_LIST');
    expectCode(() => buildSosl({ ...base, returning: [{ object: 'Contact', fields: [] }] }), 'EMPTY_LIST');
    const group = 'ALL FIELDS RETURNING User(Id) FIND {x} IN ALL' as 'ALL';
    expectCode(
      () => buildSosl({ ...base, in: group, returning: [{ object: 'Contact', fields: ['Id'] }] }),
      'INVALID_VALUE',
    );
  });

  it.each([
    'x} RETURNING User(Id) FIND {y',
    '"a" OR b',
    '"a" AND "b"',
    '"a" OR "b" OR',
    '"unterminated',
    '"a\\"',
    'Ada',
    '12 OR x',
    '"a{b"',
  ])('refuses a search text not built here: %j', (text) => {
    const find = text as ReturnType<typeof soslTerm>;
    expectCode(
      () => buildSosl({ find, in: 'ALL', returning: [{ object: 'Contact', fields: ['Id'] }] }),
      'INVALID_VALUE',
    );
  });
});

// ------------------------------------------------------------------ the injection corpus, SOSL, against the emulated org

describe('SOSL injection corpus in the emulated org', () => {
  let store: OrgStore;
  let ada: string;
  beforeEach(() => {
    store = new OrgStore();
    ada = store.seed('Contact', {
      FirstName: 'Ada',
      LastName: 'Lovelace',
      Email: 'ada@example.com',
      Phone: '(415) 555-0142',
    });
    // A breakout into RETURNING User(Id) would find these.
    for (const name of ['x', 'y', 'Name', 'OR', 'User'])
      store.seed('User', {
        FirstName: 'Hostile',
        LastName: name,
        Username: `${name}@acme.test`,
        Email: `${name}@acme.test`,
      });
    store.seed('Lead', { FirstName: 'x', LastName: 'Lovelace', Company: 'x' });
  });

  const search = (find: ReturnType<typeof soslTerm>, where?: Soql) =>
    runSosl(
      store,
      buildSosl({
        find,
        in: 'ALL',
        returning: [{ object: 'Contact', fields: ['Id', 'LastName'], ...(where === undefined ? {} : { where }) }],
        limit: 200,
      }),
      { apiVersion: V },
    ).searchRecords;

  it.each(CORPUS.map((text) => [JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text), text]))(
    '%s is searched literally or refused',
    (_label, text) => {
      let find: ReturnType<typeof soslTerm>;
      try {
        find = soslTerm(text);
      } catch (error) {
        // Refused only for the documented reasons.
        expect(error).toBeInstanceOf(SoqlError);
        const code = (error as SoqlError).code;
        expect(['SEARCH_TOO_SHORT', 'SEARCH_TOO_LONG']).toContain(code);
        if (code === 'SEARCH_TOO_SHORT') expect(/[\p{L}\p{N}]/u.test(text) && text.trim().length >= 2).toBe(false);
        return;
      }
      const holder = store.seed('Contact', { FirstName: 'Holder', LastName: text });
      const found = search(find);
      for (const row of found) expect(row.attributes.type).toBe('Contact');
      expect(found.map((r) => r.Id)).toContain(holder);
      // Operators and wildcards in the text are plain words: only text with Ada's own words finds Ada.
      if (!/ada|lovelace/i.test(text)) expect(found.map((r) => r.Id)).not.toContain(ada);
      // The same text as a WHERE literal inside RETURNING excludes exactly the holder.
      const withoutHolder = search(find, soql`LastName != ${text}`);
      expect(withoutHolder.map((r) => r.Id)).not.toContain(holder);
      for (const row of withoutHolder) expect(row.attributes.type).toBe('Contact');
    },
  );

  it('finds the record whose name contains "} RETURNING User(Id) FIND {x" and no User', () => {
    const holder = store.seed('Contact', { FirstName: 'Eve', LastName: '} RETURNING User(Id) FIND {x' });
    const found = search(soslTerm('} RETURNING User(Id) FIND {x'));
    expect(found.map((r) => [r.attributes.type, r.Id])).toEqual([['Contact', holder]]);
  });

  it('searches operator words as words', () => {
    const holder = store.seed('Contact', { FirstName: 'Black', LastName: 'Or White' });
    expect(search(soslTerm('Black OR White')).map((r) => r.Id)).toEqual([holder]);
    expect(search(soslTerm('Ada OR Black'))).toEqual([]);
    expect(search(soslTerm('Ada AND NOT Lovelace'))).toEqual([]);
  });

  it('searches wildcards as characters', () => {
    expect(search(soslTerm('Lov*'))).toEqual([]);
    expect(search(soslTerm('Lovelac?'))).toEqual([]);
    expect(search(soslTerm('Lovelace')).map((r) => r.Id)).toEqual([ada]);
  });
});

describe('soslPrefix() for type-ahead', () => {
  let store: OrgStore;
  let ada: string;
  beforeEach(() => {
    store = new OrgStore();
    ada = store.seed('Contact', { FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com' });
    for (const name of ['x', 'Name', 'OR'])
      store.seed('User', {
        FirstName: 'Hostile',
        LastName: name,
        Username: `${name}@acme.test`,
        Email: `${name}@acme.test`,
      });
  });
  const search = (find: ReturnType<typeof soslPrefix>) =>
    runSosl(store, buildSosl({ find, in: 'NAME', returning: [{ object: 'Contact', fields: ['Id'] }] }), {
      apiVersion: V,
    }).searchRecords;

  it('matches every word as a prefix, in any order', () => {
    expect(soslPrefix('ada lov')).toBe('ada* lov*');
    expect(soslPrefix('J Smith or')).toBe('Smith* "or"');
    expect(search(soslPrefix('Ad')).map((r) => r.Id)).toEqual([ada]);
    expect(search(soslPrefix('ada lov')).map((r) => r.Id)).toEqual([ada]);
    expect(search(soslPrefix('lov ada')).map((r) => r.Id)).toEqual([ada]);
    expect(search(soslPrefix('ada xy'))).toEqual([]);
  });

  it.each(CORPUS.map((text) => [JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text), text]))(
    '%s never widens the search',
    (_label, text) => {
      let find: ReturnType<typeof soslPrefix>;
      try {
        find = soslPrefix(text);
      } catch (error) {
        expect(error).toBeInstanceOf(SoqlError);
        expect(['SEARCH_TOO_SHORT', 'SEARCH_TOO_LONG']).toContain((error as SoqlError).code);
        return;
      }
      const sosl = buildSosl({ find, in: 'NAME', returning: [{ object: 'Contact', fields: ['Id'] }] });
      const found = runSosl(store, sosl, { apiVersion: V }).searchRecords;
      for (const row of found) expect(row.attributes.type).toBe('Contact');
      if (!/\ba(d(a)?)?\b|\bl(o(v(e(l(a(c(e)?)?)?)?)?)?)?\b/i.test(text)) expect(found).toEqual([]);
    },
  );
});

describe('phone search end to end', () => {
  it('finds every stored format of a UK number; comparePhones tells the desk extension and other desks apart', () => {
    const store = new OrgStore();
    const formats = [
      '+44 20 7946 0958',
      '020 7946 0958',
      '0044 20 7946 0958',
      '(020) 7946-0958',
      '+44 (0)20 7946 0958',
    ];
    const same = formats.map((phone, i) => store.seed('Contact', { LastName: `UK ${i}`, Phone: phone }));
    const desk = store.seed('Contact', { LastName: 'Desk 12', Phone: '020 7946 0958 ext. 12' });
    const otherDesk = store.seed('Contact', { LastName: 'Desk 14', Phone: '+44 20 7946 0958 x14' });
    store.seed('Contact', { LastName: 'Other number', Phone: '+44 20 7946 0000' });
    store.seed('Contact', { LastName: 'Other country', Phone: '+1 207 946 0958' });

    const caller = normalizePhone('+44 20 7946 0958 ext. 12');
    if (!caller) throw new Error('the caller number must parse');
    const sosl = buildSosl({
      find: soslPhoneTerms(phoneSearchTerms(caller)),
      in: 'PHONE',
      returning: [{ object: 'Contact', fields: ['Id', 'Phone'] }],
    });
    const rows = runSosl(store, sosl, { apiVersion: V }).searchRecords;
    expect(rows.map((r) => r.Id).sort()).toEqual([...same, desk, otherDesk].sort());
    const match = new Map(rows.map((r) => [r.Id, comparePhones(String(r.Phone), caller)]));
    expect(match.get(desk)).toBe('exact');
    expect(match.get(otherDesk)).toBe('none');
    for (const rowId of same) expect(match.get(rowId)).toBe('extension');
  });
});
