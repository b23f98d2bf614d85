/**
 * Metadata answers: sObject describe, describeGlobal, and the UI API object-info and picklist values.
 * All of them reflect what the current user may see (object access, FLS, Person Accounts, deleted
 * custom fields), as a real org's do.
 */
import { errors } from './errors';
import {
  MASTER_RECORD_TYPE_ID,
  PERSON_ACCOUNT_RECORD_TYPE_ID,
  requiredOnCreate,
  type FieldDef,
  type FieldType,
  type ObjectDef,
} from './schema';
import type { OrgStore } from './store';

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  combobox: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  base64: 'xsd:base64Binary',
};

const UI_TYPES: Record<FieldType, string> = {
  id: 'Id',
  reference: 'Reference',
  string: 'String',
  textarea: 'TextArea',
  email: 'Email',
  phone: 'Phone',
  url: 'Url',
  picklist: 'Picklist',
  multipicklist: 'MultiPicklist',
  combobox: 'ComboBox',
  boolean: 'Boolean',
  int: 'Int',
  double: 'Double',
  currency: 'Currency',
  percent: 'Percent',
  date: 'Date',
  datetime: 'DateTime',
  base64: 'Base64',
};

const TEXT_TYPES = new Set<FieldType>([
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'multipicklist',
  'combobox',
  'id',
  'reference',
]);

function requireObject(store: OrgStore, name: string): ObjectDef {
  const def = store.visibleObject(name);
  if (!def) throw errors.notFound();
  return def;
}

