import { afterEach, describe, expect, it, vi } from 'vitest';
import type { XBeesBridge } from './bridge';
import { settle } from '../../mocks/testing/fake-parent';
import { ManualClock } from '../../mocks/testing/manual-clock';
import { CLIENT_VERSION, THROTTLED_MESSAGE } from './protocol';
import { createTestBridge, type TestBridge } from '../../mocks/testing/test-bridge';

const bridges: XBeesBridge[] = [];
function harness(...args: Parameters<typeof createTestBridge>): TestBridge & { clock: ManualClock } {
  const clock = new ManualClock();
  const made = createTestBridge({ clock, ...args[0] });
  bridges.push(made.bridge);
  return { ...made, clock };
}
afterEach(() => {
  for (const bridge of bridges.splice(0)) bridge.destroy();
});

/** Compares dotted versions numerically. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let index = 0; index < 3; index += 1) {
    const diff = (pa[index] ?? 0) - (pb[index] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Waits until the bridge has received a throttle rejection and scheduled its retry (request timeouts are 60 s here). */
async function retryScheduled(clock: ManualClock): Promise<void> {
  await vi.waitFor(() => {
    expect(clock.dueIn().some((delay) => delay <= 2000)).toBe(true);
  });
}

const authTypes = (test: TestBridge) =>
  test.parent.types().filter((type) => type === 'xBeesAuthorized' || type === 'xBeesNotAuthorized');

