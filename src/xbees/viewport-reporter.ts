/**
 * Tells x-bees how tall the app is (§6): on start, then 100 ms after a size change, with height =
 * `document.body.clientHeight` and width = `document.documentElement.scrollWidth`. As in the template, a
 * report whose height equals the last one sent is skipped; so is height 0, which the host ignores.
 */
import type { Cancel, Clock, Logger } from './environment';
import type { Viewport } from './protocol';

export interface ViewportReporterOptions {
  readonly document: Document;
  /** Listened to for `resize` when there is no ResizeObserver. */
  readonly window: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** Observes `document.body` when available (pass `undefined` to force the resize fallback). */
  readonly ResizeObserver: typeof ResizeObserver | undefined;
  readonly clock: Clock;
  readonly logger?: Logger;
  readonly delayMs?: number;
}

export function startViewportReporter(
  setViewport: (viewport: Viewport) => Promise<void>,
  options: ViewportReporterOptions,
): () => void {
  const { document: doc, clock } = options;
  const logger = options.logger ?? console;
  const delayMs = options.delayMs ?? 100;
  let lastHeight: number | null = null;
  let cancelPending: Cancel | null = null;
  let stopped = false;

  const report = () => {
    const viewport = { height: doc.body.clientHeight, width: doc.documentElement.scrollWidth };
    if (viewport.height === lastHeight || viewport.height <= 0) return;
    lastHeight = viewport.height;
    setViewport(viewport).catch((error: unknown) => {
      // Not delivered: let the next change (even to the same height) try again.
      if (lastHeight === viewport.height) lastHeight = null;
      if (!stopped) logger.warn('[x-bees] could not report the viewport', error);
    });
  };

  // One pending report at a time; it measures when it fires, so it sees the latest size.
  const onChange = () => {
    if (stopped || cancelPending) return;
    cancelPending = clock.schedule(() => {
      cancelPending = null;
      if (!stopped) report();
    }, delayMs);
  };

  report();
  let observer: ResizeObserver | null = null;
  if (options.ResizeObserver) {
    observer = new options.ResizeObserver(onChange);
    observer.observe(doc.body);
  } else {
    options.window.addEventListener('resize', onChange);
  }

  return () => {
    stopped = true;
    cancelPending?.();
    cancelPending = null;
    if (observer) observer.disconnect();
    else options.window.removeEventListener('resize', onChange);
  };
}
