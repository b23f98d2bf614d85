/**
 * Client state that comes from x-bees: who we are (variant, iframe id, user e-mail), what the frame is about
 * (context), the theme, the current call and how the handshake went. Written only by the bridge wiring
 * (start-bridge, theme); read through the selector hooks below.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { CallInfo, ThemeMode, Variant, XBeesContext } from './protocol';

/**
 * - `idle`: the bridge has not started;
 * - `connecting`: `xBeesReady` sent, no reply yet;
 * - `ready`: the host acknowledged `xBeesReady`;
 * - `no-parent`: not inside an iframe (nothing can be sent);
 * - `failed`: the host did not acknowledge (timeout or error); see `handshakeError`.
 */
export type HandshakeStatus = 'idle' | 'connecting' | 'ready' | 'no-parent' | 'failed';

export type ContextStatus = 'idle' | 'loading' | 'loaded' | 'failed';

export interface CallState {
  readonly status: 'active' | 'ended';
  /** Started-event info, completed by the ended-event info (later fields win). */
  readonly info: CallInfo;
  /** Local clock (ms) when the events arrived; null when we did not see that event. */
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

interface XBeesSessionState {
  readonly variant: Variant | null;
  readonly iframeId: string | null;
  readonly userEmail: string | null;
  readonly context: XBeesContext | null;
  readonly contextStatus: ContextStatus;
  readonly themeMode: ThemeMode;
  readonly call: CallState | null;
  readonly handshake: HandshakeStatus;
  readonly handshakeError: string | null;
}

const initialState: XBeesSessionState = {
  variant: null,
  iframeId: null,
  userEmail: null,
  context: null,
  contextStatus: 'idle',
  themeMode: 'light',
  call: null,
  handshake: 'idle',
  handshakeError: null,
};

const store = createStore<XBeesSessionState>()(() => initialState);

// --- selector hooks --------------------------------------------------------------------------------------

export const useXBeesVariant = (): Variant | null => useStore(store, (state) => state.variant);
export const useXBeesIframeId = (): string | null => useStore(store, (state) => state.iframeId);
export const useXBeesUserEmail = (): string | null => useStore(store, (state) => state.userEmail);
export const useXBeesContext = (): XBeesContext | null => useStore(store, (state) => state.context);
export const useXBeesContextStatus = (): ContextStatus => useStore(store, (state) => state.contextStatus);
export const useThemeMode = (): ThemeMode => useStore(store, (state) => state.themeMode);
export const useCurrentCall = (): CallState | null => useStore(store, (state) => state.call);
export const useHandshakeStatus = (): HandshakeStatus => useStore(store, (state) => state.handshake);
export const useHandshakeError = (): string | null => useStore(store, (state) => state.handshakeError);

// --- plain readers (outside React: daemon handlers, auth) -----------------------------------------------

/** The x-bees user's e-mail read from the URL at start (null before `startBridge` or when absent). */
export const getUserEmail = (): string | null => store.getState().userEmail;
export const getThemeModeSnapshot = (): ThemeMode => store.getState().themeMode;
export const getHandshakeStatus = (): HandshakeStatus => store.getState().handshake;
export const getXBeesContextSnapshot = (): XBeesContext | null => store.getState().context;

// --- actions ---------------------------------------------------------------------------------------------

export function setLaunchInfo(launch: { readonly variant: Variant | null; readonly iframeId: string | null; readonly userEmail: string | null }): void {
  store.setState({ variant: launch.variant, iframeId: launch.iframeId, userEmail: launch.userEmail });
}

export function setHandshake(handshake: HandshakeStatus, error: string | null = null): void {
  store.setState({ handshake, handshakeError: error });
}

export function setContextLoading(): void {
  store.setState({ contextStatus: 'loading' });
}

export function setXBeesContext(context: XBeesContext): void {
  store.setState({ context, contextStatus: 'loaded' });
}

export function setContextFailed(): void {
  store.setState({ contextStatus: 'failed' });
}

export function setThemeMode(themeMode: ThemeMode): void {
  if (store.getState().themeMode !== themeMode) store.setState({ themeMode });
}

export function recordCallStarted(info: CallInfo, at: number): void {
  store.setState({ call: { status: 'active', info, startedAt: at, endedAt: null } });
}

/** Ends the current call; an ended event for a different call id starts a fresh record. */
export function recordCallEnded(info: CallInfo, at: number): void {
  const previous = store.getState().call;
  const sameCall =
    previous !== null && previous.status === 'active' && (info.callId === undefined || previous.info.callId === undefined || info.callId === previous.info.callId);
  store.setState({
    call: sameCall
      ? { status: 'ended', info: { ...previous.info, ...info }, startedAt: previous.startedAt, endedAt: at }
      : { status: 'ended', info, startedAt: null, endedAt: at },
  });
}

/** Back to the initial state (tests, or a full restart of the bridge). */
export function resetXBeesSession(): void {
  store.setState(initialState, true);
}
