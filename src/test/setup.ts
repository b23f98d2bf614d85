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
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => {
    cleanup();
  });
}
