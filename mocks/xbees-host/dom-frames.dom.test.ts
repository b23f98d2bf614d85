import { afterEach, describe, expect, it } from 'vitest';
import { createDomFrameFactory, INFO_FRAME_SIZE, listenForRequests } from './dom-frames';
import { XBeesHost } from './host-protocol';
import { tick } from './test-peer';

afterEach(() => {
  document.body.replaceChildren();
});

function setup() {
  const visible = document.createElement('div');
  const hidden = document.createElement('div');
  document.body.append(visible, hidden);
  const host = new XBeesHost({
    frames: createDomFrameFactory({ visible, hidden }),
    appUrl: 'http://localhost:4200/',
    userEmail: 'jane.doe@acme.example',
  });
  const stop = listenForRequests(host, window);
  host.start();
  return { host, visible, hidden, stop };
}

describe('DOM iframes', () => {
  it('creates a visible titled info-frame and a hidden titled daemon with the protocol query parameters', () => {
    const { host, visible, hidden } = setup();
    const info = visible.querySelector('iframe');
    const daemon = hidden.querySelector('iframe');
    const infoId = host.frameOf('info-frame')?.iframeId ?? '';
    expect(info?.getAttribute('src')).toBe(
      `http://localhost:4200/?variant=info-frame&iframeId=${infoId}&user=jane.doe%40acme.example`,
    );
    expect(info?.title).toMatch(/info-frame/);
    expect(info?.hidden).toBe(false);
    expect([info?.getAttribute('width'), info?.getAttribute('height')]).toEqual([
      INFO_FRAME_SIZE.width,
      INFO_FRAME_SIZE.height,
    ]);
    expect(daemon?.getAttribute('src')).toContain('?variant=daemon&iframeId=daemon-');
    expect(daemon?.title).toMatch(/daemon/);
    expect(daemon?.hidden).toBe(true);
  });

  it('removes the old info-frame element when the context changes', () => {
    const { host, visible, hidden } = setup();
    const before = visible.querySelector('iframe');
    host.setContext({ contact: { phone: '+1' } });
    expect(before?.isConnected).toBe(false);
    expect(visible.querySelectorAll('iframe')).toHaveLength(1);
    expect(hidden.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('answers a window message event from the iframe on its transferred port, and stops when asked', async () => {
    const { host, visible, stop } = setup();
    const info = visible.querySelector('iframe');
    const channel = new MessageChannel();
    const replies: unknown[] = [];
    channel.port1.onmessage = (event) => replies.push(event.data);
    const send = () => {
      window.dispatchEvent(
        new MessageEvent('message', {
          data: { type: 'xBeesThemeMode', iframeId: host.frameOf('info-frame')?.iframeId },
          source: info?.contentWindow ?? null,
          ports: [channel.port2],
        }),
      );
    };
    send();
    await tick(30);
    expect(replies).toStrictEqual([{ type: 'xBeesThemeMode', errorMessage: '', payload: 'light' }]);
    stop();
    send();
    await tick(30);
    expect(replies).toHaveLength(1);
    channel.port1.close();
  });
});
