/**
 * Test controls of the emulated org, over HTTP under `/__emulator/` (for e2e, the demo's host page and
 * QA) and as plain functions (for unit tests). They are not part of Salesforce's API.
 */
import type { Fault, SalesforceEmulator } from './emulator';
import { jsonResponse } from './emulator';
import { SfApiError } from './errors';
import { grantForTests } from './oauth';
import type { SfValues } from './store';

export type FieldAccess = 'none' | 'read' | 'edit';

export function expireAccessTokens(emulator: SalesforceEmulator): number {
  let count = 0;
  for (const info of emulator.oauth.accessTokens.values()) {
    if (!info.expired) {
      info.expired = true;
      count += 1;
    }
  }
  return count;
}

export function revokeRefreshTokens(emulator: SalesforceEmulator): number {
  let count = 0;
  for (const grant of emulator.oauth.grants.values()) {
    if (!grant.revoked) {
      grant.revoked = true;
      count += 1;
    }
  }
  for (const info of emulator.oauth.accessTokens.values()) info.revoked = true;
  return count;
}

/** Field-level security for the signed-in user's profile. */
export function setFieldAccess(emulator: SalesforceEmulator, object: string, field: string, access: FieldAccess): void {
  const store = emulator.store;
  if (access === 'none') store.hideField(object, field);
  else store.showField(object, field);
  store.setFieldReadOnly(object, field, access === 'read');
}

export function applySettings(emulator: SalesforceEmulator, patch: Record<string, unknown>): void {
  const invalid = (message: string) => new SfApiError(400, [{ errorCode: 'INVALID_INPUT', message }]);
  const { searchIndexLagMs, personAccountsEnabled, ...settings } = patch;
  if (searchIndexLagMs !== undefined && typeof searchIndexLagMs !== 'number')
    throw invalid('searchIndexLagMs must be a number');
  if (personAccountsEnabled !== undefined && typeof personAccountsEnabled !== 'boolean')
    throw invalid('personAccountsEnabled must be a boolean');
  const current: Record<string, unknown> = { ...emulator.settings };
  for (const [key, value] of Object.entries(settings)) {
    if (!(key in current)) throw invalid(`Unknown setting: ${key}`);
    if (Array.isArray(current[key]) ? !Array.isArray(value) : typeof current[key] !== typeof value) {
      throw invalid(`Setting ${key} must be of the same type as ${JSON.stringify(current[key])}`);
    }
  }
  Object.assign(emulator.settings, settings);
  if (searchIndexLagMs !== undefined) emulator.store.searchIndexLagMs = searchIndexLagMs;
  if (personAccountsEnabled !== undefined) emulator.store.personAccountsEnabled = personAccountsEnabled;
}

export function controlState(emulator: SalesforceEmulator) {
  return {
    origin: emulator.origin,
    settings: emulator.settings,
    searchIndexLagMs: emulator.store.searchIndexLagMs,
    personAccountsEnabled: emulator.store.personAccountsEnabled,
    apiUsed: emulator.apiUsed,
    oauth: {
      counters: emulator.oauth.counters,
      activeGrants: [...emulator.oauth.grants.values()].filter((g) => !g.revoked).length,
      liveAccessTokens: [...emulator.oauth.accessTokens.values()].filter((t) => !t.expired && !t.revoked).length,
    },
    faults: emulator.faults,
    ids: emulator.ids,
  };
}

