import { describe, expect, it } from 'vitest';
import { parsePageParams } from './page-params';

describe('page parameters', () => {
  it('has the documented defaults', () => {
    expect(parsePageParams('')).toEqual({
      appUrl: 'http://localhost:4200/',
      orgOrigin: 'http://localhost:4300',
      userEmail: 'jane.doe@acme.example',
      theme: 'light',
      options: {},
      context: { contact: {} },
      problems: [],
    });
  });

  it('reads the app, org, user, switches, type strings and initial context', () => {
    const params = parsePageParams(
      '?app=http://127.0.0.1:5200/app/&org=http://127.0.0.1:5300/x&user=bob@x.example&theme=dark&queueEvents=1&callPayloads=0&pbxToken=true' +
        '&lookupEvent=xBeesLookup&timeoutMs=500&phone=%2B14155550123&name=Ann&conversationId=conv-9',
    );
    expect(params).toEqual({
      appUrl: 'http://127.0.0.1:5200/app/',
      orgOrigin: 'http://127.0.0.1:5300',
      userEmail: 'bob@x.example',
      theme: 'dark',
      options: {
        queueEvents: true,
        callPayloads: false,
        usePbxToken: true,
        lookupEventType: 'xBeesLookup',
        resultTimeoutMs: 500,
      },
      context: { contact: { phone: '+14155550123', name: 'Ann' }, conversationId: 'conv-9' },
      problems: [],
    });
  });

  it('falls back and says why for malformed values', () => {
    const params = parsePageParams('?app=javascript:alert(1)&theme=blue&queueEvents=maybe&timeoutMs=-4');
    expect(params.appUrl).toBe('http://localhost:4200/');
    expect(params.theme).toBe('light');
    expect(params.options).toEqual({});
    expect(params.problems).toHaveLength(4);
  });
});
