/**
 * soql-parser-js ships a UMD bundle: Node's ESM loader (the demo/e2e server under tsx) sees no named
 * exports in it, while Vite and Vitest do. Taking the functions off the default export works in both.
 */
import soqlParser from 'soql-parser-js';

export const { parseQuery } = soqlParser;
