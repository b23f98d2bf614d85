/**
 * What the signed-in user may see and do per object, from `GET /sobjects/{object}/describe` (which
 * reflects object permissions and field-level security: hidden fields are absent). Describes are large
 * and change rarely, so they are cached per org and user — in memory, and in the frame's storage so the
 * info frame and the daemon share them and a reload starts warm. Queries are built only from fields the
 * describe lists, so an org whose profiles hide a field never gets an INVALID_FIELD from us.
 */
import { arrayOf, isBoolean, isFiniteNumber, isString, nullable, shape, type Guard } from '@/lib/guards';
import { readJson, removeKey, storageKey, writeText } from '@/lib/storage';
import type { SalesforceClient } from './client';
import { SalesforceError } from './errors';

export interface FieldInfo {
  name: string;
  label: string;
  type: string;
  length: number;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  defaultedOnCreate: boolean;
  externalId: boolean;
  unique: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  picklistValues: { value: string; label: string; active: boolean; defaultValue: boolean }[];
}

export interface ObjectInfo {
  name: string;
  /** false when the object is unknown to the user (404 on describe): no access at all. */
  accessible: boolean;
  queryable: boolean;
  createable: boolean;
  updateable: boolean;
  fields: ReadonlyMap<string, FieldInfo>;
  childRelationships: string[];
}

const FRESH_MS = 60 * 60_000;
const MAX_AGE_MS = 24 * 60 * 60_000;

const bool = (value: unknown) => value === true;
const str = (value: unknown) => (typeof value === 'string' ? value : '');

function parseField(value: unknown): FieldInfo | null {
  if (typeof value !== 'object' || value === null) return null;
  const f = value as Record<string, unknown>;
  if (typeof f.name !== 'string') return null;
  return {
    name: f.name,
    label: str(f.label) || f.name,
    type: str(f.type),
    length: typeof f.length === 'number' ? f.length : 0,
    createable: bool(f.createable),
    updateable: bool(f.updateable),
    nillable: bool(f.nillable),
    defaultedOnCreate: bool(f.defaultedOnCreate),
    externalId: bool(f.externalId),
    unique: bool(f.unique),
    referenceTo: Array.isArray(f.referenceTo) ? f.referenceTo.filter((r): r is string => typeof r === 'string') : [],
    relationshipName: typeof f.relationshipName === 'string' ? f.relationshipName : null,
    picklistValues: Array.isArray(f.picklistValues)
      ? f.picklistValues.flatMap((p: unknown) => {
          if (typeof p !== 'object' || p === null) return [];
          const v = p as Record<string, unknown>;
          return typeof v.value === 'string'
            ? [
                {
                  value: v.value,
                  label: str(v.label) || v.value,
                  active: v.active !== false,
                  defaultValue: bool(v.defaultValue),
                },
              ]
            : [];
        })
      : [],
  };
}

/** Parses a describe answer; only what this app uses is kept (the whole answer is tens of KB). */
export function parseDescribe(json: unknown): ObjectInfo {
  if (typeof json !== 'object' || json === null) throw new Error('describe is not an object');
  const d = json as Record<string, unknown>;
  if (typeof d.name !== 'string' || !Array.isArray(d.fields)) throw new Error('describe has no name or fields');
  const fields = new Map<string, FieldInfo>();
  for (const raw of d.fields as unknown[]) {
    const field = parseField(raw);
    if (field) fields.set(field.name, field);
  }
  return {
    name: d.name,
    accessible: true,
    queryable: bool(d.queryable),
    createable: bool(d.createable),
    updateable: bool(d.updateable),
    fields,
    childRelationships: Array.isArray(d.childRelationships)
      ? d.childRelationships.flatMap((r: unknown) => {
          const name = typeof r === 'object' && r !== null ? (r as Record<string, unknown>).relationshipName : null;
          return typeof name === 'string' ? [name] : [];
        })
      : [],
  };
}

export function inaccessible(name: string): ObjectInfo {
  return {
    name,
    accessible: false,
    queryable: false,
    createable: false,
    updateable: false,
    fields: new Map(),
    childRelationships: [],
  };
}

interface Stored {
  at: number;
  info: Omit<ObjectInfo, 'fields'> & { fields: FieldInfo[] };
}

const isFieldInfo: Guard<FieldInfo> = shape({
  name: isString,
  label: isString,
  type: isString,
  length: isFiniteNumber,
  createable: isBoolean,
  updateable: isBoolean,
  nillable: isBoolean,
  defaultedOnCreate: isBoolean,
  externalId: isBoolean,
  unique: isBoolean,
  referenceTo: arrayOf(isString),
  relationshipName: nullable(isString),
  picklistValues: arrayOf(shape({ value: isString, label: isString, active: isBoolean, defaultValue: isBoolean })),
});