function body(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function requireString(input: Record<string, unknown>, key: string): string {
  const value = input[key];
  if (typeof value !== 'string' || value === '')
    throw new SfApiError(400, [{ errorCode: 'INVALID_INPUT', message: `${key} is required` }]);
  return value;
}

/** Field values for the raw record controls: strings, numbers, booleans or null, as a record holds them. */
function sfValues(value: unknown): SfValues {
  const out: SfValues = {};
  for (const [key, item] of Object.entries(body(value))) {
    if (item !== null && typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
      throw new SfApiError(400, [
        { errorCode: 'INVALID_INPUT', message: `values.${key} must be a string, number, boolean or null` },
      ]);
    }
    out[key] = item;
  }
  return out;
}

function parseFault(input: Record<string, unknown>): Omit<Fault, 'id' | 'remaining'> & { count?: number } {
  const action = input.action ?? 'fail';
  if (action !== 'fail' && action !== 'drop' && action !== 'commit-then-fail' && action !== 'commit-then-drop') {
    throw new SfApiError(400, [
      { errorCode: 'INVALID_INPUT', message: 'action must be fail, drop, commit-then-fail or commit-then-drop' },
    ]);
  }
  const status = input.status ?? 500;
  // A web Response can only carry 200..599; anything else would crash the request instead of failing it.
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    throw new SfApiError(400, [{ errorCode: 'INVALID_INPUT', message: 'status must be an integer from 200 to 599' }]);
  }
  if (
    input.count !== undefined &&
    (typeof input.count !== 'number' || !Number.isInteger(input.count) || input.count < 1)
  ) {
    throw new SfApiError(400, [{ errorCode: 'INVALID_INPUT', message: 'count must be a positive integer' }]);
  }
  const match = body(input.match);
  const fault: Omit<Fault, 'id' | 'remaining'> & { count?: number } = {
    match: {
      ...(typeof match.method === 'string' ? { method: match.method } : {}),
      ...(typeof match.path === 'string' ? { path: match.path } : {}),
    },
    action,
    status,
    body: input.body,
  };
  if (typeof input.count === 'number') fault.count = input.count;
  return fault;
}

/** `/__emulator/*`; answers JSON and lets any origin call it (it is a test tool). */
export async function handleControl(emulator: SalesforceEmulator, request: Request, url: URL): Promise<Response> {
  const path = url.pathname.replace(/^\/__emulator/, '').replace(/\/+$/, '') || '/';
  const method = request.method.toUpperCase();
  const input = method === 'POST' || method === 'PUT' ? body(await request.json().catch(() => ({}))) : {};
  const done = (value: unknown = { ok: true }) => jsonResponse(200, value);
  try {
    switch (`${method} ${path}`) {
      case 'POST /reset':
        emulator.reset();
        return done();
      case 'GET /state':
        return done(controlState(emulator));
      case 'GET /directory':
        return done(emulator.directory);
      case 'GET /records': {
        const dump = emulator.store.dump();
        const type = url.searchParams.get('type');
        return done(type ? (dump[type] ?? []) : dump);
      }
      case 'GET /log':
        return done(emulator.log);
      case 'DELETE /log':
        emulator.log.length = 0;
        return done();
      case 'POST /settings':
        applySettings(emulator, input);
        return done(controlState(emulator));
      case 'POST /tokens/expire-access':
        return done({ expired: expireAccessTokens(emulator) });
      case 'POST /tokens/grant':
        return done(await grantForTests(emulator, typeof input.username === 'string' ? input.username : undefined));
      case 'POST /tokens/revoke-refresh':
        return done({ revoked: revokeRefreshTokens(emulator) });
      case 'POST /faults':
        return done(emulator.addFault(parseFault(input)));
      case 'DELETE /faults':
        emulator.faults = [];
        return done();
      case 'POST /field-access': {
        const access = input.access;
        if (access !== 'none' && access !== 'read' && access !== 'edit') {
          throw new SfApiError(400, [{ errorCode: 'INVALID_INPUT', message: 'access must be none, read or edit' }]);
        }
        setFieldAccess(emulator, requireString(input, 'object'), requireString(input, 'field'), access);
        return done();
      }
      case 'POST /object-access': {
        const permissions = Object.fromEntries(
          (['read', 'create', 'edit', 'delete'] as const)
            .filter((key) => typeof input[key] === 'boolean')
            .map((key) => [key, input[key] as boolean]),
        );
        emulator.store.setObjectPermissions(requireString(input, 'object'), permissions);
        return done();
      }
      case 'POST /records/patch':
        emulator.store.patchRaw(requireString(input, 'id'), sfValues(input.values));
        return done();
      case 'POST /records/create':
        return done({ id: emulator.store.seed(requireString(input, 'type'), sfValues(input.values)) });
      default:
        return jsonResponse(404, [{ errorCode: 'NOT_FOUND', message: `No emulator control ${method} ${path}` }]);
    }
  } catch (error) {
    if (error instanceof SfApiError) return jsonResponse(error.status, error.body);
    throw error;
  }
}
