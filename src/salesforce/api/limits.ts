import type { SalesforceClient } from '../client';

export interface ApiLimits {
  dailyApiRequests: { max: number; remaining: number };
}

function limitOf(value: unknown): { max: number; remaining: number } | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  return typeof v.Max === 'number' && typeof v.Remaining === 'number' ? { max: v.Max, remaining: v.Remaining } : null;
}

/** `GET /limits`: the org's daily API allowance (a cheap call that proves the session and CORS work). */
export function getLimits(client: SalesforceClient, signal?: AbortSignal): Promise<ApiLimits> {
  return client.request('/limits', signal ? { signal } : {}, (json) => {
    const daily = limitOf(
      typeof json === 'object' && json !== null ? (json as Record<string, unknown>).DailyApiRequests : null,
    );
    if (!daily) throw new Error('limits has no DailyApiRequests');
    return { dailyApiRequests: daily };
  });
}
