/**
 * Everything the bridge needs from the browser, injected so tests can use a fake parent and a fake clock.
 * Only {@link defaultEnvironment} touches the globals.
 */

/** Cancels a scheduled callback; calling it twice is harmless. */
export type Cancel = () => void;

export interface Clock {
  now(): number;
  schedule(callback: () => void, delayMs: number): Cancel;
}

/** The host window as the bridge uses it: it only posts to it. */
export interface ParentWindow {
  postMessage(message: unknown, targetOrigin: string, transfer: Transferable[]): void;
}

/** The app's own window: where host events arrive. */
export type SelfWindow = Pick<Window, 'addEventListener' | 'removeEventListener'>;

export interface Logger {
  warn(message: string, ...details: unknown[]): void;
}

export interface BridgeEnvironment {
  readonly self: SelfWindow;
  /** `window.parent`, or null when the app is not framed (missing parent, or the parent is the window itself). */
  readonly parent: ParentWindow | null;
  readonly clock: Clock;
  readonly createChannel: () => MessageChannel;
  readonly logger: Logger;
  /**
   * The parent page's origin when the browser tells it (`location.ancestorOrigins`, Chromium and Safari);
   * undefined when it can't be known. Requests then go only to that origin, and not at all when it is
   * not an allowed x-bees origin, so a foreign page framing the app gets nothing.
   */
  readonly parentOrigin?: string;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(callback, delayMs) {
    // Looked up on each call so test fake timers installed later still apply.
    const id = globalThis.setTimeout(callback, delayMs);
    return () => {
      globalThis.clearTimeout(id);
    };
  },
};

/** The parent of `win`, or null outside an iframe. */
export function parentOf(win: Window): ParentWindow | null {
  // `window.parent` is typed as always present but is null in detached documents.
  const parent = win.parent as Window | null;
  return parent === null || parent === win ? null : parent;
}

/** `location.ancestorOrigins[0]` where the browser implements it. */
export function parentOriginOf(win: Window): string | undefined {
  const ancestors = (win.location as { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  const first = ancestors && ancestors.length > 0 ? ancestors.item(0) : null;
  return first ?? undefined;
}

export function defaultEnvironment(win: Window = window): BridgeEnvironment {
  const parentOrigin = parentOriginOf(win);
  return {
    self: win,
    parent: parentOf(win),
    clock: systemClock,
    createChannel: () => new MessageChannel(),
    logger: console,
    ...(parentOrigin === undefined ? {} : { parentOrigin }),
  };
}
