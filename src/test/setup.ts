/**
 * Runs before every unit test file (README "Tests"): IndexedDB for the outbox and every message of the catalog
 * (screens and messages are tested without the app's code splitting). Files with a DOM also get jest-dom's
 * matchers and Testing Library's cleanup; node files don't pay for them.
 */
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { loadWorkMessages } from '@/i18n/work-messages';

await loadWorkMessages();

if (typeof document !== 'undefined') {
  await import('@testing-library/jest-dom/vitest');
  const { cleanup, configure } = await import('@testing-library/react');
  // findBy… and waitFor give up after 1 s by default: a screen waiting for its emulated org can take longer
  // on a busy 2-core machine (the unit tests share it with ESLint in `npm test`).
  configure({ asyncUtilTimeout: 5_000 });
  afterEach(() => {
    cleanup();
  });
}
