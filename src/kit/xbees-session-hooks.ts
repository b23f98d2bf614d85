/** React selector hooks over the x-bees session store (UI variants only; the daemon never loads React). */
import { useStore } from 'zustand';
import type { CallState, ContextStatus, HandshakeStatus } from '@/xbees/session-store';
import { xbeesSessionStore } from '@/xbees/session-store';
import type { ThemeMode, Variant, XBeesContext } from '@/xbees/protocol';

// selector hooks --------------------------------------------------------------------------------------

export const useXBeesVariant = (): Variant | null => useStore(xbeesSessionStore, (state) => state.variant);
export const useXBeesIframeId = (): string | null => useStore(xbeesSessionStore, (state) => state.iframeId);
export const useXBeesUserEmail = (): string | null => useStore(xbeesSessionStore, (state) => state.userEmail);
export const useXBeesContext = (): XBeesContext | null => useStore(xbeesSessionStore, (state) => state.context);
export const useXBeesContextStatus = (): ContextStatus => useStore(xbeesSessionStore, (state) => state.contextStatus);
export const useThemeMode = (): ThemeMode => useStore(xbeesSessionStore, (state) => state.themeMode);
export const useCurrentCall = (): CallState | null => useStore(xbeesSessionStore, (state) => state.call);
export const useHandshakeStatus = (): HandshakeStatus => useStore(xbeesSessionStore, (state) => state.handshake);
export const useHandshakeError = (): string | null => useStore(xbeesSessionStore, (state) => state.handshakeError);
