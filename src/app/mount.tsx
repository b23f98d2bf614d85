import '@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.min.css';
import '@/ui/theme.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type AppProps } from './app';

/** Loaded lazily by main.tsx for the UI variants only: the daemon never downloads React UI or SLDS. */
export function mountApp(container: HTMLElement, props: AppProps): void {
  createRoot(container).render(
    <StrictMode>
      <App {...props} />
    </StrictMode>,
  );
}
