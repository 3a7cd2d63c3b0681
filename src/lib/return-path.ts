export const DEFAULT_RETURN_PATH = '/movies'

/**
 * Where to send a user after sign-in, given an untrusted `returnTo`. Only a path on this origin
 * is kept: `//evil.example`, `/\evil.example`, absolute URLs and `javascript:` all fall back.
 */
export function safeReturnPath(
  value: string | null | undefined,
  origin = window.location.origin,
): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return DEFAULT_RETURN_PATH
  }
  try {
    const url = new URL(value, origin)
    // Back to the sign-in page would be a loop.
    if (url.origin !== origin || url.pathname === '/login') return DEFAULT_RETURN_PATH
    return url.pathname + url.search + url.hash
  } catch {
    return DEFAULT_RETURN_PATH
  }
}
