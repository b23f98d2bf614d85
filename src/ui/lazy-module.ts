import { useEffect, useState } from 'react';

/**
 * Loads a code-split module without Suspense. React 19 throttles the reveal of a Suspense boundary (by
 * about 300 ms), which on the screen-pop path would delay the card for nothing; this hook renders the
 * module as soon as it has loaded, and at once when it already has.
 */
export function createModuleLoader<T>(load: () => Promise<T>) {
  let loaded: T | null = null;
  let pending: Promise<T> | null = null;
  const start = () => {
    pending ??= load().then((module) => {
      loaded = module;
      return module;
    });
    return pending;
  };
  return {
    /** Starts loading (prefetch); resolves with the module. */
    load: start,
    /** The module, or null while it loads (the component re-renders when it arrives). */
    useModule(): T | null {
      const [module, setModule] = useState<T | null>(loaded);
      useEffect(() => {
        if (module) return;
        let active = true;
        void start().then((value) => {
          if (active) setModule(value);
        });
        return () => {
          active = false;
        };
      }, [module]);
      return module ?? loaded;
    },
  };
}
