/**
 * One set of guards for data that comes from outside the app's memory: config.json, what the frame storage
 * and IndexedDB give back (written by another version of the app, or corrupt), x-bees messages and
 * Salesforce answers. A guard says whether a value has a type; parsers build on them and copy only what they
 * understood. Nothing is cast after a spot check. No dependencies: the daemon imports this module.
 */

/** Whether a value from outside has the type `T`. */
export type Guard<T> = (value: unknown) => value is T;

/** The type a guard checks. */
export type Guarded<G> = G extends Guard<infer T> ? T : never;

/** A plain object (not null, not an array), whose fields can be read as `unknown`. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** A number that JSON can carry: not NaN, not ±Infinity. */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

/** One of the given values (an enum field: a state, a kind, a reason). */
export function oneOf<const T extends readonly (string | number | boolean | null)[]>(values: T): Guard<T[number]> {
  return (value): value is T[number] => values.some((allowed) => allowed === value);
}

export function nullable<T>(guard: Guard<T>): Guard<T | null> {
  return (value): value is T | null => value === null || guard(value);
}

/** A value that passes one of the guards (a union: `{ status: 'ok', … } | { status: 'unusable' }`). */
export function union<A, B>(a: Guard<A>, b: Guard<B>): Guard<A | B> {
  return (value): value is A | B => a(value) || b(value);
}

/** An array whose every item passes `guard`. */
export function arrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (value): value is T[] => Array.isArray(value) && (value as unknown[]).every((item) => guard(item));
}

const OPTIONAL: unique symbol = Symbol('optional');

/** A field of a {@link shape} that may be absent. */
export interface OptionalGuard<T> {
  (value: unknown): value is T | undefined;
  readonly [OPTIONAL]: true;
}

export function optional<T>(guard: Guard<T>): OptionalGuard<T> {
  const check = (value: unknown): value is T | undefined => value === undefined || guard(value);
  return Object.assign(check, { [OPTIONAL]: true as const });
}

type Fields = Record<string, Guard<unknown>>;
type OptionalKeys<S extends Fields> = { [K in keyof S]: S[K] extends OptionalGuard<unknown> ? K : never }[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The object type a {@link shape} of these fields checks. */
export type ShapeOf<S extends Fields> = Simplify<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Guarded<S[K]> } & {
    [K in OptionalKeys<S>]?: Exclude<Guarded<S[K]>, undefined>;
  }
>;

/**
 * A plain object whose listed fields pass their guards (other fields are allowed and left alone). Typed
 * `const isRow: Guard<Row> = shape({...})`, the compiler checks that the fields cover the type.
 */
export function shape<S extends Fields>(fields: S): Guard<ShapeOf<S>> {
  const entries = Object.entries(fields);
  return (value): value is ShapeOf<S> => isRecord(value) && entries.every(([key, guard]) => guard(value[key]));
}

// ------------------------------------------------------------------ config.json checks

/** Reports one problem of a settings file: where (its JSON path) and what is wrong. */
export type Problem = (path: string, message: string) => void;

/** Reports every key of `value` that is not one of `known` (path '' is the file's root). */
export function reportUnknownKeys(
  value: Record<string, unknown>,
  path: string,
  known: readonly string[],
  problem: Problem,
): void {
  for (const key of Object.keys(value))
    if (!known.includes(key)) problem(path ? `${path}.${key}` : key, `unknown key (allowed: ${known.join(', ')})`);
}

/** The section at `path`: an object, or null when it is absent (a problem when `required`) or not an object. */
export function sectionAt(
  value: unknown,
  path: string,
  required: boolean,
  problem: Problem,
): Record<string, unknown> | null {
  if (value === undefined && !required) return null;
  if (!isRecord(value)) {
    problem(path, 'must be an object');
    return null;
  }
  return value;
}
