/**
 * Salesforce record ids: 15 case-sensitive characters (3-char key prefix + instance + counter) plus a
 * 3-character case-insensitive checksum suffix that makes the 18-character form.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function checksumSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX.charAt(bits);
  }
  return suffix;
}

export function to18(id: string): string {
  if (id.length === 18) return id.slice(0, 15) + checksumSuffix(id.slice(0, 15));
  if (id.length === 15) return id + checksumSuffix(id);
  return id;
}

export const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** Compares a 15- or 18-character id with another, as Salesforce does. */
export function sameId(a: string, b: string): boolean {
  if (!isId(a) || !isId(b)) return false;
  return a.slice(0, 15) === b.slice(0, 15);
}

export function makeId(keyPrefix: string, counter: number, instance = '5g'): string {
  let n = counter;
  let digits = '';
  do {
    digits = BASE62.charAt(n % 62) + digits;
    n = Math.floor(n / 62);
  } while (n > 0);
  const body = `${keyPrefix}${instance}`;
  const id15 = body + digits.padStart(15 - body.length, '0');
  return id15 + checksumSuffix(id15);
}
