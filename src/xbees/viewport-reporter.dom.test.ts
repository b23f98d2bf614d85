import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { XBeesBridge } from './bridge';
import { ManualClock } from '../../mocks/testing/manual-clock';
import { createTestBridge } from '../../mocks/testing/test-bridge';
import { startViewportReporter } from './viewport-reporter';

let height = 300;
let width = 400;
const bridges: XBeesBridge[] = [];
const stops: (() => void)[] = [];

beforeEach(() => {
  height = 300;
  width = 400;
  Object.defineProperty(document.body, 'clientHeight', { configurable: true, get: () => height });
  Object.defineProperty(document.documentElement, 'scrollWidth', { configurable: true, get: () => width });
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const bridge of bridges.splice(0)) bridge.destroy();
  Reflect.deleteProperty(document.body, 'clientHeight');
  Reflect.deleteProperty(document.documentElement, 'scrollWidth');
});

function setup(resizeObserver?: typeof ResizeObserver) {
  const clock = new ManualClock();
  const test = createTestBridge({ clock });
  bridges.push(test.bridge);
  stops.push(
    startViewportReporter(test.bridge.setViewport, {
      document,
      window,
      ResizeObserver: resizeObserver,
      clock,
      logger: test.logger,
    }),
  );
  const viewports = () => test.parent.ofType('xBeesViewPort').map((request) => request.payload);
  return { ...test, clock, viewports };
}

describe('viewport reporter', () => {
  it('reports on start, then 100 ms after a resize, skipping unchanged and zero heights', () => {
    const { clock, viewports } = setup();
    expect(viewports()).toEqual([{ height: 300, width: 400 }]);

    width = 500; // width alone does not count as a change (as in the template)
    window.dispatchEvent(new Event('resize'));
    clock.advance(100);
    expect(viewports()).toHaveLength(1);

    height = 420;
    window.dispatchEvent(new Event('resize'));
    clock.advance(99);
    expect(viewports()).toHaveLength(1);
    clock.advance(1);
    expect(viewports()).toEqual([
      { height: 300, width: 400 },
      { height: 420, width: 500 },
    ]);

    height = 0;
    window.dispatchEvent(new Event('resize'));
    clock.advance(100);
    expect(viewports()).toHaveLength(2);
  });

  it('measures when the delayed report fires, so a burst of changes sends the last size once', () => {
    const { clock, viewports } = setup();
    height = 310;
    window.dispatchEvent(new Event('resize'));
    clock.advance(50);
    height = 330;
    window.dispatchEvent(new Event('resize'));
    clock.advance(50);
    expect(viewports()).toEqual([
      { height: 300, width: 400 },
      { height: 330, width: 400 },
    ]);
  });

  it('uses a ResizeObserver on document.body when there is one', () => {
    const observed: Element[] = [];
    let notify: () => void = () => undefined;
    class FakeResizeObserver {
      constructor(callback: () => void) {
        notify = callback;
      }
      observe(target: Element) {
        observed.push(target);
      }
      unobserve() {
        return undefined;
      }
      disconnect() {
        notify = () => undefined;
      }
    }
    const { clock, viewports } = setup(FakeResizeObserver as unknown as typeof ResizeObserver);
    expect(observed).toEqual([document.body]);
    height = 500;
    window.dispatchEvent(new Event('resize')); // ignored: the observer is the source now
    clock.advance(100);
    expect(viewports()).toHaveLength(1);
    notify();
    clock.advance(100);
    expect(viewports()).toEqual([
      { height: 300, width: 400 },
      { height: 500, width: 400 },
    ]);
    stops.splice(0).forEach((stop) => {
      stop();
    });
    height = 600;
    notify();
    clock.advance(100);
    expect(viewports()).toHaveLength(2);
  });
});
