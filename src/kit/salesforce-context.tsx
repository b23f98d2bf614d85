import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { PopupSignInOptions } from '@/salesforce/auth/popup-sign-in';
import { scopeOf, type AuthState, type SessionManager } from '@/salesforce/auth/session-manager';
import type { SalesforceClient } from '@/salesforce/client';
import type { DescribeCache } from '@/salesforce/describe';
import type { OutboxApi } from '@/salesforce/outbox-lazy';
import type { RecentRecords } from '@/salesforce/recent-records';

export interface SalesforceServices {
  client: SalesforceClient;
  describes: DescribeCache;
  /** Every write goes through it: durable, retried, exactly once. */
  outbox: OutboxApi;
  recent: RecentRecords;
  /** The country for numbers written without a country code (config, else the browser). */
  region: string | undefined;
  /** Frame storage shared by the app's instances (drafts, remembered choices). */
  storage: Storage;
  session: SessionManager;
  popup: PopupSignInOptions;
  /** `config.salesforce.domain` when the deployer pinned the org. */
  pinnedDomain: string | undefined;
  /** false when the browser denied this frame storage (the sign-in then lasts until a reload). */
  storagePersistent: boolean;
}

const SalesforceContext = createContext<SalesforceServices | null>(null);

export const SalesforceProvider = SalesforceContext.Provider;

export function useSalesforce(): SalesforceServices {
  const value = useContext(SalesforceContext);
  if (!value) throw new Error('useSalesforce needs a <SalesforceProvider> above it');
  return value;
}

/** Selects from the shared sign-in state (re-renders on change, in every instance). */
export function useAuthState<T>(selector: (state: AuthState) => T): T {
  return useStore(useSalesforce().session.store, selector);
}

/**
 * The signed-in user's scope (`scopeOf`), which every query key carries; '' when nobody is signed in (the
 * screens that read Salesforce show only when someone is).
 */
export function useScope(): string {
  return useAuthState((s) => scopeOf(s.session)) ?? '';
}
