/**
 * Query-building test material: hostile or awkward text for the SOQL and SOSL builders, and a check of
 * the builders' error codes.
 */
import { expect } from 'vitest';
import { SoqlError, type SoqlErrorCode } from '@/salesforce/soql';

/** Hostile or awkward text: each must stay one literal, byte for byte. */
export const CORPUS: readonly string[] = [
  "' OR Name != '",
  "\\' OR 1=1 --",
  "%' OR Id != null OR Name LIKE '%",
  "x' OR '1'='1",
  "'; DELETE FROM Contact; --",
  '\\',
  "\\\\'",
  'trailing backslash\\',
  '\\\\\\',
  "O'Brien",
  'say "hi" and \'bye\'',
  "'",
  '"',
  "''",
  '{',
  '}',
  '} RETURNING User(Id) FIND {x',
  '{x} OR {y}',
  '*',
  '?',
  'Ada*',
  'Jo?n',
  'OR',
  'AND NOT',
  'Ada AND NOT Lovelace',
  '-',
  '-x +y ~z ^2 [a] (b) !c &d |e :f',
  'x) OR (Name != null',
  ') FROM User --',
  'SELECT Id FROM User',
  'line\nbreak',
  'cr\r\nlf',
  '\ttab',
  '\u0000',
  'nul\u0000byte',
  'ctl \u0001\u0007\u001B\u001F\u007F\u0085\u009F',
  'bs\b ff\f vt\u000B',
  '%_%',
  '\\%\\_',
  '\\u0027 OR 1=1',
  '\\n',
  'Ünïcødé',
  'e\u0301 (decomposed)',
  'emoji 😀 family 👨‍👩‍👧',
  'שלום עולם',
  'مرحبا 123',
  'zero\u200Bwidth\u200Cjoin\uFEFF',
  '\u202Eevil\u202C text',
  '＇ OR 1=1 --',
  'line\u2028sep\u2029para',
  'lone \uD800 surrogate \uDFFF',
  '   padded   ',
  `long ${'\'\\"'.repeat(8000)}`,
];

/** The build throws a SoqlError with this code. */
export function expectCode(build: () => unknown, code: SoqlErrorCode): void {
  let caught: unknown;
  try {
    build();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SoqlError);
  expect((caught as SoqlError).code).toBe(code);
}
