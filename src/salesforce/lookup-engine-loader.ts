import type * as EngineModule from './lookup-engine';

export type LookupEngine = typeof EngineModule;

let loading: Promise<LookupEngine> | null = null;
let loaded: LookupEngine | null = null;

/** Loads the lookup engine once (later calls share the same promise). */
export function loadLookupEngine(): Promise<LookupEngine> {
  loading ??= import('./lookup-engine').then((engine) => {
    loaded = engine;
    return engine;
  });
  return loading;
}

/** The engine if it is already loaded (for synchronous formatting in components), else null. */
export function lookupEngineIfLoaded(): LookupEngine | null {
  return loaded;
}