/** A describe as `serialize` stored it; anything else (an older format, a corrupt value) is dropped. */
const isStored: Guard<Stored> = shape({
  at: isFiniteNumber,
  info: shape({
    name: isString,
    accessible: isBoolean,
    queryable: isBoolean,
    createable: isBoolean,
    updateable: isBoolean,
    fields: arrayOf(isFieldInfo),
    childRelationships: arrayOf(isString),
  }),
});

function serialize(info: ObjectInfo, at: number): string {
  const stored: Stored = { at, info: { ...info, fields: [...info.fields.values()] } };
  return JSON.stringify(stored);
}

function deserialize(stored: unknown): { at: number; info: ObjectInfo } | null {
  if (!isStored(stored)) return null;
  return { at: stored.at, info: { ...stored.info, fields: new Map(stored.info.fields.map((f) => [f.name, f])) } };
}

export interface DescribeCacheOptions {
  client: SalesforceClient;
  storage: Storage;
  /** `${orgId}:${userId}`: describes reflect the user's profile. */
  scope: () => string | null;
  now?: () => number;
}

export class DescribeCache {
  private readonly memory = new Map<string, { at: number; info: ObjectInfo }>();
  private readonly inflight = new Map<string, Promise<ObjectInfo>>();
  private readonly now: () => number;

  constructor(private readonly options: DescribeCacheOptions) {
    this.now = options.now ?? (() => Date.now());
  }

  private key(objectName: string): string | null {
    const scope = this.options.scope();
    return scope ? storageKey('describe', `${scope}:${objectName}`) : null;
  }

  /** What is known now without a request (memory or storage, up to a day old), else null. */
  peek(objectName: string): ObjectInfo | null {
    const key = this.key(objectName);
    if (!key) return null;
    const hit = this.memory.get(key) ?? deserialize(readJson(this.options.storage, key));
    if (!hit || this.now() - hit.at > MAX_AGE_MS) return null;
    this.memory.set(key, hit);
    return hit.info;
  }

  /**
   * The object's describe: from cache when fresh; when older than an hour the cached answer is returned
   * and refreshed in the background. A 404 means the user can't see the object at all.
   */
  async get(objectName: string): Promise<ObjectInfo> {
    const key = this.key(objectName);
    if (!key)
      throw new SalesforceError({ status: 0, errorCode: 'NOT_SIGNED_IN', message: 'Not signed in to Salesforce' });
    const cached = this.peek(objectName);
    const hit = this.memory.get(key);
    if (cached && hit) {
      if (this.now() - hit.at > FRESH_MS) void this.fetch(objectName, key).catch(() => undefined);
      return cached;
    }
    return this.fetch(objectName, key);
  }

  /** Loads several describes in parallel (e.g. right after sign-in, off the critical path). */
  warm(objectNames: readonly string[]): Promise<void> {
    return Promise.allSettled(objectNames.map((name) => this.get(name))).then(() => undefined);
  }

  /** Forgets everything (sign-out, or a permission error that says the cache is stale). */
  invalidate(objectName?: string): void {
    for (const key of [...this.memory.keys()]) {
      if (!objectName || key.endsWith(`:${objectName}`)) {
        this.memory.delete(key);
        removeKey(this.options.storage, key);
      }
    }
  }

  private fetch(objectName: string, key: string): Promise<ObjectInfo> {
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.options.client
        .request(`/sobjects/${encodeURIComponent(objectName)}/describe`, {}, parseDescribe)
        .catch((error: unknown) => {
          if (error instanceof SalesforceError && error.status === 404) return inaccessible(objectName);
          throw error;
        })
        .then((info) => {
          const at = this.now();
          this.memory.set(key, { at, info });
          // A full or denied storage only costs a describe request next time.
          writeText(this.options.storage, key, serialize(info, at));
          return info;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }
}

/** The subset of `wanted` the user can read, in the order given. */
export function readableFields(info: ObjectInfo | null, wanted: readonly string[]): string[] {
  if (!info) return [...wanted];
  return wanted.filter((name) => {
    const root = name.split('.')[0] ?? name;
    // Relationship paths (Owner.Name) are readable when their lookup field is (OwnerId).
    if (name.includes('.')) return [...info.fields.values()].some((f) => f.relationshipName === root);
    return info.fields.has(name);
  });
}