function sobjectUrls(def: ObjectDef, apiVersion: string) {
  const base = `/services/data/${apiVersion}/sobjects/${def.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function objectFlags(store: OrgStore, def: ObjectDef) {
  const permissions = store.permissions(def.name);
  const queryable = def.queryable !== false;
  return {
    activateable: false,
    createable: permissions.create,
    custom: def.custom === true,
    customSetting: false,
    deletable: permissions.delete,
    deprecatedAndHidden: false,
    feedEnabled: ['Account', 'Contact', 'Lead', 'Opportunity', 'Case'].includes(def.name),
    keyPrefix: def.keyPrefix === '' ? null : def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: queryable && def.keyPrefix !== '',
    mergeable: ['Account', 'Contact', 'Lead'].includes(def.name),
    mruEnabled: queryable,
    name: def.name,
    queryable,
    replicateable: queryable,
    retrieveable: queryable,
    searchable: def.searchable !== false && def.search !== undefined,
    triggerable: queryable,
    undeletable: permissions.delete,
    updateable: permissions.edit,
  };
}

function recordTypes(store: OrgStore, def: ObjectDef, apiVersion: string) {
  if (
    def.name !== 'Account' &&
    def.name !== 'Opportunity' &&
    def.name !== 'Case' &&
    def.name !== 'Lead' &&
    def.name !== 'Contact'
  )
    return [];
  const info = (id: string, name: string, developerName: string, master: boolean) => ({
    active: true,
    available: true,
    defaultRecordTypeMapping: master,
    developerName,
    master,
    name,
    recordTypeId: id,
    urls: { layout: `/services/data/${apiVersion}/sobjects/${def.name}/describe/layouts/${id}` },
  });
  const types = [info(MASTER_RECORD_TYPE_ID, 'Master', 'Master', true)];
  if (def.name === 'Account' && store.personAccountsEnabled)
    types.push(info(PERSON_ACCOUNT_RECORD_TYPE_ID, 'Person Account', 'PersonAccount', false));
  return types;
}

function describeField(f: FieldDef) {
  const textual = TEXT_TYPES.has(f.type);
  const length = textual ? (f.length ?? (f.type === 'id' || f.type === 'reference' ? 18 : 255)) : 0;
  return {
    aggregatable: f.type !== 'textarea' && f.type !== 'base64',
    autoNumber: f.autoNumber === true,
    byteLength: length * 3,
    calculated: f.calculated === true,
    cascadeDelete: false,
    caseSensitive: false,
    controllerName: null,
    createable: f.createable !== false,
    custom: f.custom === true,
    defaultValue: null,
    defaultedOnCreate: f.defaultedOnCreate === true || (f.type === 'boolean' && f.nillable === false),
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: f.type === 'int' ? 9 : 0,
    externalId: f.externalId === true,
    filterable: f.filterable !== false && f.type !== 'textarea' && f.type !== 'base64',
    groupable:
      f.type !== 'textarea' &&
      f.type !== 'base64' &&
      f.type !== 'double' &&
      f.type !== 'currency' &&
      f.type !== 'percent',
    htmlFormatted: false,
    idLookup: f.idLookup === true,
    inlineHelpText: null,
    label: f.label,
    length,
    name: f.name,
    nameField: f.nameField === true,
    namePointing: (f.referenceTo?.length ?? 0) > 1,
    nillable: f.nillable !== false,
    permissionable: f.nillable !== false && f.createable !== false && f.name !== 'Id',
    picklistValues: (f.picklist ?? []).map((p) => ({
      active: true,
      defaultValue: p.default === true,
      label: p.label ?? p.value,
      validFor: null,
      value: p.value,
    })),
    polymorphicForeignKey: (f.referenceTo?.length ?? 0) > 1,
    precision: f.precision ?? 0,
    referenceTo: f.referenceTo ?? [],
    relationshipName: f.relationshipName ?? null,
    restrictedPicklist: f.restrictedPicklist === true,
    scale: f.scale ?? 0,
    soapType: SOAP_TYPES[f.type],
    sortable: f.sortable !== false && f.type !== 'textarea' && f.type !== 'base64',
    type: f.type,
    unique: f.unique === true,
    updateable: f.updateable !== false,
  };
}

function visibleChildren(store: OrgStore, def: ObjectDef) {
  return def.childRelationships.filter((rel) => store.visibleObject(rel.childSObject) !== undefined);
}

export function describeSObject(store: OrgStore, name: string, apiVersion: string) {
  const def = requireObject(store, name);
  return {
    actionOverrides: [],
    childRelationships: visibleChildren(store, def).map((rel) => ({
      cascadeDelete: false,
      childSObject: rel.childSObject,
      deprecatedAndHidden: false,
      field: rel.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: rel.relationshipName,
      restrictedDelete: false,
    })),
    ...objectFlags(store, def),
    fields: store.visibleFields(def.name).map(describeField),
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: recordTypes(store, def, apiVersion),
    supportedScopes: [{ label: 'All', name: 'everything' }],
    urls: sobjectUrls(def, apiVersion),
  };
}

export function describeGlobal(store: OrgStore, apiVersion: string) {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: store.visibleObjects().map((def) => ({ ...objectFlags(store, def), urls: sobjectUrls(def, apiVersion) })),
  };
}

/** `GET /sobjects/{name}`: basic info plus recent items. */
export function sobjectBasicInfo(store: OrgStore, name: string, apiVersion: string) {
  const def = requireObject(store, name);
  return { objectDescribe: { ...objectFlags(store, def), urls: sobjectUrls(def, apiVersion) }, recentItems: [] };
}

const THEME: Record<string, string> = {
  Account: '7F8DE1',
  Contact: 'A094ED',
  Lead: 'F88962',
  Opportunity: 'FCB95B',
  Case: 'F2CF5B',
  Task: '4BC076',
  Event: 'EB7092',
};

export function objectInfo(store: OrgStore, name: string, apiVersion: string) {
  const def = requireObject(store, name);
  const flags = objectFlags(store, def);
  const fields = Object.fromEntries(
    store.visibleFields(def.name).map((f) => [
      f.name,
      {
        apiName: f.name,
        calculated: f.calculated === true,
        compound: false,
        compoundComponentName: null,
        compoundFieldName: null,
        controllerName: null,
        controllingFields: [],
        createable: f.createable !== false,
        custom: f.custom === true,
        dataType: UI_TYPES[f.type],
        externalId: f.externalId === true,
        extraTypeInfo: null,
        filterable: f.filterable !== false,
        filteredLookupInfo: null,
        highScaleNumber: false,
        htmlFormatted: false,
        inlineHelpText: null,
        label: f.label,
        length: TEXT_TYPES.has(f.type) ? (f.length ?? 255) : 0,
        nameField: f.nameField === true,
        polymorphicForeignKey: (f.referenceTo?.length ?? 0) > 1,
        precision: f.precision ?? 0,
        reference: f.type === 'reference',
        referenceTargetField: null,
        referenceToInfos: (f.referenceTo ?? []).map((apiName) => ({ apiName, nameFields: ['Name'] })),
        relationshipName: f.relationshipName ?? null,
        required: requiredOnCreate(f),
        scale: f.scale ?? 0,
        searchPrefilterable: false,
        sortable: f.sortable !== false,
        unique: f.unique === true,
        updateable: f.updateable !== false,
      },
    ]),
  );
  const rts = recordTypes(store, def, apiVersion);
  return {
    apiName: def.name,
    associateEntityType: null,
    associateParentEntity: null,
    childRelationships: visibleChildren(store, def).map((rel) => ({
      childObjectApiName: rel.childSObject,
      fieldName: rel.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: rel.relationshipName,
    })),
    createable: flags.createable,
    custom: flags.custom,
    defaultRecordTypeId: MASTER_RECORD_TYPE_ID,
    deletable: flags.deletable,
    dependentFields: {},
    eTag: `${def.name}-${String(Object.keys(fields).length)}`,
    feedEnabled: flags.feedEnabled,
    fields,
    keyPrefix: flags.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: flags.layoutable,
    mruEnabled: flags.mruEnabled,
    nameFields: def.fields.some((f) => f.nameField === true)
      ? [def.fields.find((f) => f.nameField === true)?.name ?? 'Name']
      : [],
    queryable: flags.queryable,
    recordTypeInfos: Object.fromEntries(
      rts.map((rt) => [
        rt.recordTypeId,
        {
          available: rt.available,
          defaultRecordTypeMapping: rt.defaultRecordTypeMapping,
          master: rt.master,
          name: rt.name,
          recordTypeId: rt.recordTypeId,
        },
      ]),
    ),
    searchable: flags.searchable,
    themeInfo: {
      color: THEME[def.name] ?? '7F8DE1',
      iconUrl: `https://emulated.salesforce.invalid/img/icon/t4v35/standard/${def.name.toLowerCase()}_120.png`,
    },
    updateable: flags.updateable,
  };
}

