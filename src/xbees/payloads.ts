/**
 * Guards for everything that crosses the frame boundary. Incoming data is untrusted: each parser returns a
 * fresh object holding only the fields it understood, or a failure with a reason (never the data itself, so
 * tokens and personal data do not end up in logs).
 */
import { isRecord } from '@/lib/guards';
import {
  CONTACT_FIELDS,
  type CallDirection,
  type CallInfo,
  type Contact,
  type ContactQuery,
  type ContextContact,
  type Theme,
  type ThemeMode,
  type XBeesContext,
} from './protocol';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** A trimmed, non-empty string, or undefined. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function firstText(source: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = text(source[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

// --- envelopes -------------------------------------------------------------------------------------------

export interface IncomingMessage {
  readonly type: string;
  readonly payload: unknown;
}

/** Host → client event data: an object or a JSON string with a string `type` (§2.3). Anything else: null. */
export function parseIncomingMessage(data: unknown): IncomingMessage | null {
  let value = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  if (!isRecord(value) || typeof value.type !== 'string' || value.type === '') return null;
  return { type: value.type, payload: value.payload };
}

export interface ReplyEnvelope {
  readonly type: string | undefined;
  /** Empty string or absent on success. */
  readonly errorMessage: string;
  readonly payload: unknown;
}

/** Host reply on the port: `{type, errorMessage, payload}` (§2.1 step 4). */
export function parseReplyEnvelope(data: unknown): Parsed<ReplyEnvelope> {
  if (!isRecord(data)) return fail('the reply is not an object');
  const { errorMessage } = data;
  // Falsy means success (§2.1 step 5); a truthy non-string still fails, with a generic text.
  const message = !errorMessage ? '' : typeof errorMessage === 'string' ? errorMessage : 'x-bees reported an error';
  return ok({
    type: typeof data.type === 'string' ? data.type : undefined,
    errorMessage: message,
    payload: data.payload,
  });
}

// --- theme -----------------------------------------------------------------------------------------------

function themeModeOf(value: unknown): ThemeMode | undefined {
  return value === 'light' || value === 'dark' ? value : undefined;
}

/** `{mode, themeOptions?}` or the bare string `'light' | 'dark'` (§5.5). */
export function parseTheme(payload: unknown): Parsed<Theme> {
  const bare = themeModeOf(payload);
  if (bare) return ok({ mode: bare });
  if (!isRecord(payload)) return fail('theme is neither an object nor "light"/"dark"');
  const mode = themeModeOf(payload.mode);
  if (!mode) return fail('theme mode is not "light"/"dark"');
  const { themeOptions } = payload;
  if (themeOptions === undefined || themeOptions === null) return ok({ mode });
  if (!isRecord(themeOptions)) return fail('themeOptions is not an object');
  return ok({ mode, themeOptions: { ...themeOptions } });
}

/** `getThemeMode()` reply: a bare mode, or a theme object. */
export function parseThemeMode(payload: unknown): Parsed<ThemeMode> {
  const theme = parseTheme(payload);
  return theme.ok ? ok(theme.value.mode) : theme;
}

// --- context ---------------------------------------------------------------------------------------------

const CONTEXT_KEYS = new Set(['contact', 'conversationId', 'contactEmail', 'contactPhone', 'contactName']);

function contextContactOf(source: Record<string, unknown>): ContextContact {
  const inner = isRecord(source.contact) ? source.contact : source;
  const email = text(inner.email) ?? text(source.contactEmail);
  const phone = text(inner.phone) ?? text(source.contactPhone);
  const name = text(inner.name) ?? text(source.contactName);
  return {
    ...(phone === undefined ? {} : { phone }),
    ...(email === undefined ? {} : { email }),
    ...(name === undefined ? {} : { name }),
  };
}

/**
 * `getContext()` / `getCurrentContact()` reply (§5.3). Accepts the 1.x `{contact: {email, phone, name}, …}`, the
 * 2023 `{contactEmail, contactPhone}` and a bare `{email, phone, name}`. No payload ⇒ an empty context.
 * Fields of the wrong type are ignored; other top-level fields land in `extra`, untouched.
 */
export function parseContext(payload: unknown): Parsed<XBeesContext> {
  if (payload === undefined || payload === null || payload === '') return ok({ contact: {}, extra: {} });
  if (!isRecord(payload)) return fail('context is not an object');
  const extra: Record<string, unknown> = {};
  const usesInnerContact = isRecord(payload.contact);
  for (const [key, value] of Object.entries(payload)) {
    if (CONTEXT_KEYS.has(key)) continue;
    if (!usesInnerContact && (key === 'email' || key === 'phone' || key === 'name')) continue;
    extra[key] = value;
  }
  const conversationId = text(payload.conversationId);
  return ok({ contact: contextContactOf(payload), ...(conversationId === undefined ? {} : { conversationId }), extra });
}

// --- contact queries -------------------------------------------------------------------------------------

export interface ReceivedQuery {
  /** What the app sees: only `email` / `phone`, trimmed. */
  readonly query: ContactQuery;
  /** What the host sent, echoed back unchanged so the host can correlate. */
  readonly raw: Record<string, unknown>;
}

/** `{email?, phone?}` (§5.2). Both may be missing; a present field must be a string. */
export function parseContactQuery(payload: unknown): Parsed<ReceivedQuery> {
  if (!isRecord(payload)) return fail('query is not an object');
  const { email, phone } = payload;
  if ((email !== undefined && typeof email !== 'string') || (phone !== undefined && typeof phone !== 'string')) {
    return fail('query email/phone is not a string');
  }
  const cleanEmail = text(email);
  const cleanPhone = text(phone);
  return ok({
    query: {
      ...(cleanEmail === undefined ? {} : { email: cleanEmail }),
      ...(cleanPhone === undefined ? {} : { phone: cleanPhone }),
    },
    raw: payload,
  });
}

/** A batch is an array of queries; malformed items are dropped (their count is reported). */
export function parseContactQueries(
  payload: unknown,
): Parsed<{ readonly queries: readonly ReceivedQuery[]; readonly dropped: number }> {
  if (!Array.isArray(payload)) return fail('batch is not an array');
  const queries: ReceivedQuery[] = [];
  let dropped = 0;
  for (const item of payload as unknown[]) {
    const parsed = parseContactQuery(item);
    if (parsed.ok) queries.push(parsed.value);
    else dropped += 1;
  }
  return ok({ queries, dropped });
}

/** Same person asked for: equal trimmed e-mail (case-insensitive) and phone. */
export function sameQuery(a: ContactQuery, b: ContactQuery): boolean {
  return (a.email ?? '').toLowerCase() === (b.email ?? '').toLowerCase() && (a.phone ?? '') === (b.phone ?? '');
}

// --- contacts (outgoing) ---------------------------------------------------------------------------------

/**
 * A copy of a contact holding only {@link CONTACT_FIELDS}, or null when it breaks the validity rule of §5.1
 * (non-empty `id` and `name`, and `phone` or `email`). Nothing outside the known fields reaches the host.
 */
export function toWireContact(value: unknown): Contact | null {
  if (!isRecord(value)) return null;
  const id = text(value.id);
  const name = text(value.name);
  if (id === undefined || name === undefined) return null;
  const wire: Record<string, string> = {};
  for (const field of CONTACT_FIELDS) {
    const fieldValue = text(value[field]);
    if (fieldValue !== undefined) wire[field] = fieldValue;
  }
  if (wire.phone === undefined && wire.email === undefined) return null;
  return { ...wire, id, name };
}

/** Valid contacts of a list, and how many were dropped. */
export function toWireContacts(values: unknown): { readonly contacts: Contact[]; readonly dropped: number } {
  if (!Array.isArray(values)) return { contacts: [], dropped: 0 };
  const contacts: Contact[] = [];
  for (const value of values as unknown[]) {
    const contact = toWireContact(value);
    if (contact) contacts.push(contact);
  }
  return { contacts, dropped: values.length - contacts.length };
}

// --- calls -----------------------------------------------------------------------------------------------

function directionOf(value: unknown): CallDirection | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  if (lower === 'in' || lower === 'inbound' || lower === 'incoming') return 'inbound';
  if (lower === 'out' || lower === 'outbound' || lower === 'outgoing') return 'outbound';
  return undefined;
}

function secondsOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : undefined;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return text(value);
}

/**
 * Call started/ended payload (§4, §7.7). Any payload is tolerated, including none. From an object (or its
 * `call` member) we take, each only when well-typed:
 * - `callId` | `id` | `call_id` (string or number) → `callId`;
 * - `phoneNumber` | `phone` | `number` (string) → `phoneNumber`;
 * - `direction` (`in`/`inbound`/`incoming`, `out`/`outbound`/`outgoing`) → `direction`;
 * - `duration` | `durationSeconds` (seconds, number or numeric string, ≥ 0) → `durationSeconds`.
 * Bare strings and other values carry nothing we can trust and give `{}`.
 */
export function parseCallInfo(payload: unknown): CallInfo {
  if (!isRecord(payload)) return {};
  const sources = isRecord(payload.call) ? [payload, payload.call] : [payload];
  let callId: string | undefined;
  let phoneNumber: string | undefined;
  let direction: CallDirection | undefined;
  let durationSeconds: number | undefined;
  for (const source of sources) {
    callId ??= idOf(source.callId) ?? idOf(source.id) ?? idOf(source.call_id);
    phoneNumber ??= firstText(source, ['phoneNumber', 'phone', 'number']);
    direction ??= directionOf(source.direction);
    durationSeconds ??= secondsOf(source.duration) ?? secondsOf(source.durationSeconds);
  }
  return {
    ...(callId === undefined ? {} : { callId }),
    ...(phoneNumber === undefined ? {} : { phoneNumber }),
    ...(direction === undefined ? {} : { direction }),
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
  };
}

/** PBX token event: a non-empty string. */
export function parsePbxToken(payload: unknown): Parsed<string> {
  return typeof payload === 'string' && payload.trim() !== '' ? ok(payload) : fail('token is not a non-empty string');
}

/** Search text of a suggest / legacy search event. Empty text is allowed (the handler decides). */
export function parseSearchText(payload: unknown): Parsed<string> {
  return typeof payload === 'string' ? ok(payload) : fail('search text is not a string');
}
