import { paths } from '../app/paths'

export const DEFAULT_RETURN_PATH = paths.movies

/** Longer than any address of the app; a longer one is not a place a user was. */
const MAX_LENGTH = 2048

/** A path that a browser would read as another host: `//host` or `/\host`. */
const OTHER_HOST = /^\/[/\\]/

/**
 * Where to send a user after sign-in, given an untrusted `returnTo`. What is judged is the
 * address as the browser will resolve it, not the text: `/.//evil.example` and
 * `/%2e//evil.example` normalise to `//evil.example`, which would leave the origin. Whatever
 * this returns starts with exactly one `/` and stays on `origin`; anything else falls back.
 */
export function safeReturnPath(
  value: string | null | undefined,
  origin = window.location.origin,
): string {
  if (!value || value.length > MAX_LENGTH || !value.startsWith('/') || OTHER_HOST.test(value)) {
    return DEFAULT_RETURN_PATH
  }
  let url: URL
  try {
    url = new URL(value, origin)
  } catch {
    return DEFAULT_RETURN_PATH
  }
  const path = url.pathname + url.search + url.hash
  // Back to the sign-in page would be a loop.
  if (url.origin !== origin || OTHER_HOST.test(path) || url.pathname === paths.login) {
    return DEFAULT_RETURN_PATH
  }
  return path
}
