/** Follows the x-bees theme (§5.5, §6): `data-theme="light|dark"` on the root element and in the session store. */
import type { Logger } from './environment';
import type { Theme, ThemeMode } from './protocol';
import { setThemeMode } from './session-store';
import type { Unsubscribe, XBeesBridge } from './bridge';

export function applyThemeMode(mode: ThemeMode, root: HTMLElement = document.documentElement): void {
  if (root.getAttribute('data-theme') !== mode) root.setAttribute('data-theme', mode);
}

export interface ThemeSyncOptions {
  readonly root?: HTMLElement;
  readonly logger?: Logger;
  /**
   * When to ask the host for the current theme: after this promise resolves (pass the `ready()` promise, as
   * the host answers only after the handshake); `false` to never ask. Default: at once.
   */
  readonly fetchInitialAfter?: Promise<unknown> | false;
}

/**
 * Applies every `xBeesUseTheme` event (listening starts at once) and the reply of `getTheme()`. An event that
 * arrives before that reply wins over it (it is newer). Returns the function that stops following.
 */
export function startThemeSync(
  bridge: Pick<XBeesBridge, 'getTheme' | 'onThemeChange'>,
  options: ThemeSyncOptions = {},
): Unsubscribe {
  const root = options.root ?? document.documentElement;
  const logger = options.logger ?? console;
  let stopped = false;
  let eventSeen = false;
  // Read through a call, so checks after an await are not narrowed away by the compiler.
  const following = () => !stopped;
  const apply = (theme: Theme) => {
    setThemeMode(theme.mode);
    applyThemeMode(theme.mode, root);
  };
  const unsubscribe = bridge.onThemeChange((theme) => {
    eventSeen = true;
    apply(theme);
  });
  const after = options.fetchInitialAfter ?? Promise.resolve();
  const fetchInitial = async () => {
    if (!following()) return;
    try {
      const theme = await bridge.getTheme();
      if (following() && !eventSeen) apply(theme);
    } catch (error) {
      if (following()) logger.warn('[x-bees] could not read the theme', error);
    }
  };
  // Without a handshake there is nobody to ask (that failure is reported by whoever awaited it).
  if (after !== false) void after.then(fetchInitial, () => undefined);
  return () => {
    stopped = true;
    unsubscribe();
  };
}
