/** The OAuth callback page, next to the app (register this URL as the External Client App's callback). */
export function callbackUrl(origin: string = window.location.origin): string {
  return `${origin}/oauth-callback.html`;
}
