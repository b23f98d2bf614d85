import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { loadWorkMessages } from '@/i18n/work-messages';

// Unit tests render screens without the app's code splitting: every message is there from the start.
await loadWorkMessages();

afterEach(() => {
  cleanup();
});
