import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * The one security header policy of every host that serves Reel: the Vite dev and preview
 * servers, the production server, and (generated from this module) the nginx and Caddy snippets.
 * Nothing in `src` imports it: a browser cannot set its own response headers.
 */

export interface HeaderPolicy {
  /** `development` relaxes only what Vite's hot reload needs; never deploy it. */
  mode: 'production' | 'development'
  /**
   * `'sha256-…'` sources of inline scripts the host itself injects (Vite's React refresh
   * preamble in development). Production has none.
   */
  scriptHashes?: readonly string[]
  /**
   * `'sha256-…'` sources of the mock providers' consent page style sheet, for worker-mode hosts:
   * there the page is drawn into the app's own document under `/api/`, so the app's policy
   * is the one that applies to it (see mocks/hosts/browser-documents.ts).
   */
  apiDocumentStyleHashes?: readonly string[]
}

/** Where the social sign-in callback lands, with a one-time code in its address. */
export const AUTH_CALLBACK_PREFIX = '/auth/callback/'
export const API_PREFIX = '/api/'
/** Built files whose names carry their content's hash. */
export const HASHED_ASSETS_PREFIX = '/assets/'

/** A hashed file changes its name when it changes, so a browser may keep it for good. */
export const CACHE_HASHED = 'public, max-age=31536000, immutable'
/** Everything else (index.html above all) is checked with the server on every use. */
export const CACHE_REVALIDATE = 'no-cache'

/** `'sha256-…'` of an inline script or style, the CSP source that allows exactly that text. */
export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`
}

const PRODUCTION_CSP: ReadonlyArray<readonly [string, ...string[]]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self'", 'data:'],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'self'"],
  ['frame-ancestors', "'none'"],
]

/** The Content-Security-Policy for a document at `path`. */
export function contentSecurityPolicy(policy: HeaderPolicy, path = '/'): string {
  const dev = policy.mode === 'development'
  const extra: Record<string, string[]> = {
    'script-src': [...(policy.scriptHashes ?? [])],
    // Vite's client injects each CSS module as a <style> element and talks to its server over
    // a WebSocket; both are the dev server's, and production has neither.
    'style-src': [
      ...(dev ? ["'unsafe-inline'"] : []),
      ...(path.startsWith(API_PREFIX) ? (policy.apiDocumentStyleHashes ?? []) : []),
    ],
    'connect-src': dev ? ['ws:'] : [],
  }
  return PRODUCTION_CSP.map(([name, ...sources]) =>
    [name, ...sources, ...(extra[name] ?? [])].join(' '),
  ).join('; ')
}

/** Browser features the app never uses, switched off for it and anything it might embed. */
const FEATURES_OFF = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
  'xr-spatial-tracking',
]

/**
 * WebAuthn, which passkey sign-in and registration need: the app's own documents only, never a
 * frame from elsewhere (a framed page could otherwise ask for a passkey under the app's name).
 */
const FEATURES_SELF_ONLY = ['publickey-credentials-create', 'publickey-credentials-get']

export const PERMISSIONS_POLICY = [
  ...FEATURES_OFF.map((feature) => `${feature}=()`),
  ...FEATURES_SELF_ONLY.map((feature) => `${feature}=(self)`),
].join(', ')

/** Two years, subdomains included: only ever sent over HTTPS (RFC 6797 §7.2). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains'

/**
 * Every header for a response to `path`, documents and API answers alike. A response that
 * brings its own Content-Security-Policy (a mock provider's page) replaces this one.
 */
export function securityHeaders(
  policy: HeaderPolicy,
  path: string,
  https: boolean,
): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(policy, path),
    'X-Content-Type-Options': 'nosniff',
    // The callback's address carries the authorization code: no request from it sends a Referer.
    'Referrer-Policy': path.startsWith(AUTH_CALLBACK_PREFIX)
      ? 'no-referrer'
      : 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    ...(https && { 'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY }),
  }
}

/** Whether the socket itself is TLS: the whole answer for a host with no proxy in front. */
export function overTls(req: IncomingMessage): boolean {
  return 'encrypted' in req.socket && req.socket.encrypted === true
}

/**
 * A Connect-style middleware that sets the policy's headers before anything answers.
 * `browserUsesHttps` says whether the browser came over HTTPS (behind a TLS proxy, the
 * server's view of the request says so; alone, the socket does).
 */
export function securityHeadersMiddleware(
  policy: HeaderPolicy,
  browserUsesHttps: (req: IncomingMessage) => boolean = overTls,
) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const path = new URL(req.url ?? '/', 'http://host.invalid').pathname
    for (const [name, value] of Object.entries(
      securityHeaders(policy, path, browserUsesHttps(req)),
    ))
      res.setHeader(name, value)
    next()
  }
}
