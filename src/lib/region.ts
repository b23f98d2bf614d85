/**
 * The country for numbers written without a country code: `config.phone.defaultRegion`, else the region
 * of the browser's first locale that has one (en-GB → GB). Kept apart from the phone library so the
 * entry chunk stays small; phone.ts checks the code against its metadata when it uses it.
 */
export function preferredRegion(configured: string | undefined, locales: readonly string[]): string | undefined {
  if (configured && /^[A-Z]{2}$/.test(configured)) return configured;
  for (const tag of locales) {
    const region = /^[a-z]{2,3}(?:-[A-Za-z]{4})?-([A-Z]{2})\b/i.exec(tag)?.[1];
    if (region) return region.toUpperCase();
  }
  return undefined;
}
