/**
 * Guards for what the iframes send (untrusted input). They never change what goes back on the wire;
 * they decide what the host records and which problems it reports next to the log.
 */
import { preview, toJsonSafe, type JsonValue } from './json-safe';
import { TOAST_SEVERITIES, type ContactQuery, type ContextContact, type HostContext } from './protocol-types';

export type JsonObject = Record<string, JsonValue>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `{phone?, email?}` with string members; anything else in the object is ignored. */
export function parseContactQuery(value: unknown): ContactQuery | null {
  if (!isRecord(value)) return null;
  const { phone, email } = value;
  if ((phone !== undefined && typeof phone !== 'string') || (email !== undefined && typeof email !== 'string'))
    return null;
  const query: ContactQuery = {};
  if (phone !== undefined) query.phone = phone;
  if (email !== undefined) query.email = email;
  return query;
}

/** Two queries are the same when phone and e-mail are equal (a missing member equals a missing member). */
export function sameQuery(a: ContactQuery, b: ContactQuery): boolean {
  return a.phone === b.phone && a.email === b.email;
}

export function queryKey(query: ContactQuery): string {
  return JSON.stringify([query.phone ?? null, query.email ?? null]);
}

/**
 * The old library's validity rule for a contact (§5.1): non-empty `id` and `name`, and a phone or an
 * e-mail. Returns the reason it is invalid, or null.
 */
export function contactProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'is not an object';
  const { id, name, phone, email } = value;
  if (typeof id !== 'string' || id === '') return 'has no id';
  if (typeof name !== 'string' || name === '') return 'has no name';
  const hasPhone = typeof phone === 'string' && phone !== '';
  const hasEmail = typeof email === 'string' && email !== '';
  if (!hasPhone && !hasEmail) return 'has neither phone nor email';
  return null;
}

/** A contact as JSON; non-objects become an empty object, as spreading them would. */
export function contactAsJson(value: unknown): JsonObject {
  const json = toJsonSafe(value);
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
}

/** A numeric viewport dimension: a finite number or a numeric string (§3 `xBeesViewPort`). */
export function parseDimension(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export interface Toast {
  message: string;
  severity: string;
}

export function parseToast(value: unknown): { toast: Toast; problem: string | null } {
  if (!isRecord(value))
    return { toast: { message: preview(value), severity: '' }, problem: 'toast payload is not {message, severity}' };
  const message = optionalString(value.message);
  const severity = optionalString(value.severity);
  const toast = { message: message ?? JSON.stringify(toJsonSafe(value.message)), severity: severity ?? '' };
  if (message === undefined) return { toast, problem: 'toast has no string message' };
  if (severity === undefined) return { toast, problem: 'toast has no string severity' };
  if (!(TOAST_SEVERITIES as readonly string[]).includes(severity)) {
    return { toast, problem: `toast severity "${severity}" is not one of ${TOAST_SEVERITIES.join(', ')}` };
  }
  return { toast, problem: null };
}

/** Context handed in by people or tests: `{contact: {phone?, email?, name?}, conversationId?}`. */
export function parseHostContext(value: unknown): HostContext {
  if (!isRecord(value))
    throw new TypeError('context must be an object {contact: {phone?, email?, name?}, conversationId?}');
  const { contact, conversationId } = value;
  if (contact !== undefined && !isRecord(contact)) throw new TypeError('context.contact must be an object');
  const out: ContextContact = {};
  for (const key of ['phone', 'email', 'name'] as const) {
    const member = contact?.[key];
    if (member === undefined || member === null || member === '') continue;
    if (typeof member !== 'string') throw new TypeError(`context.contact.${key} must be a string`);
    out[key] = member;
  }
  const context: HostContext = { contact: out };
  if (conversationId !== undefined && conversationId !== null && conversationId !== '') {
    if (typeof conversationId !== 'string') throw new TypeError('context.conversationId must be a string');
    context.conversationId = conversationId;
  }
  return context;
}
