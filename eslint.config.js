// @ts-check
import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import { readdirSync } from 'node:fs';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Layers (README "Layout"): app → features → kit (shared React) → shared (ui, i18n, salesforce, xbees, lib). */
const layerZones = [
  // Shared layers never reach up into features or app.
  ...['kit', 'ui', 'salesforce', 'xbees', 'lib', 'i18n', 'logging'].flatMap((layer) => [
    { target: `./src/${layer}`, from: './src/features', message: 'Shared layers must not import features.' },
    { target: `./src/${layer}`, from: './src/app', message: 'Shared layers must not import the app layer.' },
    { target: `./src/${layer}`, from: './src/daemon', message: 'Shared layers must not import the daemon.' },
  ]),
  { target: './src/features', from: './src/app', message: 'Features must not import the app layer.' },
  { target: './src/features', from: './src/daemon', message: 'Features must not import the daemon.' },
  // The daemon is headless: no React UI, no features, no SLDS.
  { target: './src/daemon', from: './src/features', message: 'The daemon loads no UI features.' },
  { target: './src/daemon', from: './src/app', message: 'The daemon loads no UI.' },
  { target: './src/daemon', from: './src/ui', message: 'The daemon loads no UI.' },
  { target: './src/daemon', from: './src/kit', message: 'The daemon loads no UI.' },
  // The kit (React shared by features) sits above ui and i18n.
  ...['ui', 'i18n'].map((layer) => ({
    target: `./src/${layer}`,
    from: './src/kit',
    message: 'ui and i18n must not import the kit (src/kit builds on them).',
  })),
  // Features stand side by side: what two of them share lives in a shared layer, and the app composes them.
  ...readdirSync('./src/features', { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map(({ name }) => ({
      target: `./src/features/${name}`,
      from: './src/features',
      except: [`./${name}`],
      message: 'Features must not import each other; move what they share to a shared layer.',
    })),
];
/** Layers of plain TypeScript (README "Layout"): the daemon and the panel share them, so no React and no UI. */
const plainLayers = ['salesforce', 'xbees', 'lib', 'logging'];
const plainMessage =
  'src/salesforce, src/xbees, src/lib and src/logging are plain TypeScript: React code lives in src/kit.';
const plainZones = [
  ...plainLayers.flatMap((layer) =>
    ['ui', 'i18n', 'kit'].map((from) => ({ target: `./src/${layer}`, from: `./src/${from}`, message: plainMessage })),
  ),
  // The logging rules get what x-bees said as data; the daemon and the panel hand it to them.
  {
    target: './src/logging',
    from: './src/xbees',
    message: 'src/logging is pure TypeScript: it takes what x-bees said as data and never imports src/xbees.',
  },
];
const reactPackages = ['react', 'react-dom', '@tanstack/react-query'];
const plainImports = {
  // `zustand` is its React binding (useStore); plain code uses `zustand/vanilla`.
  paths: [{ name: 'zustand', message: `${plainMessage} Plain stores import zustand/vanilla.` }],
  patterns: [{ group: reactPackages.flatMap((name) => [name, `${name}/*`]), message: plainMessage }],
};
/** The OAuth popup's page script (src/salesforce/auth/oauth-callback.ts) is an entry point: it may show messages. */
const popupPage = 'src/salesforce/auth/oauth-callback.ts';

/** Where devDependencies may be imported: the emulators, the Playwright specs, tests and tool configs. */
const devOnlyFiles = [
  'mocks/**',
  'e2e/**',
  'src/**/*.test.{ts,tsx}',
  'src/test/**',
  'vite.config.ts',
  'eslint.config.js',
];

/** src/ imports mocks/ only from tests (the demo runs the emulators behind real servers). */
const mocksZones = [
  {
    target: './src',
    from: './mocks',
    except: ['./testing'],
    message: 'src/ must not import the emulators (mocks/); only tests may.',
  },
  // Test doubles (fake parent window, manual clock, fake locks, harnesses) live in mocks/testing.
  { target: './src', from: './mocks/testing', message: 'Production code must not import test doubles.' },
];

const globalMessages = {
  fetch: 'Only src/salesforce/client.ts calls fetch for Salesforce.',
  MessageChannel: 'Only src/xbees opens message channels.',
};
/** @param {string[]} files @param {string[]} ignores @param {(keyof typeof globalMessages)[]} names */
function restrictGlobals(files, ignores, names) {
  return {
    files,
    ignores: [...ignores, 'src/**/*.test.{ts,tsx}', 'src/test/**'],
    rules: { 'no-restricted-globals': ['error', ...names.map((name) => ({ name, message: globalMessages[name] }))] },
  };
}

export default defineConfig(
  globalIgnores([
    'dist',
    'node_modules',
    'public/mockServiceWorker.js',
    'test-results',
    'playwright-report',
    'e2e/.artifacts',
  ]),
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-duplicates': 'error',
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...mocksZones, ...plainZones] }],
      // Every package imported is declared; the app's own code (src/ except tests) uses dependencies only.
      'import-x/no-extraneous-dependencies': [
        'error',
        {
          devDependencies: devOnlyFiles,
          optionalDependencies: false,
          peerDependencies: false,
        },
      ],
    },
  },
  {
    // Tests may render hooks and import the emulators and test doubles.
    files: ['src/**/*.test.{ts,tsx}', 'src/test/**'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
  },
  {
    files: [popupPage],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...mocksZones] }] },
  },
  {
    files: plainLayers.map((layer) => `src/${layer}/**/*.{ts,tsx}`),
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', plainImports] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ...jsxA11y.flatConfigs.strict,
  },
  ...pluginQuery.configs['flat/recommended'],
  {
    // The API client is how a query fetches, not what it fetches: the key names the data (user, record…).
    rules: {
      '@tanstack/query/exhaustive-deps': [
        'error',
        {
          allowlist: {
            types: ['SalesforceClient', 'SalesforceServices', 'PeopleSearchDeps', 'DescribeCache', 'Storage'],
          },
        },
      ],
    },
  },
  {
    // Every visible string comes from the message catalog (src/i18n).
    files: ['src/**/*.tsx'],
    ignores: ['src/**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'JSXText[value=/[A-Za-z]/]',
          message: 'Visible text comes from the message catalog (src/i18n), not inline.',
        },
        {
          selector: 'JSXAttribute[name.name=/^(aria-label|title|placeholder|alt|label)$/] > Literal[value=/[A-Za-z]/]',
          message: 'Visible or accessible text comes from the message catalog (src/i18n), not inline.',
        },
      ],
    },
  },
  {
    // Only the bridge talks to the parent window.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/xbees/**', 'src/**/*.test.{ts,tsx}', 'src/test/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'parent', message: 'Only src/xbees talks to the parent window.' },
        { object: 'window', property: 'postMessage', message: 'Only src/xbees posts messages to other windows.' },
        { object: 'parent', property: 'postMessage', message: 'Only src/xbees posts messages to other windows.' },
        { object: 'top', property: 'postMessage', message: 'Only src/xbees posts messages to other windows.' },
      ],
    },
  },
  // Only src/xbees opens message channels; only src/salesforce (and the config loader) calls fetch.
  restrictGlobals(
    ['src/**/*.{ts,tsx}'],
    ['src/xbees/**', 'src/salesforce/**', 'src/lib/config.ts'],
    ['fetch', 'MessageChannel'],
  ),
  restrictGlobals(['src/salesforce/**/*.{ts,tsx}', 'src/lib/config.ts'], [], ['MessageChannel']),
  restrictGlobals(['src/xbees/**/*.{ts,tsx}'], [], ['fetch']),
  { files: ['**/*.{js,mjs}'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['mocks/**/*.{ts,tsx}', 'e2e/**/*.ts', 'vite.config.ts', 'eslint.config.js', '.ci/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
);
