/**
 * The DOM side of the host: real `<iframe>` elements, the window `message` listener, and posting
 * from a window that is not the host (to prove the app checks `event.source` / `event.origin`).
 */
import type { XBeesHost } from './host-protocol';
import type { FrameFactory, IncomingMessage } from './host-types';
import type { Variant } from './protocol-types';

const TITLES: Record<Variant, string> = {
  'info-frame': 'Integration panel (info-frame)',
  daemon: 'Integration background instance (daemon, hidden)',
  dialog: 'Integration dialog',
};

/** Initial size of the visible iframe; the app changes it with xBeesViewPort. */
export const INFO_FRAME_SIZE = { width: '360', height: '640' } as const;

export function createDomFrameFactory(slots: Record<'visible' | 'hidden', HTMLElement>): FrameFactory {
  const elements = new Map<unknown, HTMLIFrameElement>();
  return {
    create: ({ variant, iframeId, src }) => {
      const iframe = slots.visible.ownerDocument.createElement('iframe');
      iframe.title = TITLES[variant];
      iframe.dataset.variant = variant;
      iframe.dataset.iframeId = iframeId;
      iframe.className = `xbees-frame xbees-frame--${variant}`;
      if (variant === 'daemon') {
        iframe.hidden = true;
        iframe.setAttribute('aria-hidden', 'true');
        iframe.tabIndex = -1;
      } else {
        iframe.width = INFO_FRAME_SIZE.width;
        iframe.height = INFO_FRAME_SIZE.height;
      }
      iframe.src = src;
      (variant === 'daemon' ? slots.hidden : slots.visible).append(iframe);
      elements.set(iframe, iframe);
      return iframe;
    },
    remove: (element) => {
      elements.get(element)?.remove();
      elements.delete(element);
    },
  };
}

/** Routes window `message` events to the host; returns the function that stops listening. */
export function listenForRequests(host: XBeesHost, target: Window): () => void {
  const onMessage = (event: MessageEvent): void => {
    const incoming: IncomingMessage = { data: event.data, source: event.source, ports: event.ports };
    host.handleMessage(incoming);
  };
  target.addEventListener('message', onMessage);
  return () => {
    target.removeEventListener('message', onMessage);
  };
}

export type StrangerKind = 'sibling' | 'opaque';

/**
 * Posts `data` to an iframe from a throw-away sibling iframe instead of from the host window:
 * `sibling` has the host's origin (so only a source check rejects it), `opaque` is sandboxed
 * (origin "null"). Resolves true once the sibling has run its script (false if the target is gone).
 */
export function postFromStranger(target: HTMLIFrameElement, data: unknown, kind: StrangerKind): Promise<boolean> {
  const doc = target.ownerDocument;
  const stranger = doc.createElement('iframe');
  stranger.title = 'Stranger window (test helper)';
  stranger.hidden = true;
  if (kind === 'opaque') stranger.setAttribute('sandbox', 'allow-scripts');
  doc.body.append(stranger);
  // The index in `window.frames` (Chromium orders it by insertion, not by document order).
  const view = doc.defaultView;
  let index = -1;
  for (let i = 0; view && i < view.frames.length; i++) {
    if (view.frames[i] === target.contentWindow) index = i;
  }
  if (index < 0) {
    stranger.remove();
    return Promise.resolve(false);
  }
  // JSON inside a <script type="application/json">; "<" is escaped so the data cannot close the tag.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  stranger.srcdoc = `<!doctype html><script type="application/json" id="d">${json}</script><script>
parent.frames[${String(index)}].postMessage(JSON.parse(document.getElementById('d').textContent), '*');
</script>`;
  return new Promise((resolve) => {
    stranger.addEventListener('load', () => {
      setTimeout(() => {
        stranger.remove();
        resolve(true);
      }, 200);
    });
  });
}
