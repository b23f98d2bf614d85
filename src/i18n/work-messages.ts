import { addMessages } from './i18n';

let loading: Promise<void> | null = null;

/**
 * Loads the messages of the screens loaded on demand (sign-in, person, history, tasks, logging, leads, tabs,
 * outbox). Every such screen waits for this along with its own code; the shell's messages are always there.
 */
export function loadWorkMessages(): Promise<void> {
  loading ??= import('./messages-en-work').then(({ enWork }) => {
    addMessages('en', enWork);
  });
  return loading;
}
