/**
 * The host page's query parameters. Unknown or malformed values fall back to defaults and are listed
 * in `problems` so the page can say what it ignored.
 *
 * | param | default | meaning |
 * |---|---|---|
 * | app | http://localhost:4200/ | app base URL (iframe src = app + ?variant=…&iframeId=…&user=…) |
 * | org | http://localhost:4300 | emulated Salesforce org origin (directory of people) |
 * | user | jane.doe@acme.example | the x-bees user's e-mail, passed as `user` |
 * | theme | light | initial theme |
 * | queueEvents | 0 | 1 = queue events raised before ready instead of dropping them |
 * | callPayloads | 1 | 0 = xBeesAddCall / xBeesTerminateCall without payload (2023 host) |
 * | pbxToken | 0 | 1 = send xBeesPbxToken before each search / lookup (integration usePbxToken) |
 * | lookupEvent, lookupBatchEvent, logoutEvent | xBeesGetLookUpAndMatch, xBeesGetLookUpAndMatchBatch, xBeesLogout | guessed type strings |
 * | timeoutMs | 10000 | how long search / lookup wait for the result |
 * | phone, email, name, conversationId | – | initial context of the info-frame |
 */
import type { HostOptions } from './host-types';
import type { HostContext, ThemeMode } from './protocol-types';

export interface PageParams {
  appUrl: string;
  orgOrigin: string;
  userEmail: string;
  theme: ThemeMode;
  options: Partial<HostOptions>;
  context: HostContext;
  problems: string[];
}

export const PARAM_DEFAULTS = {
  app: 'http://localhost:4200/',
  org: 'http://localhost:4300',
  user: 'jane.doe@acme.example',
} as const;

function httpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function parseSwitch(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return null;
}

export function parsePageParams(search: string): PageParams {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const text = (name: string): string | null => {
    const value = params.get(name);
    return value === null || value.trim() === '' ? null : value.trim();
  };

  const appText = text('app') ?? PARAM_DEFAULTS.app;
  const app = httpUrl(appText);
  if (!app) problems.push(`app=${appText} is not an http(s) URL; using ${PARAM_DEFAULTS.app}`);

  const orgText = text('org') ?? PARAM_DEFAULTS.org;
  const org = httpUrl(orgText);
  if (!org) problems.push(`org=${orgText} is not an http(s) origin; using ${PARAM_DEFAULTS.org}`);

  const user = text('user') ?? PARAM_DEFAULTS.user;

  const themeText = text('theme');
  let theme: ThemeMode = 'light';
  if (themeText === 'dark' || themeText === 'light') theme = themeText;
  else if (themeText !== null) problems.push(`theme=${themeText} is not light or dark; using light`);

  const options: Partial<HostOptions> = {};
  const switches = [
    ['queueEvents', 'queueEvents'],
    ['callPayloads', 'callPayloads'],
    ['pbxToken', 'usePbxToken'],
  ] as const;
  for (const [param, key] of switches) {
    const value = text(param);
    if (value === null) continue;
    const parsed = parseSwitch(value);
    if (parsed === null) problems.push(`${param}=${value} is not 0 or 1; ignored`);
    else options[key] = parsed;
  }
  const typeParams = [
    ['lookupEvent', 'lookupEventType'],
    ['lookupBatchEvent', 'lookupBatchEventType'],
    ['logoutEvent', 'logoutEventType'],
  ] as const;
  for (const [param, key] of typeParams) {
    const value = text(param);
    if (value !== null) options[key] = value;
  }
  const timeout = text('timeoutMs');
  if (timeout !== null) {
    const ms = Number(timeout);
    if (Number.isInteger(ms) && ms > 0) options.resultTimeoutMs = ms;
    else problems.push(`timeoutMs=${timeout} is not a positive integer; ignored`);
  }

  const context: HostContext = { contact: {} };
  for (const key of ['phone', 'email', 'name'] as const) {
    const value = text(key);
    if (value !== null) context.contact[key] = value;
  }
  const conversationId = text('conversationId');
  if (conversationId !== null) context.conversationId = conversationId;

  return {
    appUrl: app ? app.toString() : PARAM_DEFAULTS.app,
    orgOrigin: org ? org.origin : PARAM_DEFAULTS.org,
    userEmail: user,
    theme,
    options,
    context,
    problems,
  };
}
