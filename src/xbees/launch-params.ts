/** What x-bees tells the iframe through its URL (§1.2). Read once at start. */
import { VARIANTS, type Variant } from './protocol';

export interface LaunchParams {
  /** `info-frame` | `daemon` | `dialog`; null when missing or unknown (which counts as a UI variant). */
  readonly variant: Variant | null;
  /** Opaque id of this iframe instance, copied into every request; null when absent. */
  readonly iframeId: string | null;
  /** The x-bees user's e-mail, from the configured URL parameter; null when absent or not an e-mail. */
  readonly userEmail: string | null;
}

const isVariant = (value: string | null): value is Variant => VARIANTS.some((variant) => variant === value);

/** A plausible e-mail: one `@` with text on both sides and no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * @param search `location.search` of the app window
 * @param userEmailParam `config.xbees.urlParams.userEmail`
 */
export function readLaunchParams(search: string, userEmailParam: string): LaunchParams {
  const params = new URLSearchParams(search);
  const variant = params.get('variant');
  const iframeId = params.get('iframeId');
  const email = params.get(userEmailParam)?.trim() ?? '';
  return {
    variant: isVariant(variant) ? variant : null,
    iframeId: iframeId === null || iframeId === '' ? null : iframeId,
    userEmail: EMAIL.test(email) ? email : null,
  };
}

/** The daemon never renders UI; every other variant (including a missing one) does (§1.1). */
export function showsUi(variant: Variant | null): boolean {
  return variant !== 'daemon';
}
