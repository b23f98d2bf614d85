/**
 * Converts anything that arrived through postMessage (structured-clone data) into plain JSON so the
 * log, the panel and Playwright's `page.evaluate` all see the same thing. Nothing is redacted.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const MAX_DEPTH = 12;

export function toJsonSafe(value: unknown): JsonValue {
  return convert(value, 0, new WeakSet());
}

function convert(value: unknown, depth: number, seen: WeakSet<object>): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return `${value.toString()}n`;
    case 'symbol':
    case 'function':
      return `[${typeof value}]`;
    case 'object':
      break;
    default:
      return null;
  }
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Too deep]';
  seen.add(value);
  try {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (value instanceof Map) {
      return {
        '[Map]': [...value.entries()].map(([k, v]) => [convert(k, depth + 1, seen), convert(v, depth + 1, seen)]),
      };
    }
    if (value instanceof Set) return { '[Set]': [...value].map((v) => convert(v, depth + 1, seen)) };
    if (Array.isArray(value)) return value.map((item: unknown) => convert(item, depth + 1, seen));
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[binary ${String(value.byteLength)} bytes]`;
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = convert(item, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** One-line preview for the panel: never more than `max` characters. */
export function preview(value: unknown, max = 160): string {
  if (value === undefined) return '';
  const text = JSON.stringify(toJsonSafe(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
