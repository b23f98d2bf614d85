import { onDemand } from '@/lib/on-demand';
import { addMessages } from './i18n';

const workMessages = onDemand(() =>
  import('./messages-en-work').then(({ enWork }) => {
    addMessages('en', enWork);
  }),
);

/**
 * Loads the messages of the screens loaded on demand (sign-in, person, history, tasks, logging, leads, tabs,
 * outbox). Every such screen waits for this along with its own code; the shell's messages are always there.
 */
export const loadWorkMessages = workMessages.load;
