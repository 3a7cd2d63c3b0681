import { http, HttpHandler, matchRequestUrl, type RequestHandler } from 'msw'
import { problem } from './problem.ts'

/**
 * The last word on `/api/*` before 404: a path some route serves, asked with a method none of
 * its routes serves, answers `405 method_not_allowed` with the methods that path does serve in
 * `Allow` (RFC 9110 §15.5.6). The table comes from the routes themselves, so it cannot drift.
 */
export function methodNotAllowed(routes: readonly RequestHandler[]) {
  const served = routes.flatMap((route) =>
    route instanceof HttpHandler &&
    typeof route.info.method === 'string' &&
    typeof route.info.path === 'string'
      ? [{ method: route.info.method, path: route.info.path }]
      : [],
  )
  return http.all('/api/*', ({ request }) => {
    const url = new URL(request.url)
    const allowed = new Set(
      served
        .filter(({ path }) => matchRequestUrl(url, path, url.origin).matches)
        .map(({ method }) => method),
    )
    if (allowed.size === 0) return undefined
    const allow = [...allowed].sort().join(', ')
    return problem(405, 'method_not_allowed', 'This method is not allowed here.', {
      detail: `${url.pathname} answers ${allow}.`,
      headers: { Allow: allow },
    })
  })
}
