import '@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.min.css';
import '@/ui/theme.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browserLocale } from '@/i18n/i18n-context';
import { App, type AppProps } from './app';

type MountProps = AppProps extends infer P ? (P extends { locale: string } ? Omit<P, 'locale'> : never) : never;

/**
 * Loaded lazily by main.tsx for the UI variants only: the daemon never downloads React, the message
 * catalog or SLDS. The locale follows the browser (x-bees runs in the same browser).
 */
export function mountApp(container: HTMLElement, props: MountProps): void {
  const locale = browserLocale();
  document.documentElement.lang = locale;
  createRoot(container).render(
    <StrictMode>
      <App {...props} locale={locale} />
    </StrictMode>,
  );
}
