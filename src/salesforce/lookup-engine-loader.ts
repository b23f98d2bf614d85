import { onDemand } from '@/lib/on-demand';
import type * as EngineModule from './lookup-engine';

export type LookupEngine = typeof EngineModule;

const engine = onDemand<LookupEngine>(() => import('./lookup-engine'));

/** Loads the lookup engine once (later calls share the same promise). */
export const loadLookupEngine = engine.load;

/** The engine if it is already loaded (for synchronous formatting in components), else null. */
export const lookupEngineIfLoaded = engine.loaded;
