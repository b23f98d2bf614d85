/**
 * A fresh outbox for each test of a screen that writes, over the harness's signed-in client: its own
 * database, no locks or cross-document signals, fixed jitter. After each test the screen unmounts, the
 * outbox closes, and the test fails if the outbox reported an error (other than being closed mid-read).
 */
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, expect } from 'vitest';
import { Outbox, OutboxError } from '@/salesforce/outbox/outbox';
import type { OutboxItem, OutboxOperation } from '@/salesforce/outbox/types';
import type { setupSalesforceHarness } from './salesforce-harness';

export function setupTestOutbox(
  h: ReturnType<typeof setupSalesforceHarness>,
  name: string,
  options: { now?: () => number } = {},
) {
  let seq = 0;
  let current: Outbox | null = null;
  let errors: unknown[] = [];
  beforeEach(() => {
    seq += 1;
    errors = [];
    current = new Outbox({
      client: h.client,
      session: h.session,
      dbName: `${name}-${String(seq)}`,
      locks: null,
      random: () => 0.5,
      signalStorage: null,
      eventTarget: null,
      ...(options.now ? { now: options.now } : {}),
      // A read still under way when the test closes the outbox is expected to stop.
      onError: (error) => {
        if (!(error instanceof OutboxError && error.code === 'CLOSED')) errors.push(error);
      },
    });
  });
  afterEach(async () => {
    cleanup();
    await current?.close();
    expect(errors).toEqual([]);
  });
  const outbox = (): Outbox => {
    if (!current) throw new Error('the test outbox exists only inside a test');
    return current;
  };
  return {
    get outbox(): Outbox {
      return outbox();
    },
    /** Enqueues an operation and waits until the outbox is done with it (landed or failed). */
    async send(op: OutboxOperation): Promise<OutboxItem> {
      const item = await outbox().enqueue(op, { label: 'test' });
      return outbox().waitFor(item.id);
    },
  };
}
