import { en } from './messages-en';
import type { enWork } from './messages-en-work';

/** Every message, whether its catalog is loaded yet or not. */
type English = typeof en & typeof enWork;
export type MessageKey = keyof English;
export type Messages = Readonly<Record<MessageKey, string>>;

/** The `{placeholder}` names of a message, as a union. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
export type MessageParams<K extends MessageKey> = Record<Placeholders<English[K]>, string | number>;

export type Translate = <K extends MessageKey>(
  key: K,
  ...params: Placeholders<English[K]> extends never ? [] : [MessageParams<K>]
) => string;

/**
 * Catalogs by language; English is complete and the fallback. The shell's messages are here from the start;
 * the messages of screens loaded on demand join when `loadWorkMessages` (work-messages.ts) has run.
 */
const catalogs: Record<string, Partial<Messages>> = { en: { ...en } };

/** Adds messages to a language's catalog (a catalog loaded on demand: work-messages.ts). */
export function addMessages(locale: string, messages: Partial<Messages>): void {
  catalogs[locale] = { ...catalogs[locale], ...messages };
}

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
  return (key: MessageKey, params?: Record<string, string | number>) => {
    const template = catalogs[locale]?.[key] ?? catalogs.en?.[key];
    if (template === undefined) {
      // A screen rendered before its messages loaded is a bug in how it was loaded: tests fail on it; an agent
      // in production sees the message's key rather than a crashed panel.
      const problem = `The message "${key}" is not loaded yet: load its screen with loadWorkMessages().`;
      if (import.meta.env.DEV) throw new Error(problem);
      console.error(problem);
      return key;
    }
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => {
      const value = params[name];
      return value === undefined ? match : String(value);
    });
  };
}
