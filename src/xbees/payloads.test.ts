import { describe, expect, it } from 'vitest';
import {
  parseCallInfo,
  parseContactQuery,
  parseContext,
  parseIncomingMessage,
  parseReplyEnvelope,
  parseTheme,
  toWireContact,
  toWireContacts,
} from './payloads';

describe('parseContext', () => {
  it('reads the 1.x shape and keeps other top-level fields opaque in extra', () => {
    const parsed = parseContext({
      contact: { email: ' ann@acme.com ', phone: '+15550100', name: 'Ann', avatar: 'x' },
      conversationId: 'conv-1',
      participants: [1, 2],
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        contact: { email: 'ann@acme.com', phone: '+15550100', name: 'Ann' },
        conversationId: 'conv-1',
        extra: { participants: [1, 2] },
      },
    });
  });

  it('reads the 2023 {contactEmail, contactPhone} shape and a bare contact', () => {
    expect(parseContext({ contactEmail: 'old@acme.com', contactPhone: '+1' })).toEqual({
      ok: true,
      value: { contact: { email: 'old@acme.com', phone: '+1' }, extra: {} },
    });
    expect(parseContext({ email: 'bare@acme.com', name: 'Bare' })).toEqual({
      ok: true,
      value: { contact: { email: 'bare@acme.com', name: 'Bare' }, extra: {} },
    });
  });

  it('ignores fields of the wrong type and gives an empty context for no payload', () => {
    expect(parseContext({ contact: { email: 42, phone: '' }, conversationId: 7 })).toEqual({
      ok: true,
      value: { contact: {}, extra: {} },
    });
    expect(parseContext(undefined)).toEqual({ ok: true, value: { contact: {}, extra: {} } });
    expect(parseContext(null)).toEqual({ ok: true, value: { contact: {}, extra: {} } });
    expect(parseContext(42).ok).toBe(false);
    expect(parseContext(['a']).ok).toBe(false);
  });
});

describe('parseTheme', () => {
  it('accepts objects and bare strings and rejects anything else', () => {
    expect(parseTheme('dark')).toEqual({ ok: true, value: { mode: 'dark' } });
    expect(parseTheme({ mode: 'light', themeOptions: null })).toEqual({ ok: true, value: { mode: 'light' } });
    expect(parseTheme({ mode: 'light', themeOptions: { typography: {} } })).toEqual({
      ok: true,
      value: { mode: 'light', themeOptions: { typography: {} } },
    });
    expect(parseTheme('Dark').ok).toBe(false);
    expect(parseTheme({ mode: 'sepia' }).ok).toBe(false);
    expect(parseTheme(undefined).ok).toBe(false);
  });
});

describe('parseCallInfo', () => {
  it('takes well-typed known fields only', () => {
    expect(parseCallInfo({ callId: 'c1', phoneNumber: '+1', direction: 'OUTGOING', duration: 12.5 })).toEqual({
      callId: 'c1',
      phoneNumber: '+1',
      direction: 'outbound',
      durationSeconds: 12.5,
    });
    expect(parseCallInfo({ id: {}, phone: 5, direction: 'sideways', duration: -3 })).toEqual({});
    expect(parseCallInfo({ durationSeconds: 'x', call_id: 9 })).toEqual({ callId: '9' });
  });

  it('tolerates any payload', () => {
    for (const payload of [undefined, null, '', 'text', 42, [], true]) expect(parseCallInfo(payload)).toEqual({});
  });
});

describe('contacts sent to the host', () => {
  it('keeps only the known fields of a valid contact', () => {
    expect(
      toWireContact({ id: '1', name: 'Ann', email: 'a@b.co', accessToken: 't', Owner: { Id: '005' }, phone: 7 }),
    ).toEqual({
      id: '1',
      name: 'Ann',
      email: 'a@b.co',
    });
  });

  it('applies the validity rule: id and name non-empty, and phone or email', () => {
    expect(toWireContact({ id: '1', name: 'Ann', phone: '+1' })).not.toBeNull();
    expect(toWireContact({ id: '1', name: 'Ann', mobileNumber: '+1' })).toBeNull();
    expect(toWireContact({ id: ' ', name: 'Ann', phone: '+1' })).toBeNull();
    expect(toWireContact({ id: '1', name: '', phone: '+1' })).toBeNull();
    expect(toWireContact(null)).toBeNull();
    expect(toWireContacts([{ id: '1', name: 'A', phone: '+1' }, {}, 'x'])).toEqual({
      contacts: [{ id: '1', name: 'A', phone: '+1' }],
      dropped: 2,
    });
  });
});

describe('envelopes', () => {
  it('parses object and JSON-string events, and rejects the rest', () => {
    expect(parseIncomingMessage({ type: 'xBeesLogout' })).toEqual({ type: 'xBeesLogout', payload: undefined });
    expect(parseIncomingMessage('{"type":"xBeesUseTheme","payload":"dark"}')).toEqual({
      type: 'xBeesUseTheme',
      payload: 'dark',
    });
    expect(parseIncomingMessage('{"type":')).toBeNull();
    expect(parseIncomingMessage('"xBeesLogout"')).toBeNull();
    expect(parseIncomingMessage({ type: '' })).toBeNull();
    expect(parseIncomingMessage([{ type: 'xBeesLogout' }])).toBeNull();
  });

  it('treats every falsy errorMessage as success', () => {
    for (const errorMessage of ['', undefined, null, 0, false]) {
      expect(parseReplyEnvelope({ type: 't', errorMessage, payload: 1 })).toEqual({
        ok: true,
        value: { type: 't', errorMessage: '', payload: 1 },
      });
    }
    expect(parseReplyEnvelope({ errorMessage: 'bad' })).toMatchObject({ ok: true, value: { errorMessage: 'bad' } });
    expect(parseReplyEnvelope({ errorMessage: { code: 1 } })).toMatchObject({
      ok: true,
      value: { errorMessage: 'x-bees reported an error' },
    });
    expect(parseReplyEnvelope('ok').ok).toBe(false);
  });

  it('reads contact queries, keeping the raw object for the echo', () => {
    const raw = { email: ' a@b.co ', phone: '', id: 'q1' };
    expect(parseContactQuery(raw)).toEqual({ ok: true, value: { query: { email: 'a@b.co' }, raw } });
    expect(parseContactQuery({}).ok).toBe(true);
    expect(parseContactQuery({ phone: 1 }).ok).toBe(false);
  });
});
