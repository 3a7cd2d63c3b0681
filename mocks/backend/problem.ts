import { HttpResponse } from 'msw'

/**
 * An RFC 9457 problem response. `title` is safe to show a user; `code` is the stable
 * machine-readable name from the contract; `detail` is for developers.
 */
export function problem(
  status: number,
  code: string,
  title: string,
  options: {
    detail?: string
    headers?: HeadersInit
    /** Extension members (RFC 9457 §3.2) a problem type defines, e.g. a `linkToken`. */
    members?: Record<string, unknown>
  } = {},
): HttpResponse<string> {
  const headers = new Headers(options.headers)
  headers.set('Content-Type', 'application/problem+json')
  headers.set('Cache-Control', 'no-store')
  const body = {
    type: `https://reel.example/problems/${code}`,
    title,
    status,
    code,
    detail: options.detail,
    ...options.members,
  }
  return new HttpResponse(JSON.stringify(body), { status, headers })
}

export const notFound = (detail?: string) =>
  problem(404, 'not_found', 'Not found.', detail === undefined ? {} : { detail })

export const validationFailed = (detail: string) =>
  problem(400, 'validation_failed', 'Some of the data sent is not valid.', { detail })
