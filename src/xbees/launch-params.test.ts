import { describe, expect, it } from 'vitest';
import { readLaunchParams, showsUi } from './launch-params';

describe('readLaunchParams', () => {
  it('reads variant, iframeId and the configured e-mail parameter', () => {
    expect(readLaunchParams('?variant=daemon&iframeId=f-1&user=ann%40acme.com', 'user')).toEqual({
      variant: 'daemon',
      iframeId: 'f-1',
      userEmail: 'ann@acme.com',
    });
    expect(readLaunchParams('?email=bob@acme.com&user=ann@acme.com', 'email').userEmail).toBe('bob@acme.com');
  });

  it('gives null for missing or unknown values', () => {
    expect(readLaunchParams('', 'user')).toEqual({ variant: null, iframeId: null, userEmail: null });
    expect(readLaunchParams('?variant=full-size&iframeId=&user=not-an-email', 'user')).toEqual({
      variant: null,
      iframeId: null,
      userEmail: null,
    });
  });

  it('counts every variant but daemon, including none, as UI', () => {
    expect(showsUi('daemon')).toBe(false);
    expect(showsUi('info-frame')).toBe(true);
    expect(showsUi('dialog')).toBe(true);
    expect(showsUi(null)).toBe(true);
  });
});
