/** Hands the bridge to components: `<XBeesBridgeProvider value={started.bridge}>`, then `useXBeesBridge()`. */
import { createContext, useContext } from 'react';
import type { XBeesBridge } from '@/xbees/bridge';

const BridgeContext = createContext<XBeesBridge | null>(null);

export const XBeesBridgeProvider = BridgeContext.Provider;

export function useXBeesBridge(): XBeesBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useXBeesBridge() needs an <XBeesBridgeProvider value={bridge}> above it');
  return bridge;
}
