/**
 * Entry: read the variant → load and validate config.json → start the x-bees bridge (handlers first,
 * then ready) → in UI variants, lazily mount the app. The daemon stays headless.
 */
import { browserLocale } from '@/i18n/i18n-context';
import { loadConfig, type AppConfig } from '@/lib/config';
import { readLaunchParams, showsUi } from '@/xbees/launch-params';
import { startBridge } from '@/xbees/start-bridge';

async function main(): Promise<void> {
  const locale = browserLocale();
  document.documentElement.lang = locale;
  const container = document.getElementById('root');
  const ui = showsUi(readLaunchParams(window.location.search, 'user').variant);

  let config: AppConfig;
  try {
    config = await loadConfig();
  } catch (configError) {
    console.error('[app] config.json', configError);
    if (ui && container) (await import('./app/mount')).mountApp(container, { kind: 'config-error', locale, configError });
    return;
  }

  const started = startBridge({ config: config.xbees });
  if (started.showsUi && container) {
    (await import('./app/mount')).mountApp(container, { kind: 'ready', locale, config, bridge: started.bridge });
  }
}

void main();