function picklistField(store: OrgStore, def: ObjectDef, fieldName: string, recordTypeId: string, apiVersion: string) {
  const f = store.visibleField(def.name, fieldName);
  if (!f?.picklist) throw errors.notFound();
  const value = (p: NonNullable<FieldDef['picklist']>[number]) => ({
    attributes: p.stage
      ? {
          closed: p.stage.closed,
          defaultProbability: p.stage.probability,
          forecastCategoryName: p.stage.forecast,
          picklistAtrributesValueType: 'OpportunityStage',
          won: p.stage.won,
        }
      : null,
    label: p.label ?? p.value,
    validFor: [],
    value: p.value,
  });
  const dflt = f.picklist.find((p) => p.default === true);
  return {
    controllerValues: {},
    defaultValue: dflt ? value(dflt) : null,
    eTag: `${def.name}.${f.name}.${String(f.picklist.length)}`,
    url: `/services/data/${apiVersion}/ui-api/object-info/${def.name}/picklist-values/${recordTypeId}/${f.name}`,
    values: f.picklist.map(value),
  };
}

function requireRecordType(store: OrgStore, def: ObjectDef, recordTypeId: string, apiVersion: string): void {
  const known = recordTypes(store, def, apiVersion).some(
    (rt) => rt.recordTypeId.slice(0, 15) === recordTypeId.slice(0, 15),
  );
  if (!known && recordTypeId.slice(0, 15) !== MASTER_RECORD_TYPE_ID.slice(0, 15)) throw errors.notFound();
}

export function picklistValues(
  store: OrgStore,
  objectName: string,
  recordTypeId: string,
  fieldName: string,
  apiVersion: string,
) {
  const def = requireObject(store, objectName);
  requireRecordType(store, def, recordTypeId, apiVersion);
  return picklistField(store, def, fieldName, recordTypeId, apiVersion);
}

export function allPicklistValues(store: OrgStore, objectName: string, recordTypeId: string, apiVersion: string) {
  const def = requireObject(store, objectName);
  requireRecordType(store, def, recordTypeId, apiVersion);
  const picklistFieldValues = Object.fromEntries(
    store
      .visibleFields(def.name)
      .filter((f) => f.picklist !== undefined)
      .map((f) => [f.name, picklistField(store, def, f.name, recordTypeId, apiVersion)]),
  );
  return { eTag: `${def.name}.picklists`, picklistFieldValues };
}
