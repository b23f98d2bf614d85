/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import purgeCss from '@fullhuman/postcss-purgecss';
import react from '@vitejs/plugin-react';
import type { Plugin as PostcssPlugin } from 'postcss';
import { defineConfig, type Plugin } from 'vite';

const src = fileURLToPath(new URL('./src', import.meta.url));

/**
 * The OAuth popup lands on `/oauth-callback.html`. Its source lives in src/ so it can import
 * oidc-client-ts; this plugin publishes it at the root in both dev and build, so the callback URL an
 * admin registers stays short and stable.
 */
const CALLBACK_SOURCE = 'src/salesforce/auth/oauth-callback.html';
function oauthCallbackAtRoot(): Plugin {
  return {
    name: 'oauth-callback-at-root',
    enforce: 'post',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url?.startsWith('/oauth-callback.html'))
          req.url = `/${CALLBACK_SOURCE}${req.url.slice('/oauth-callback.html'.length)}`;
        next();
      });
    },
    generateBundle(_options, bundle) {
      const asset = bundle[CALLBACK_SOURCE];
      if (asset) asset.fileName = 'oauth-callback.html';
    },
  };
}

/**
 * Purges SLDS only. PostCSS sees one CSS file at a time, so purging theme.css as well would drop the
 * design tokens it overrides for the dark theme (SLDS rules read them, theme.css never does).
 */
function purgeSldsOnly(): PostcssPlugin {
  const purge = purgeCss({
    content: ['./index.html', './src/**/*.{ts,tsx,html}'],
    // SLDS classes composed at runtime are written in full in src (see src/ui), so the
    // default extractor finds them; theme attributes are set on <html>.
    safelist: { greedy: [/data-theme/] },
    // Drops the design tokens no kept rule reads (SLDS declares about a thousand).
    variables: true,
    fontFace: true,
    keyframes: true,
  });
  return {
    postcssPlugin: 'purge-slds-only',
    OnceExit(root, helpers) {
      if (!root.source?.input.file?.includes('@salesforce-ux/design-system')) return;
      return 'OnceExit' in purge ? purge.OnceExit(root, helpers) : undefined;
    },
  };
}

export default defineConfig(({ command }) => ({
  plugins: [react(), oauthCallbackAtRoot()],
  resolve: { alias: { '@': src } },
  css: {
    postcss: {
      plugins: command === 'build' ? [purgeSldsOnly()] : [],
    },
  },
  build: {
    target: 'es2022',
    // Every browser x-bees supports has modulepreload; the polyfill would cost the daemon bytes.
    modulePreload: { polyfill: false },
    sourcemap: true,
    // The benchmark reads it to tell each variant's initial chunks from the ones loaded on demand.
    manifest: true,
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        callback: fileURLToPath(new URL(`./${CALLBACK_SOURCE}`, import.meta.url)),
      },
    },
  },
  server: { strictPort: true },
  test: {
    // README "Tests": the node environment by default; jsdom only for the files that render or use the DOM
    // (*.test.tsx and *.dom.test.ts).
    setupFiles: ['./src/test/setup.ts'],
    // Worker threads start faster than child processes (on 2 cores: 169 s → 163 s from a clean clone).
    pool: 'threads',
    // Vitest's default is one worker fewer than the cores: on 2 cores, one. Two: 83 s → 51 s.
    maxWorkers: 2,
    restoreMocks: true,
    testTimeout: 15_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'mocks/**/*.test.ts'],
          exclude: ['**/*.dom.test.ts', '**/node_modules/**'],
          // These files share one module graph per worker instead of re-importing it for every file (README
          // "Tests"): each builds its own org, stores and clock, and they pass in any order (--sequence.shuffle).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx', 'mocks/**/*.test.tsx', 'src/**/*.dom.test.ts', 'mocks/**/*.dom.test.ts'],
          // One jsdom and module graph per worker too (47 → 23 s of CPU): Testing Library's cleanup empties the
          // document after each test, every file makes its own query client and org, and they pass shuffled.
          isolate: false,
        },
      },
    ],
  },
}));
