import { z } from 'zod';

/** A browser origin: scheme + host (+ port), no path. */
const origin = z
  .url()
  .refine((value) => {
    try {
      return new URL(value).origin === value.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'must be an origin such as https://app.x-bees.com (scheme and host, no path)');

const configSchema = z
  .object({
    salesforce: z
      .object({
        clientId: z.string().trim().min(1, 'must be the Consumer Key of the External Client App'),
        domain: z.url('must be the My Domain URL, e.g. https://acme.my.salesforce.com').optional(),
        apiVersion: z
          .string()
          .regex(/^v\d{2,3}\.0$/, 'must look like v66.0')
          .default('v66.0'),
      })
      .strict(),
    xbees: z
      .object({
        allowedOrigins: z.array(origin).min(1, 'must list at least one x-bees origin'),
        /** Names of the URL parameters x-bees passes besides `variant` and `iframeId` (protocol spec §7.5). */
        urlParams: z
          .object({ userEmail: z.string().min(1).default('user') })
          .strict()
          .default({ userEmail: 'user' }),
      })
      .strict(),
    phone: z
      .object({ defaultRegion: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 country code such as US').optional() })
      .strict()
      .default({}),
  })
  .strict();

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(message);
  }
}

/** Validates a parsed config.json; every problem is listed with its JSON path. */
export function parseConfig(raw: unknown): AppConfig {
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConfigError(`config.json is invalid: ${problems.join('; ')}`, problems);
}

/** Loads `config.json` next to the app. Deployers edit it without a rebuild. */
export async function loadConfig(url: string | URL = new URL('config.json', document.baseURI)): Promise<AppConfig> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch (cause) {
    throw new ConfigError(`config.json could not be loaded (${String(cause)})`, ['network error']);
  }
  if (!response.ok) throw new ConfigError(`config.json could not be loaded (HTTP ${response.status})`, [`HTTP ${response.status}`]);
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    throw new ConfigError('config.json is not valid JSON', ['not JSON']);
  }
  return parseConfig(raw);
}
