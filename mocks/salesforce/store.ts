/**
 * The emulated org's data: records, per-user metadata visibility (object access, field-level security,
 * Person Accounts, the custom conversationId__c field) and record writes with Salesforce's validation,
 * derived fields, duplicate rules and unique constraints. No HTTP here: the router and the query engines
 * call into it.
 */
import { SfApiError, errors, sfError } from './errors';
import { isId, makeId, sameId, to18 } from './ids';
import {
  MASTER_RECORD_TYPE_ID,
  PERSON_ACCOUNT_RECORD_TYPE_ID,
  allObjects,
  fieldDef,
  objectDef,
  objectForId,
  requiredOnCreate,
  type FieldDef,
  type ObjectDef,
} from './schema';

export type SfValue = string | number | boolean | null;
export type SfValues = Record<string, SfValue>;

export interface StoredRecord {
  type: string;
  values: SfValues;
  /** Epoch ms from which SOSL finds the record (the search index is asynchronous). */
  indexedAt: number;
  /** Soft-deleted rows stay for queryAll. */
  deleted: boolean;
}

export interface ObjectPermissions {
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
}

export interface WriteContext {
  userId: string;
  /** `Sforce-Duplicate-Rule-Header: allowSave=true`. */
  allowSave?: boolean;
  /** The request's API version (`v66.0`), for the record URLs in a duplicate rule's answer. */
  apiVersion?: string;
}

export interface StoreSnapshot {
  tables: Map<string, Map<string, StoredRecord>>;
  counter: number;
  caseNumber: number;
}

const FULL_ACCESS: ObjectPermissions = { read: true, create: true, edit: true, delete: true };

/** Salesforce datetime format: `2026-01-15T10:00:00.000+0000`. */
export function sfDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

