import { useEffect, useState } from 'react';
import type { OnDemand } from '@/lib/on-demand';

/**
 * Renders code loaded on demand without Suspense: React 19 throttles the reveal of a Suspense boundary (by
 * about 300 ms), which would delay the screen for nothing; this hook gives the module as soon as it has
 * loaded, and at once when it already has. Null while it loads (the component re-renders when it arrives).
 */
export function useOnDemand<T>(code: OnDemand<T>): T | null {
  const [module, setModule] = useState<T | null>(code.loaded);
  useEffect(() => {
    if (module) return;
    let active = true;
    void code.load().then((value) => {
      if (active) setModule(value);
    });
    return () => {
      active = false;
    };
  }, [code, module]);
  return module ?? code.loaded();
}
