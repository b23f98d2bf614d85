/**
 * The one entry `main.tsx` calls: reads the launch parameters, creates the bridge, lets the caller register its
 * handlers, then says `ready` (§6). For UI variants it then follows the theme, loads the context into the
 * session store and reports the viewport.
 */
import type { AppConfig } from '@/lib/config';
import { createBridge, type XBeesBridge } from './bridge';
import { defaultEnvironment, type BridgeEnvironment } from './environment';
import { XBeesRequestError } from './errors';
import { readLaunchParams, showsUi, type LaunchParams } from './launch-params';
import {
  recordCallEnded,
  recordCallStarted,
  setContextFailed,
  setContextLoading,
  setHandshake,
  setLaunchInfo,
  setXBeesContext,
  type HandshakeStatus,
} from './session-store';
import { startThemeSync } from './theme';
import { startViewportReporter } from './viewport-reporter';

export interface StartBridgeOptions {
  /** `config.xbees` from config.json. */
  readonly config: Pick<AppConfig['xbees'], 'allowedOrigins' | 'urlParams'>;
  /**
   * Register handlers here (search, lookup, batch, logout, PBX token…): they are in place before `xBeesReady`
   * goes out. Report the sign-in status with `bridge.isAuthorized()` / `isNotAuthorized()` whenever you
   * like: reports wait for the handshake and are de-duplicated and throttle-safe.
   */
  readonly register?: (bridge: XBeesBridge, launch: LaunchParams) => void;
  /** The app window (default `window`): its URL gives the launch parameters, its document the viewport. */
  readonly window?: Window;
  /** Replaces parts of the environment derived from `window` (tests: a fake parent, a fake clock…). */
  readonly environment?: Partial<BridgeEnvironment>;
  readonly requestTimeoutMs?: number;
  /** Report the viewport size in UI variants (default true). */
  readonly reportViewport?: boolean;
  /** ResizeObserver for the viewport reporter (default: the global one, if any). */
  readonly ResizeObserver?: typeof ResizeObserver;
}

export interface StartedBridge {
  readonly bridge: XBeesBridge;
  readonly launch: LaunchParams;
  readonly showsUi: boolean;
  /** Settles once the handshake is over, with its outcome (also in the session store); never rejects. */
  readonly handshake: Promise<HandshakeStatus>;
  /** Loads the context (§5.3) into the session store again. Never rejects; failures set `contextStatus`. */
  refreshContext(): Promise<void>;
  /** Stops everything started here and destroys the bridge. */
  stop(): void;
}

const globalResizeObserver = (): typeof ResizeObserver | undefined =>
  'ResizeObserver' in globalThis ? globalThis.ResizeObserver : undefined;

export function startBridge(options: StartBridgeOptions): StartedBridge {
  const win = options.window ?? window;
  const environment: BridgeEnvironment = { ...defaultEnvironment(win), ...options.environment };
  const { clock, logger } = environment;
  const launch = readLaunchParams(win.location.search, options.config.urlParams.userEmail);
  const ui = showsUi(launch.variant);
  setLaunchInfo(launch);

  const bridge = createBridge({
    allowedOrigins: options.config.allowedOrigins,
    iframeId: launch.iframeId,
    environment,
    // The integration creates Leads for people Salesforce doesn't know.
    announceCreateContact: true,
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
  });
  const cleanups: (() => void)[] = [
    bridge.onCallStarted((call) => {
      recordCallStarted(call, clock.now());
    }),
    bridge.onCallEnded((call) => {
      recordCallEnded(call, clock.now());
    }),
  ];
  let stopped = false;

  const refreshContext = async (): Promise<void> => {
    setContextLoading();
    try {
      const context = await bridge.getContext();
      if (stopped) return;
      // For the benchmark: the screen pop is measured from here to the complete card.
      globalThis.performance.mark('sfx:context');
      setXBeesContext(context);
    } catch (error) {
      if (stopped) return;
      setContextFailed();
      logger.warn('[x-bees] could not read the context', error);
    }
  };

  options.register?.(bridge, launch);

  setHandshake('connecting');
  const ready = bridge.ready();
  if (ui)
    cleanups.push(startThemeSync(bridge, { root: win.document.documentElement, logger, fetchInitialAfter: ready }));

  const handshake = ready.then(
    (): HandshakeStatus => {
      if (stopped) return 'ready';
      setHandshake('ready');
      if (ui) {
        void refreshContext();
        if (options.reportViewport ?? true) {
          cleanups.push(
            startViewportReporter(bridge.setViewport, {
              document: win.document,
              window: win,
              ResizeObserver: options.ResizeObserver ?? globalResizeObserver(),
              clock,
              logger,
            }),
          );
        }
      }
      return 'ready';
    },
    (error: unknown): HandshakeStatus => {
      const status: HandshakeStatus =
        error instanceof XBeesRequestError && error.kind === 'not-in-iframe' ? 'no-parent' : 'failed';
      if (stopped) return status;
      setHandshake(status, error instanceof Error ? error.message : String(error));
      if (status === 'failed') logger.warn('[x-bees] handshake failed', error);
      return status;
    },
  );

  return {
    bridge,
    launch,
    showsUi: ui,
    handshake,
    refreshContext,
    stop() {
      stopped = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
      bridge.destroy();
    },
  };
}