export function sfDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function parseSfDateTime(value: string): Date {
  return new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** System fields the store stamps on writes; an object without one (ContentDocumentLink, Group) doesn't get it. */
const AUDIT_FIELDS = [
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
];

function dropUndefinedAudit(def: ObjectDef, values: SfValues): void {
  for (const name of AUDIT_FIELDS) if (!fieldDef(def, name)) Reflect.deleteProperty(values, name);
}

export class OrgStore {
  private readonly tables = new Map<string, Map<string, StoredRecord>>();
  private counter = 1000;
  private caseNumber = 1000;

  // Metadata visibility for the signed-in user (test controls switch these).
  personAccountsEnabled = true;
  private readonly objectPermissions = new Map<string, ObjectPermissions>();
  /** `Object.Field` keys the user can't read (field-level security) or that were deleted from the org. */
  private readonly hiddenFields = new Set<string>();
  /** `Object.Field` keys the user can read but not edit. */
  private readonly readOnlyFields = new Set<string>();
  /** Milliseconds before a created or updated record is found by SOSL. */
  searchIndexLagMs = 0;
  /** The clock; tests may pin it. */
  now: () => Date = () => new Date();

  // ---------------------------------------------------------------- metadata visibility

  permissions(objectName: string): ObjectPermissions {
    const def = objectDef(objectName);
    if (!def) return { read: false, create: false, edit: false, delete: false };
    const base = this.objectPermissions.get(def.name) ?? FULL_ACCESS;
    return {
      read: base.read,
      create: base.read && base.create && def.createable !== false,
      edit: base.read && base.edit && def.updateable !== false,
      delete: base.read && base.delete && def.deletable !== false,
    };
  }

  setObjectPermissions(objectName: string, permissions: Partial<ObjectPermissions>): void {
    const def = this.requireDef(objectName);
    this.objectPermissions.set(def.name, { ...(this.objectPermissions.get(def.name) ?? FULL_ACCESS), ...permissions });
  }

  hideField(objectName: string, fieldName: string): void {
    this.hiddenFields.add(this.fieldKey(objectName, fieldName));
  }

  showField(objectName: string, fieldName: string): void {
    this.hiddenFields.delete(this.fieldKey(objectName, fieldName));
  }

  setFieldReadOnly(objectName: string, fieldName: string, readOnly: boolean): void {
    const key = this.fieldKey(objectName, fieldName);
    if (readOnly) this.readOnlyFields.add(key);
    else this.readOnlyFields.delete(key);
  }

  /** The object as the current user sees it, or undefined when it doesn't exist for them. */
  visibleObject(objectName: string): ObjectDef | undefined {
    const def = objectDef(objectName);
    if (!def || !this.permissions(def.name).read) return undefined;
    return def;
  }

  /** A field as the current user sees it (FLS, Person Accounts, deleted custom fields applied). */
  visibleField(objectName: string, fieldName: string): FieldDef | undefined {
    const def = this.visibleObject(objectName);
    if (!def) return undefined;
    const f = fieldDef(def, fieldName);
    if (!f) return undefined;
    if (f.personAccount && !this.personAccountsEnabled) return undefined;
    if (this.hiddenFields.has(`${def.name}.${f.name}`)) return undefined;
    if (this.readOnlyFields.has(`${def.name}.${f.name}`)) return { ...f, createable: false, updateable: false };
    return f;
  }

  visibleFields(objectName: string): FieldDef[] {
    const def = this.visibleObject(objectName);
    if (!def) return [];
    return def.fields.flatMap((f) => {
      const visible = this.visibleField(def.name, f.name);
      return visible ? [visible] : [];
    });
  }

  visibleObjects(): ObjectDef[] {
    return allObjects().filter((o) => this.permissions(o.name).read);
  }

  // ---------------------------------------------------------------- reading

  table(objectName: string): Map<string, StoredRecord> {
    const def = this.requireDef(objectName);
    // ContentDocument is the document side of ContentNote: one record, two views.
    const name = def.name === 'ContentDocument' ? 'ContentNote' : def.name;
    let table = this.tables.get(name);
    if (!table) {
      table = new Map();
      this.tables.set(name, table);
    }
    return table;
  }

  /**
   * Live rows of an object, in insertion order. Archived activities (IsArchived) are left out as /query
   * leaves them out; includeDeleted (queryAll) returns deleted and archived rows, includeArchived only the
   * archived ones too (the ActivityHistories view shows them).
   */
  rows(objectName: string, options: { includeDeleted?: boolean; includeArchived?: boolean } = {}): StoredRecord[] {
    const def = this.requireDef(objectName);
    if (def.name === 'ActivityHistory' || def.name === 'OpenActivity') return [];
    const all = options.includeDeleted === true;
    const archived = all || options.includeArchived === true;
    return [...this.table(def.name).values()].filter(
      (r) => (all || !r.deleted) && (archived || r.values.IsArchived !== true),
    );
  }

  /** A record by 15- or 18-character id, of any type. */
  get(id: string, options: { includeDeleted?: boolean } = {}): StoredRecord | undefined {
    if (!isId(id)) return undefined;
    const def = objectForId(id);
    if (!def) return undefined;
    const record = this.table(def.name).get(to18(id));
    if (!record || (record.deleted && options.includeDeleted !== true)) return undefined;
    return record;
  }

  /**
   * A field's value, including the derived ones (compound Name, IsClosed, IsWon, IsHighPriority,
   * Task.AccountId, LastActivityDate). `type` answers the polymorphic `Who.Type` / `What.Type`.
   */
  value(record: StoredRecord, fieldName: string): SfValue {
    const lower = fieldName.toLowerCase();
    const v = record.values;
    const t = record.type;
    switch (lower) {
      case 'name':
        if (t === 'Lead' || t === 'Contact' || t === 'User' || (t === 'Account' && v.IsPersonAccount === true)) {
          return [v.FirstName, v.LastName].filter((part) => typeof part === 'string' && part !== '').join(' ') || null;
        }
        break;
      case 'type':
        if (t !== 'Account' && t !== 'Task' && t !== 'Event' && t !== 'Group' && t !== 'Opportunity') return t;
        break;
      case 'isclosed':
        if (t === 'Task') return this.picklistFlag('Task', 'Status', v.Status, 'closed');
        if (t === 'Case') return this.picklistFlag('Case', 'Status', v.Status, 'closed');
        if (t === 'Opportunity') return this.stage(v.StageName)?.closed ?? false;
        if (t === 'Event') return true;
        break;
      case 'iswon':
        if (t === 'Opportunity') return this.stage(v.StageName)?.won ?? false;
        break;
      case 'ishighpriority':
        if (t === 'Task' || t === 'Event') return v.Priority === 'High';
        break;
      case 'accountid':
        if (t === 'Task' || t === 'Event') return this.activityAccountId(record);
        break;
      case 'lastactivitydate':
        if (t === 'Lead' || t === 'Contact' || t === 'Account' || t === 'Opportunity')
          return this.lastActivityDate(record);
        break;
      case 'isdeleted':
        return record.deleted;
      default:
        break;
    }
    const key = Object.keys(v).find((k) => k.toLowerCase() === lower);
    return key === undefined ? null : (v[key] ?? null);
  }

  /** All visible field values of a record, as the REST "read" resource shows them. */
  project(record: StoredRecord, fieldNames?: readonly string[]): SfValues {
    const names = fieldNames ?? this.visibleFields(record.type).map((f) => f.name);
    const out: SfValues = {};
    for (const name of names) {
      const f = this.visibleField(record.type, name);
      if (f) out[f.name] = this.value(record, f.name);
    }
    return out;
  }

  /**
   * Children for a child relationship (Contacts, Opportunities, Cases, CaseComments, Tasks, Events,
   * ActivityHistories, OpenActivities, OpportunityContactRoles). Activity views come back as
   * ActivityHistory/OpenActivity records built from Tasks and Events.
   */
  children(parent: StoredRecord, relationshipName: string): StoredRecord[] {
    const def = this.requireDef(parent.type);
    const rel = def.childRelationships.find((r) => r.relationshipName.toLowerCase() === relationshipName.toLowerCase());
    if (!rel) return [];
    const parentId = parent.values.Id as string;
    if (rel.childSObject === 'ActivityHistory' || rel.childSObject === 'OpenActivity') {
      const open = rel.childSObject === 'OpenActivity';
      const nowMs = this.now().getTime();
      return [...this.rows('Task', { includeArchived: true }), ...this.rows('Event', { includeArchived: true })]
        .filter((activity) => this.activityBelongsTo(activity, parent))
        .filter((activity) => {
          if (activity.type === 'Task') return open !== (this.value(activity, 'IsClosed') === true);
          const end = activity.values.EndDateTime ?? activity.values.ActivityDateTime;
          const past = typeof end === 'string' && parseSfDateTime(end).getTime() < nowMs;
          return open !== past;
        })
        .map((activity) => this.activityView(activity, open ? 'OpenActivity' : 'ActivityHistory'));
    }
    if (rel.childSObject === 'Task' || rel.childSObject === 'Event') {
      return this.rows(rel.childSObject).filter((activity) => this.activityBelongsTo(activity, parent));
    }
    return this.rows(rel.childSObject).filter((child) => {
      const ref = this.value(child, rel.field);
      return typeof ref === 'string' && sameId(ref, parentId);
    });
  }

  // ---------------------------------------------------------------- writing

  /** Inserts a record as the API does; returns the new id. Throws SfApiError with Salesforce's body. */
  create(objectName: string, input: Record<string, unknown>, ctx: WriteContext): string {
    const def = this.requireVisibleObject(objectName);
    if (!this.permissions(def.name).create) throw insufficientAccess(def.name);
    const values = this.validateWrite(def, input, 'create');
    const now = this.now();
    const stamp = sfDateTime(now);
    const id = this.nextId(def.keyPrefix);
    const record: StoredRecord = {
      type: def.name,
      values: {
        ...this.defaults(def, ctx),
        ...values,
        Id: id,
        IsDeleted: false,
        CreatedDate: stamp,
        CreatedById: ctx.userId,
        LastModifiedDate: stamp,
        LastModifiedById: ctx.userId,
        SystemModstamp: stamp,
      },
      indexedAt: now.getTime() + this.searchIndexLagMs,
      deleted: false,
    };
    dropUndefinedAudit(def, record.values);
    this.applyDerivedOnWrite(record, values, true);
    this.checkRequired(def, record);
    this.checkIntegrity(record);
    this.checkUnique(def, record);
    if (!ctx.allowSave) this.checkDuplicates(record, ctx.apiVersion ?? 'v66.0');
    this.table(def.name).set(id, record);
    if (def.name === 'Account' && record.values.IsPersonAccount === true) this.attachPersonContact(record, ctx);
    return id;
  }

  update(objectName: string, id: string, input: Record<string, unknown>, ctx: WriteContext): void {
    const def = this.requireVisibleObject(objectName);
    const record = this.requireRecord(def, id);
    if (!this.permissions(def.name).edit) throw insufficientAccess(def.name);
    if (def.name === 'Lead' && record.values.IsConverted === true) {
      throw sfError(400, 'CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead', []);
    }
    const values = this.validateWrite(def, input, 'update');
    const next: StoredRecord = { ...record, values: { ...record.values, ...values } };
    this.applyDerivedOnWrite(next, values, false);
    this.checkRequired(def, next);
    this.checkIntegrity(next);
    this.checkUnique(def, next);
    const stamp = sfDateTime(this.now());
    next.values.LastModifiedDate = stamp;
    next.values.LastModifiedById = ctx.userId;
    next.values.SystemModstamp = stamp;
    dropUndefinedAudit(def, next.values);
    next.indexedAt = Math.max(record.indexedAt, this.now().getTime() + this.searchIndexLagMs);
    this.table(def.name).set(next.values.Id as string, next);
  }

  delete(objectName: string, id: string): void {
    const def = this.requireVisibleObject(objectName);
    const record = this.table(def.name).get(to18(id));
    if (!record) throw errors.notFound();
    if (record.deleted) throw errors.entityIsDeleted();
    if (!this.permissions(def.name).delete) throw insufficientAccess(def.name);
    record.deleted = true;
    record.values.IsDeleted = true;
  }

  /** Rows whose external-id field equals the value (case-sensitive, as a unique text field is). */
  findByExternalId(objectName: string, fieldName: string, value: string): StoredRecord[] {
    const def = this.requireVisibleObject(objectName);
    const f = this.visibleField(def.name, fieldName);
    if (!f || (f.externalId !== true && f.idLookup !== true)) {
      throw sfError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${fieldName}`);
    }
    if (f.name === 'Id') {
      const record = this.get(value);
      return record?.type === def.name ? [record] : [];
    }
    return this.rows(def.name).filter((r) => r.values[f.name] === value);
  }

  /** Seeding bypasses validation and permissions but keeps derived fields consistent. */
  seed(objectName: string, values: SfValues, options: { id?: string } = {}): string {
    const def = this.requireDef(objectName);
    const id = options.id ?? this.nextId(def.keyPrefix);
    const stamp = sfDateTime(this.now());
    const record: StoredRecord = {
      type: def.name,
      values: {
        ...this.defaults(def, { userId: (values.OwnerId as string | undefined) ?? '' }),
        CreatedDate: stamp,
        LastModifiedDate: stamp,
        SystemModstamp: stamp,
        ...values,
        Id: id,
        IsDeleted: false,
      },
      indexedAt: 0,
      deleted: false,
    };
    // The owner created it, unless the owner is a queue.
    const owner = record.values.OwnerId;
    record.values.CreatedById ??= typeof owner === 'string' && owner.startsWith('005') ? owner : null;
    record.values.LastModifiedById ??= record.values.CreatedById;
    dropUndefinedAudit(def, record.values);
    this.applyDerivedOnWrite(record, values, true);
    this.table(def.name).set(id, record);
    if (def.name === 'Account' && record.values.IsPersonAccount === true) {
      this.attachPersonContact(record, { userId: (record.values.OwnerId as string | null) ?? '' });
    }
    return id;
  }

  /** Direct edit for test controls (e.g. "this opportunity now carries that conversation id"). */
  patchRaw(id: string, values: SfValues): void {
    const record = this.get(id, { includeDeleted: true });
    if (!record) throw errors.notFound();
    Object.assign(record.values, values);
    this.applyDerivedOnWrite(record, values, false);
  }

  /** A deep copy of every table, for the all-or-none rollback of composite requests. */
  snapshot(): StoreSnapshot {
    return {
      tables: new Map(
        [...this.tables].map(([name, table]) => [name, new Map([...table].map(([id, r]) => [id, structuredClone(r)]))]),
      ),
      counter: this.counter,
      caseNumber: this.caseNumber,
    };
  }

  restore(s: StoreSnapshot): void {
    this.tables.clear();
    for (const [name, table] of s.tables) this.tables.set(name, table);
    this.counter = s.counter;
    this.caseNumber = s.caseNumber;
  }

  clear(): void {
    this.tables.clear();
    this.objectPermissions.clear();
    this.hiddenFields.clear();
    this.readOnlyFields.clear();
    this.personAccountsEnabled = true;
    this.counter = 1000;
    this.caseNumber = 1000;
  }

  /** Every live record, by object, for the test API's dump. */
  dump(): Record<string, SfValues[]> {
    const out: Record<string, SfValues[]> = {};
    for (const [name, table] of this.tables) {
      out[name] = [...table.values()].filter((r) => !r.deleted).map((r) => ({ ...r.values }));
    }
    return out;
  }

  // ---------------------------------------------------------------- internals

  private fieldKey(objectName: string, fieldName: string): string {
    const def = this.requireDef(objectName);
    const f = fieldDef(def, fieldName);
    return `${def.name}.${f?.name ?? fieldName}`;
  }

  private requireDef(objectName: string): ObjectDef {
    const def = objectDef(objectName);
    if (!def) throw errors.invalidType(objectName);
    return def;
  }

  private requireVisibleObject(objectName: string): ObjectDef {
    const def = this.visibleObject(objectName);
    if (!def) throw errors.notFound();
    return def;
  }

  private requireRecord(def: ObjectDef, id: string): StoredRecord {
    if (!isId(id)) throw errors.malformedId('Record ID', id, 'Id');
    const record = this.get(id);
    if (record?.type !== def.name) {
      if (this.get(id, { includeDeleted: true })) throw errors.entityIsDeleted();
      throw errors.notFound();
    }
    return record;
  }

  private nextId(keyPrefix: string): string {
    this.counter += 1;
    return makeId(keyPrefix, this.counter);
  }

  private picklistFlag(objectName: string, fieldName: string, value: SfValue | undefined, flag: 'closed'): boolean {
    const def = this.requireDef(objectName);
    const f = fieldDef(def, fieldName);
    return f?.picklist?.find((p) => p.value === value)?.[flag] === true;
  }

  private stage(value: SfValue | undefined) {
    const f = fieldDef(this.requireDef('Opportunity'), 'StageName');
    return f?.picklist?.find((p) => p.value === value)?.stage;
  }

  private defaults(def: ObjectDef, ctx: WriteContext): SfValues {
    const out: SfValues = {};
    for (const f of def.fields) {
      const dflt = f.picklist?.find((p) => p.default === true);
      if (dflt) out[f.name] = dflt.value;
      else if (f.type === 'boolean' && f.nillable === false) out[f.name] = false;
    }
    if (fieldDef(def, 'OwnerId')) out.OwnerId = ctx.userId;
    if (def.name === 'Task') out.TaskSubtype = 'Task';
    if (def.name === 'Event') out.EventSubtype = 'Event';
    if (def.name === 'ContentDocumentLink') out.Visibility = 'InternalUsers';
    if (def.name === 'Opportunity' || def.name === 'Account') out.RecordTypeId = MASTER_RECORD_TYPE_ID;
    return out;
  }

  /** Type and permission checks on the fields of a create/update body; returns the values to store. */
  private validateWrite(def: ObjectDef, input: Record<string, unknown>, mode: 'create' | 'update'): SfValues {
    const out: SfValues = {};
    const notWritable: string[] = [];
    for (const [key, raw] of Object.entries(input)) {
      if (key === 'attributes') continue;
      const f = this.visibleField(def.name, key);
      if (!f) {
        throw errors.invalidField(`No such column '${key}' on sobject of type ${def.name}`, [key]);
      }
      if (f.name === 'Id' && mode === 'update') continue;
      const writable = mode === 'create' ? f.createable !== false : f.updateable !== false;
      if (!writable) {
        notWritable.push(f.name);
        continue;
      }
      out[f.name] = this.coerce(f, raw);
    }
    if (notWritable.length > 0) {
      throw sfError(
        400,
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        notWritable,
      );
    }
    return out;
  }

  private coerce(f: FieldDef, raw: unknown): SfValue {
    if (raw === null || raw === undefined || raw === '') {
      return null;
    }
    const bad = (message: string) =>
      sfError(400, 'INVALID_TYPE_ON_FIELD_IN_RECORD', `${f.label}: ${message}`, [f.name]);
    switch (f.type) {
      case 'boolean':
        if (typeof raw !== 'boolean') throw bad(`value not of required type: ${shown(raw)}`);
        return raw;
      case 'int':
      case 'double':
      case 'currency':
      case 'percent': {
        const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
        if (!Number.isFinite(n) || (f.type === 'int' && !Number.isInteger(n)))
          throw bad(`value not of required type: ${shown(raw)}`);
        return n;
      }
      case 'date':
        if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(raw))) {
          throw errors.jsonParser(
            `Cannot deserialize instance of date from VALUE_STRING value ${shown(raw)} or request may be missing a required field`,
          );
        }
        return raw;
      case 'datetime': {
        const ms = typeof raw === 'string' ? parseSfDateTime(raw).getTime() : Number.NaN;
        if (Number.isNaN(ms)) {
          throw errors.jsonParser(
            `Cannot deserialize instance of datetime from VALUE_STRING value ${shown(raw)} or request may be missing a required field`,
          );
        }
        return sfDateTime(new Date(ms));
      }
      case 'reference': {
        if (typeof raw !== 'string' || !isId(raw)) throw errors.malformedId(f.label, shown(raw), f.name);
        const target = this.get(raw);
        const targetType = target?.type ?? objectForId(raw)?.name;
        if (
          !targetType ||
          !(f.referenceTo ?? []).includes(targetType === 'ContentNote' ? 'ContentDocument' : targetType)
        ) {
          throw errors.malformedId(f.label, raw, f.name);
        }
        if (!target) {
          throw sfError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [f.name]);
        }
        return to18(raw);
      }
      case 'picklist':
      case 'multipicklist':
      case 'combobox': {
        const value = typeof raw === 'string' ? raw : shown(raw);
        if (f.restrictedPicklist === true && !f.picklist?.some((p) => p.value === value)) {
          throw sfError(
            400,
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${f.label}: bad value for restricted picklist field: ${value}`,
            [f.name],
          );
        }
        return value;
      }
      case 'email': {
        if (typeof raw !== 'string' || !EMAIL_PATTERN.test(raw)) {
          throw sfError(400, 'INVALID_EMAIL_ADDRESS', `${f.label}: invalid email address: ${shown(raw)}`, [f.name]);
        }
        return raw;
      }
      default: {
        if (typeof raw === 'object')
          throw errors.jsonParser(`Cannot deserialize instance of string from START_OBJECT value on field ${f.name}`);
        const value = typeof raw === 'string' ? raw : shown(raw);
        if (f.length !== undefined && f.type !== 'base64' && value.length > f.length) {
          throw sfError(
            400,
            'STRING_TOO_LONG',
            `${f.label}: data value too large: ${value.slice(0, 40)}${value.length > 40 ? '...' : ''} (max length=${f.length})`,
            [f.name],
          );
        }
        return value;
      }
    }
  }

  /** What Salesforce sets itself when a record is written. */
  private applyDerivedOnWrite(record: StoredRecord, written: SfValues, creating: boolean): void {
    const v = record.values;
    switch (record.type) {
      case 'Opportunity': {
        const stage = this.stage(v.StageName);
        if (stage && ('StageName' in written || creating)) {
          // The stage sets probability and forecast category unless the write gives its own.
          if (written.Probability == null) v.Probability = stage.probability;
          if (written.ForecastCategoryName == null) v.ForecastCategoryName = stage.forecast;
        }
        break;
      }
      case 'Task': {
        const closed = this.picklistFlag('Task', 'Status', v.Status, 'closed');
        if (closed && v.CompletedDateTime == null) v.CompletedDateTime = sfDateTime(this.now());
        if (!closed) v.CompletedDateTime = null;
        break;
      }
      case 'Case': {
        if (creating && v.CaseNumber == null) {
          this.caseNumber += 1;
          v.CaseNumber = String(this.caseNumber).padStart(8, '0');
        }
        const closed = this.picklistFlag('Case', 'Status', v.Status, 'closed');
        if (closed && v.ClosedDate == null) v.ClosedDate = sfDateTime(this.now());
        if (!closed) v.ClosedDate = null;
        break;
      }
      case 'ContentNote': {
        v.FileType = 'SNOTE';
        v.FileExtension = 'snote';
        if (typeof v.Content === 'string') v.TextPreview = notePreview(v.Content);
        break;
      }
      case 'Account': {
        if (creating) {
          const personType = v.RecordTypeId === PERSON_ACCOUNT_RECORD_TYPE_ID;
          if (personType && !this.personAccountsEnabled) {
            throw sfError(
              400,
              'INVALID_CROSS_REFERENCE_KEY',
              "Record Type ID: this ID value isn't valid for the user: " + PERSON_ACCOUNT_RECORD_TYPE_ID,
              ['RecordTypeId'],
            );
          }
          v.IsPersonAccount = personType;
        }
        break;
      }
      default:
        break;
    }
  }

  private checkRequired(def: ObjectDef, record: StoredRecord): void {
    const person = def.name === 'Account' && record.values.IsPersonAccount === true;
    const missing = def.fields
      .filter((f) => requiredOnCreate(f) || (person && f.name === 'LastName'))
      .filter((f) => !(person && f.name === 'Name'))
      .filter((f) => {
        const value = record.values[f.name];
        return value === null || value === undefined || value === '';
      })
      .map((f) => f.name);
    if (missing.length > 0) {
      throw sfError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    }
  }

  /** Cross-record rules: a Task or Event related to a Lead can't also have a WhatId. */
  private checkIntegrity(record: StoredRecord): void {
    if (record.type !== 'Task' && record.type !== 'Event') return;
    const who = record.values.WhoId;
    if (typeof who === 'string' && who.startsWith('00Q') && record.values.WhatId != null) {
      throw sfError(
        400,
        'FIELD_INTEGRITY_EXCEPTION',
        "Related To ID: You can't relate an activity to a lead and to another record at the same time.",
        ['WhatId'],
      );
    }
  }

  private checkUnique(def: ObjectDef, record: StoredRecord): void {
    for (const f of def.fields) {
      if (f.unique !== true || f.name === 'Id') continue;
      if (!this.visibleField(def.name, f.name)) continue;
      const value = record.values[f.name];
      if (value === null || value === undefined || value === '') continue;
      const clash = this.rows(def.name).find(
        (other) => other.values.Id !== record.values.Id && other.values[f.name] === value,
      );
      if (clash) {
        throw sfError(
          400,
          'DUPLICATE_VALUE',
          `duplicate value found: ${f.name} duplicates value on record with id: ${String(clash.values.Id)}`,
          [],
        );
      }
    }
  }

  /** The standard Lead and Contact duplicate rules ("Allow + alert"): same e-mail address. */
  private checkDuplicates(record: StoredRecord, apiVersion: string): void {
    if (record.type !== 'Lead' && record.type !== 'Contact') return;
    const email = record.values.Email;
    if (typeof email !== 'string' || email === '') return;
    const lower = email.toLowerCase();
    const targets = record.type === 'Lead' ? ['Lead', 'Contact'] : ['Contact'];
    const matchResults = targets
      .map((type) => {
        const matches = this.rows(type).filter((r) => {
          const other = r.values.Email;
          return (
            typeof other === 'string' &&
            other.toLowerCase() === lower &&
            !(type === 'Lead' && r.values.IsConverted === true)
          );
        });
        return {
          entityType: type,
          errors: [],
          matchEngine: 'FuzzyMatchEngine',
          matchRecords: matches.map((m) => ({
            additionalInformation: [],
            fieldDiffs: [],
            matchConfidence: 100.0,
            record: {
              attributes: { type, url: `/services/data/${apiVersion}/sobjects/${type}/${String(m.values.Id)}` },
              Id: m.values.Id,
            },
          })),
          rule: type === 'Lead' ? 'Standard_Lead_Match_Rule_v1_0' : 'Standard_Contact_Match_Rule_v1_1',
          size: matches.length,
          success: true,
        };
      })
      .filter((result) => result.size > 0);
    if (matchResults.length === 0) return;
    const message = 'Use one of these records?';
    throw new SfApiError(400, [
      {
        duplicateResult: {
          allowSave: true,
          duplicateRule: record.type === 'Lead' ? 'Standard_Lead_Duplicate_Rule' : 'Standard_Contact_Duplicate_Rule',
          duplicateRuleEntityType: record.type,
          errorMessage: message,
          matchResults,
        },
        errorCode: 'DUPLICATES_DETECTED',
        message,
      },
    ]);
  }

  /** A Person Account has a shadow Contact that SOQL and SOSL see with IsPersonAccount = true. */
  private attachPersonContact(account: StoredRecord, ctx: WriteContext): void {
    const a = account.values;
    const contactId = this.nextId('003');
    const stamp = (a.CreatedDate as string | null) ?? sfDateTime(this.now());
    this.table('Contact').set(contactId, {
      type: 'Contact',
      values: {
        Id: contactId,
        FirstName: a.FirstName ?? null,
        LastName: a.LastName ?? null,
        Email: a.PersonEmail ?? null,
        Phone: a.Phone ?? null,
        MobilePhone: a.PersonMobilePhone ?? null,
        HomePhone: a.PersonHomePhone ?? null,
        Title: a.PersonTitle ?? null,
        AccountId: a.Id ?? null,
        IsPersonAccount: true,
        OwnerId: a.OwnerId ?? ctx.userId,
        IsDeleted: false,
        CreatedDate: stamp,
        CreatedById: a.CreatedById ?? ctx.userId,
        LastModifiedDate: stamp,
        LastModifiedById: a.LastModifiedById ?? ctx.userId,
        SystemModstamp: stamp,
      },
      indexedAt: account.indexedAt,
      deleted: false,
    });
    a.PersonContactId = contactId;
  }

  private activityAccountId(activity: StoredRecord): string | null {
    const what = activity.values.WhatId;
    if (typeof what === 'string') {
      const target = this.get(what);
      if (target?.type === 'Account') return target.values.Id as string;
      const accountId = target?.values.AccountId;
      if (typeof accountId === 'string') return accountId;
    }
    const who = activity.values.WhoId;
    if (typeof who === 'string' && who.startsWith('003')) {
      const contact = this.get(who);
      const accountId = contact?.values.AccountId;
      if (typeof accountId === 'string') return accountId;
    }
    return null;
  }

  private activityBelongsTo(activity: StoredRecord, parent: StoredRecord): boolean {
    const parentId = parent.values.Id as string;
    const matches = (value: SfValue | undefined) => typeof value === 'string' && sameId(value, parentId);
    switch (parent.type) {
      case 'Lead':
        return matches(activity.values.WhoId);
      case 'Contact':
        return matches(activity.values.WhoId);
      case 'Account':
        // Activities on the account, on its deals and cases, and on its contacts (a Person Account's too).
        return matches(this.activityAccountId(activity));
      default:
        return matches(activity.values.WhatId);
    }
  }

  private activityView(activity: StoredRecord, viewName: 'ActivityHistory' | 'OpenActivity'): StoredRecord {
    const v = activity.values;
    const isTask = activity.type === 'Task';
    const subtype = isTask ? (v.TaskSubtype ?? 'Task') : 'Event';
    return {
      type: viewName,
      values: {
        ...v,
        AccountId: this.activityAccountId(activity),
        IsTask: isTask,
        IsClosed: this.value(activity, 'IsClosed'),
        IsHighPriority: v.Priority === 'High',
        ActivitySubtype: subtype,
        ActivityType: v.Type ?? null,
        ActivityDate: v.ActivityDate ?? (typeof v.StartDateTime === 'string' ? v.StartDateTime.slice(0, 10) : null),
        Status: isTask ? (v.Status ?? null) : null,
      },
      indexedAt: activity.indexedAt,
      deleted: activity.deleted,
    };
  }

  private lastActivityDate(record: StoredRecord): string | null {
    let latest: string | null = null;
    for (const view of this.children(record, 'ActivityHistories')) {
      const date = view.values.ActivityDate;
      if (typeof date === 'string' && (latest === null || date > latest)) latest = date;
    }
    return latest;
  }
}

function insufficientAccess(objectName: string): SfApiError {
  return sfError(400, 'INSUFFICIENT_ACCESS_OR_READONLY', `insufficient access rights on object id (${objectName})`, []);
}

function shown(raw: unknown): string {
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}

/** ContentNote's TextPreview: the decoded note without tags, shortened. */
function notePreview(base64: string): string {
  try {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const html = new TextDecoder().decode(bytes);
    return html
      .replace(/<\/p>\s*<p>/g, ' ')
      .replace(/<[^>]*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .slice(0, 255);
  } catch {
    return '';
  }
}
