import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createTranslator, pickLocale, type Translate } from './i18n';

interface I18n {
  locale: string;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

/** The locale follows the browser (x-bees runs in the same browser and sets its language). */
export function browserLocale(): string {
  return pickLocale(typeof navigator === 'undefined' ? [] : navigator.languages);
}

export function I18nProvider({ locale, children }: { locale: string; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: createTranslator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs an <I18nProvider> above it');
  return value;
}
