import { afterEach, describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../mocks/testing/salesforce-harness';
import { loadLookupEngine } from '@/salesforce/lookup-engine-loader';
import { createTestBridge, type TestBridge } from '../../mocks/testing/test-bridge';
import { registerDaemonHandlers } from './daemon';

const h = setupSalesforceHarness();
let made: TestBridge | null = null;

afterEach(() => {
  made?.bridge.destroy();
  made = null;
});

function daemon() {
  made = createTestBridge();
  const handlers = registerDaemonHandlers(made.bridge, { ...h.deps, session: h.session, region: 'US' });
  return { ...made, handlers };
}

/** Waits for the app to post a request of this type to the fake host. */
async function answered(test: TestBridge, type: string) {
  for (let i = 0; i < 200; i++) {
    const request = test.parent.requests.find((r) => r.type === type);
    if (request) return request;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no ${type} request`);
}

const searches = () => h.emulator.log.filter((entry) => entry.path.includes('/search?'));

describe('daemon: Live Search and lookup-and-match', () => {
  it('answers auto-suggest with x-bees contacts whose ids are Salesforce ids', async () => {
    const { parent } = daemon();
    parent.emit('xBeesGetContactsAutoSuggest', 'ada lov');
    const request = await answered(made!, 'xBeesContactsAutoSuggest');
    expect(request.payload).toEqual({
      query: 'ada lov',
      contacts: [
        {
          id: h.emulator.ids.contacts.ada,
          name: 'Ada Lovelace',
          email: 'ada.lovelace@globex.example',
          phone: '+14155550100',
          mobileNumber: '+14155550142',
          officeNumber: '+14155550100',
          organization: 'Globex Corporation',
        },
      ],
    });
  });

  it('matches a lookup by the same ranking as the card, and caches the answer', async () => {
    const { parent } = daemon();
    parent.emit('xBeesGetLookUpAndMatch', { phone: '+14155550100' });
    const request = await answered(made!, 'xBeesContactLookupAndMatch');
    const payload = request.payload as { contact: { id: string; name: string } | null };
    expect(payload.contact?.name).toMatch(/^(Ada Lovelace|Grace Hopper)$/);
    const before = searches().length;
    parent.emit('xBeesGetLookUpAndMatch', { phone: '(415) 555-0100' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(parent.requests.filter((r) => r.type === 'xBeesContactLookupAndMatch')).toHaveLength(2);
    expect(searches().length).toBe(before);
  });

  it('answers "no contact" for an unknown number', async () => {
    const { parent } = daemon();
    parent.emit('xBeesGetLookUpAndMatch', { phone: '+12025550111' });
    const request = await answered(made!, 'xBeesContactLookupAndMatch');
    expect((request.payload as { contact: unknown }).contact).toBeNull();
  });

  it('answers a batch of 20 numbers with one SOSL', async () => {
    await loadLookupEngine();
    await h.describes.warm(['Lead', 'Contact', 'Account']);
    const { parent } = daemon();
    const numbers = [
      '+14155550142',
      '+49891234567',
      ...Array.from({ length: 18 }, (_, i) => `+1202555${String(2000 + i)}`),
    ];
    h.emulator.log.length = 0;
    parent.emit(
      'xBeesGetLookUpAndMatchBatch',
      numbers.map((phone) => ({ phone })),
    );
    const request = await answered(made!, 'xBeesContactLookupAndMatchBatch');
    const results = request.payload as { query: { phone: string }; contact: { id: string } | null }[];
    expect(results).toHaveLength(20);
    expect(results[0]?.contact?.id).toBe(h.emulator.ids.contacts.ada);
    expect(results[1]?.contact?.id).toBe(h.emulator.ids.contacts.juergen);
    expect(results[5]?.contact).toBeNull();
    expect(searches()).toHaveLength(1);
  });

  it('answers a batch of numbers and e-mail addresses with one SOSL for each kind', async () => {
    await loadLookupEngine();
    await h.describes.warm(['Lead', 'Contact', 'Account']);
    const { parent } = daemon();
    h.emulator.log.length = 0;
    parent.emit('xBeesGetLookUpAndMatchBatch', [
      { email: 'ada.lovelace@globex.example' },
      { phone: '+49891234567' },
      { email: 'grace.hopper@globex.example' },
      { email: 'nobody@nowhere.example' },
    ]);
    const request = await answered(made!, 'xBeesContactLookupAndMatchBatch');
    const results = request.payload as { contact: { id: string } | null }[];
    expect(results.map((r) => r.contact?.id ?? null)).toEqual([
      h.emulator.ids.contacts.ada,
      h.emulator.ids.contacts.juergen,
      h.emulator.ids.contacts.grace,
      null,
    ]);
    expect(searches()).toHaveLength(2);
  });

  it('says not authorized and answers nothing while signed out', async () => {
    await h.session.signOut();
    const { parent } = daemon();
    parent.emit('xBeesGetContactsAutoSuggest', 'ada');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(parent.requests.some((r) => r.type === 'xBeesContactsAutoSuggest')).toBe(false);
  });
});
