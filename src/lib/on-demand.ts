/**
 * Code loaded on demand (a dynamic `import()`, often with the messages of its screens), loaded once: every
 * caller shares the first load, and once it has arrived it is there synchronously too. The React side is
 * `useOnDemand` (src/ui/use-on-demand.ts). A load that fails stays failed, as a failed `import()` does.
 */
export interface OnDemand<T> {
  /** Starts loading (a prefetch, or the first use) and resolves with the module; later calls share it. */
  load: () => Promise<T>;
  /** The module once it has loaded, else null. */
  loaded: () => T | null;
}

export function onDemand<T>(load: () => Promise<T>): OnDemand<T> {
  let loaded: T | null = null;
  let loading: Promise<T> | null = null;
  return {
    load: () => {
      loading ??= load().then((module) => {
        loaded = module;
        return module;
      });
      return loading;
    },
    loaded: () => loaded,
  };
}
