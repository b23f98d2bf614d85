import { describe, expect, it } from 'vitest';
import { EVENT, REQUEST, eventKeyOf, requestKeyOf, wireTypes, type MessageTypeEntry } from './protocol';

const all = (table: Record<string, MessageTypeEntry>) => Object.values(table).flatMap((entry) => wireTypes(entry));

describe('the message type table', () => {
  it('uses each string once, across requests and events', () => {
    const strings = [...all(REQUEST), ...all(EVENT)];
    expect(new Set(strings).size).toBe(strings.length);
  });

  it('holds the 19 strings the spec confirms (§7.2) as primary types', () => {
    const primary = new Set<string>([...Object.values(REQUEST), ...Object.values(EVENT)].map((entry) => entry.type));
    for (const type of [
      'xBeesReady',
      'xBeesContext',
      'xBeesCurrentContact',
      'xBeesThemeMode',
      'xBeesTheme',
      'xBeesStartCall',
      'xBeesViewPort',
      'xBeesReboot',
      'xBeesToClipboard',
      'xBeesNotAuthorized',
      'xBeesAuthorized',
      'xBeesSearchResult',
      'xBeesContactsAutoSuggest',
      'xBeesGetSearchResult',
      'xBeesGetContactsAutoSuggest',
      'xBeesAddCall',
      'xBeesTerminateCall',
      'xBeesUseTheme',
      'xBeesPbxToken',
    ]) {
      expect(primary.has(type), type).toBe(true);
    }
  });

  it('sends the primary guesses of §7.1 and marks them guessed', () => {
    expect(REQUEST.contactLookupAndMatch).toMatchObject({ type: 'xBeesContactLookupAndMatch', confidence: 'guessed' });
    expect(REQUEST.contactLookupAndMatchBatch).toMatchObject({
      type: 'xBeesContactLookupAndMatchBatch',
      confidence: 'guessed',
    });
    expect(REQUEST.contactUpdated).toMatchObject({ type: 'xBeesContactUpdated', confidence: 'guessed' });
    expect(REQUEST.createContactIsSupported).toMatchObject({
      type: 'xBeesCreateContactIsSupported',
      confidence: 'guessed',
    });
    expect(REQUEST.showToast).toMatchObject({ type: 'xBeesShowToast', confidence: 'guessed' });
    expect(EVENT.lookupAndMatch).toMatchObject({ type: 'xBeesGetLookUpAndMatch', confidence: 'guessed' });
    expect(EVENT.lookupAndMatchBatch).toMatchObject({ type: 'xBeesGetLookUpAndMatchBatch', confidence: 'guessed' });
    expect(EVENT.logout).toMatchObject({ type: 'xBeesLogout', confidence: 'guessed' });
  });

  it('marks the three throttled requests', () => {
    const throttled = Object.values(REQUEST as Record<string, MessageTypeEntry>)
      .filter((entry) => entry.throttled)
      .map((entry) => entry.type);
    expect(throttled.sort()).toEqual(['xBeesAuthorized', 'xBeesNotAuthorized', 'xBeesStartCall']);
  });

  it('maps every spelling back to its entry', () => {
    expect(eventKeyOf('xBeesGetLookupAndMatch')).toBe('lookupAndMatch');
    expect(eventKeyOf('xBeesUserLogout')).toBe('logout');
    expect(eventKeyOf('xBeesContactsAutoSuggest')).toBeUndefined();
    expect(requestKeyOf('xBeesContactsAutosuggest')).toBe('contactsAutoSuggest');
    expect(requestKeyOf('xBeesGetContactsAutoSuggest')).toBeUndefined();
  });
});
