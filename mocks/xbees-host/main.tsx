/**
 * The emulated x-bees host page: embeds the app (info-frame + hidden daemon), speaks the host side of
 * the protocol, shows the control panel and installs `window.xbeesHost` for Playwright.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ControlPanel } from './control-panel';
import { DirectorySource } from './directory';
import { createDomFrameFactory, listenForRequests, postFromStranger } from './dom-frames';
import { XBeesHost } from './host-protocol';
import { parsePageParams } from './page-params';
import { createTestApi } from './test-api';
import './host.css';

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from index.html`);
  return found;
}

function randomId(): string {
  const bytes = new Uint8Array(5);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const params = parsePageParams(window.location.search);
const host = new XBeesHost({
  frames: createDomFrameFactory({ visible: element('info-slot'), hidden: element('daemon-slot') }),
  appUrl: params.appUrl,
  userEmail: params.userEmail,
  context: params.context,
  theme: params.theme,
  options: params.options,
  randomId,
});

// The page follows the x-bees theme, as x-bees itself does.
const applyTheme = (): void => {
  document.documentElement.dataset.theme = host.getTheme();
};
host.subscribe(applyTheme);
applyTheme();

// Listen before the iframes exist, so their first request is never missed.
listenForRequests(host, window);
host.start();

const directory = new DirectorySource(params.orgOrigin, (url, init) => fetch(url, init));
void directory.load();

window.xbeesHost = createTestApi({
  host,
  getDirectory: () => directory.directory,
  postFromStranger: (variant, data, kind) => {
    const target = host.frameOf(variant)?.element;
    if (!(target instanceof HTMLIFrameElement)) return Promise.resolve(false);
    return postFromStranger(target, data, kind);
  },
});

createRoot(element('panel')).render(
  <StrictMode>
    <ControlPanel
      host={host}
      directory={directory}
      info={{
        appUrl: params.appUrl,
        orgOrigin: params.orgOrigin,
        userEmail: params.userEmail,
        problems: params.problems,
      }}
      randomId={randomId}
    />
  </StrictMode>,
);
