import { HttpResponse } from 'msw'
import * as z from 'zod/mini'
import { problem, validationFailed } from './problem.ts'

export const REFRESH_COOKIE = '__Secure-reel_rt'
const REFRESH_COOKIE_ATTRIBUTES = 'Path=/api/auth; HttpOnly; Secure; SameSite=Strict'

/** The refresh cookie; without `maxAgeSec`, a browser-session cookie (no Max-Age, no Expires). */
export function refreshCookie(token: string, maxAgeSec: number | null): string {
  const cookie = `${REFRESH_COOKIE}=${token}; ${REFRESH_COOKIE_ATTRIBUTES}`
  return maxAgeSec === null ? cookie : `${cookie}; Max-Age=${maxAgeSec}`
}

export const clearedRefreshCookie = `${REFRESH_COOKIE}=; ${REFRESH_COOKIE_ATTRIBUTES}; Max-Age=0`

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * The contract's CSRF rules for `/api/auth/*` and `/api/__lab/*`: a custom header a cross-site
 * form cannot send, JSON bodies only, and no foreign `Origin`. Returns the refusal, or null when
 * the request passes.
 */
export async function csrfRefusal(request: Request): Promise<HttpResponse<string> | null> {
  if (!UNSAFE_METHODS.has(request.method)) return null
  const origin = request.headers.get('Origin')
  // The mock takes its own origin from the request URL, which the Node host builds from the
  // Host header. A real server must compare with the origin it is configured to serve, never
  // one derived from Host, which the client chooses.
  const sameOrigin = origin === null || origin === new URL(request.url).origin
  // Read the body itself: behind a service worker there is no Content-Length to go by.
  const hasBody = (await request.clone().arrayBuffer()).byteLength > 0
  const mediaType = request.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase()
  const ok =
    sameOrigin &&
    request.headers.get('X-Requested-With') === 'XMLHttpRequest' &&
    (!hasBody || mediaType === 'application/json')
  return ok
    ? null
    : problem(403, 'csrf_check_failed', 'The request was refused for your protection.', {
        detail:
          'Unsafe requests need X-Requested-With: XMLHttpRequest, a JSON body and a same-origin Origin.',
      })
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: HttpResponse<string> }

/** Reads a JSON body through a schema; anything else becomes `400 validation_failed`. */
export async function parseJsonBody<S extends z.core.$ZodType>(
  request: Request,
  schema: S,
): Promise<Parsed<z.output<S>>> {
  let body: unknown
  try {
    body = JSON.parse(await request.text())
  } catch {
    return { ok: false, response: validationFailed('The body must be JSON.') }
  }
  const result = z.safeParse(schema, body)
  if (result.success) return { ok: true, data: result.data }
  const issue = result.error.issues[0]
  const field = issue?.path.join('.') || 'body'
  return { ok: false, response: validationFailed(`${field}: ${issue?.message ?? 'invalid'}`) }
}

/** JSON, by default with `Cache-Control: no-store`: what this API returns is private. */
export function json(body: unknown, init: ResponseInit = {}): HttpResponse<string> {
  const headers = new Headers(init.headers)
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store')
  headers.set('Content-Type', 'application/json')
  return new HttpResponse(JSON.stringify(body), { ...init, headers })
}

export function noContent(headers: HeadersInit = {}): HttpResponse<null> {
  const merged = new Headers(headers)
  merged.set('Cache-Control', 'no-store')
  return new HttpResponse(null, { status: 204, headers: merged })
}
