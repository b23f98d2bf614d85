import { en, type Messages } from './messages-en';

export type MessageKey = keyof typeof en;

/** The `{placeholder}` names of a message, as a union. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;
export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof en)[K]>, string | number>;

export type Translate = <K extends MessageKey>(
  key: K,
  ...params: Placeholders<(typeof en)[K]> extends never ? [] : [MessageParams<K>]
) => string;

/** Catalogs by language; English is complete and the fallback. */
const catalogs: Readonly<Record<string, Messages>> = { en };

export const SUPPORTED_LOCALES = Object.keys(catalogs);

/** The first of the user's languages we have a catalog for (en-GB → en), else English. */
export function pickLocale(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (catalogs[lower]) return lower;
    const language = lower.split('-')[0] ?? '';
    if (catalogs[language]) return language;
  }
  return 'en';
}

export function createTranslator(locale: string): Translate {
  const catalog = catalogs[locale] ?? en;
  return (key: MessageKey, params?: Record<string, string | number>) => {
    const template = catalog[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => {
      const value = params[name];
      return value === undefined ? match : String(value);
    });
  };
}