describe('ready', () => {
  it('sends xBeesReady with a semver version ≥ 1.0.10, once', async () => {
    const test = harness();
    await test.bridge.ready();
    await test.bridge.ready();
    expect(test.parent.types()).toEqual(['xBeesReady']);
    const payload = test.parent.requests[0]?.payload as { version: unknown };
    expect(payload).toEqual({ version: CLIENT_VERSION });
    expect(CLIENT_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(compareVersions(CLIENT_VERSION, '1.0.10')).toBeGreaterThanOrEqual(0);
  });

  it('holds status reports until ready() has been answered', async () => {
    const test = harness();
    test.bridge.isNotAuthorized();
    test.bridge.isAuthorized();
    await settle();
    expect(test.parent.requests).toEqual([]);
    await test.bridge.ready();
    expect(test.parent.types()).toEqual(['xBeesReady', 'xBeesAuthorized']);
  });

  it('still reports the status when the host rejected ready', async () => {
    const test = harness();
    test.parent.replyTo('xBeesReady', { errorMessage: 'nope' });
    test.bridge.isAuthorized();
    await expect(test.bridge.ready()).rejects.toMatchObject({ kind: 'rejected' });
    expect(test.parent.types()).toEqual(['xBeesReady', 'xBeesAuthorized']);
  });
});

describe('sign-in status reports and the host throttle', () => {
  it('does not send the same status twice in a row', async () => {
    const test = harness({ throttle: true });
    await test.bridge.ready();
    test.bridge.isAuthorized();
    test.clock.advance(5000);
    test.bridge.isAuthorized();
    test.bridge.reportAuthStatus('authorized');
    test.clock.advance(5000);
    expect(authTypes(test)).toEqual(['xBeesAuthorized']);
  });

  it('delays a repeated status type until the 1 s window has passed, so the host accepts every send', async () => {
    const test = harness({ throttle: true });
    await test.bridge.ready();
    const start = test.clock.now();
    test.bridge.isAuthorized();
    test.clock.advance(100);
    test.bridge.isNotAuthorized(); // other type: goes at once
    test.clock.advance(200);
    test.bridge.isAuthorized(); // same type as 300 ms ago: held
    expect(authTypes(test)).toEqual(['xBeesAuthorized', 'xBeesNotAuthorized']);
    test.clock.advance(700); // t = 1000: exactly the window, not past it
    expect(authTypes(test)).toEqual(['xBeesAuthorized', 'xBeesNotAuthorized']);
    test.clock.advance(100);
    expect(authTypes(test)).toEqual(['xBeesAuthorized', 'xBeesNotAuthorized', 'xBeesAuthorized']);
    const sends = test.parent.requests.filter((request) => request.type === 'xBeesAuthorized');
    expect(sends[1]!.at - start).toBeGreaterThan(1000);
    expect(test.parent.replies.filter((reply) => reply.errorMessage !== '')).toEqual([]);
  });

  it('lets the latest status win: a held status that is no longer wanted is never sent', async () => {
    const test = harness({ throttle: true });
    await test.bridge.ready();
    test.bridge.isAuthorized();
    test.clock.advance(100);
    test.bridge.isNotAuthorized();
    test.clock.advance(100);
    test.bridge.isAuthorized(); // held
    test.clock.advance(100);
    test.bridge.isNotAuthorized(); // back to what the host already has: drop the held one
    test.clock.advance(5000);
    expect(authTypes(test)).toEqual(['xBeesAuthorized', 'xBeesNotAuthorized']);
  });

  it('keeps the host free of throttle rejections under rapid toggling, and ends on the latest status', async () => {
    const test = harness({ throttle: true });
    await test.bridge.ready();
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    let latest: 'authorized' | 'not-authorized' = 'authorized';
    for (let step = 0; step < 60; step += 1) {
      latest = random() < 0.5 ? 'authorized' : 'not-authorized';
      test.bridge.reportAuthStatus(latest);
      test.clock.advance(Math.floor(random() * 400));
    }
    test.clock.advance(3000);
    await settle();
    const sent = authTypes(test);
    expect(test.parent.replies.filter((reply) => reply.errorMessage !== '')).toEqual([]);
    expect(sent.at(-1)).toBe(latest === 'authorized' ? 'xBeesAuthorized' : 'xBeesNotAuthorized');
    for (let index = 1; index < sent.length; index += 1) expect(sent[index]).not.toBe(sent[index - 1]);
  });

  it('swallows a throttle rejection and sends the status again after the window', async () => {
    const test = harness({ requestTimeoutMs: 60_000 });
    let calls = 0;
    test.parent.replyTo('xBeesAuthorized', () => {
      calls += 1;
      return calls === 1 ? { errorMessage: THROTTLED_MESSAGE } : { payload: undefined };
    });
    await test.bridge.ready();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      test.bridge.isAuthorized();
      test.clock.advance(500);
      await retryScheduled(test.clock); // the rejection arrives 500 ms after the send; the host refreshed its timestamp then
      test.clock.advance(999);
      expect(authTypes(test)).toEqual(['xBeesAuthorized']);
      test.clock.advance(100);
      expect(authTypes(test)).toEqual(['xBeesAuthorized', 'xBeesAuthorized']);
      const [first, second] = test.parent.requests.filter((request) => request.type === 'xBeesAuthorized');
      expect(second!.at - first!.at).toBeGreaterThan(1500);
      await settle();
      expect(test.logger.warnings).toEqual([]);
      expect(unhandled).not.toHaveBeenCalled();
      // Delivered now: the same status is not sent again.
      test.bridge.isAuthorized();
      test.clock.advance(5000);
      expect(authTypes(test)).toHaveLength(2);
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('gives up after three throttled retries with one warning, and tries again on the next report', async () => {
    const test = harness({ requestTimeoutMs: 60_000 });
    test.parent.replyTo('xBeesNotAuthorized', { errorMessage: THROTTLED_MESSAGE });
    await test.bridge.ready();
    test.bridge.isNotAuthorized();
    for (let retry = 0; retry < 3; retry += 1) {
      await retryScheduled(test.clock);
      test.clock.advance(1100);
    }
    await vi.waitFor(() => {
      expect(test.logger.warnings).toHaveLength(1);
    });
    expect(authTypes(test)).toHaveLength(4);
    expect(test.clock.pending).toBe(0);
    test.clock.advance(1100);
    test.bridge.isNotAuthorized();
    expect(authTypes(test)).toHaveLength(5);
  });

  it('logs other failures and resends the status when it is reported again', async () => {
    const test = harness();
    let calls = 0;
    test.parent.replyTo('xBeesAuthorized', () => {
      calls += 1;
      return calls === 1 ? { errorMessage: 'command xBeesAuthorized not supported' } : { payload: undefined };
    });
    await test.bridge.ready();
    test.bridge.isAuthorized();
    await vi.waitFor(() => {
      expect(test.logger.warnings).toHaveLength(1);
    });
    expect(test.clock.pending).toBe(0);
    test.clock.advance(1100);
    test.bridge.isAuthorized();
    expect(authTypes(test)).toEqual(['xBeesAuthorized', 'xBeesAuthorized']);
  });
});
