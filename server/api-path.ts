import { API_PREFIX } from './security-headers.ts'

/** What no segment of an API path holds once decoded: separators, a second escape, controls. */
const UNFIT_IN_SEGMENT = /[/\\%\p{Cc}]/u

/**
 * Whether a request target, as it came on the wire, names a path under `/api/` in one way only,
 * whoever reads it next. A proxy or framework behind this server may decode `%2e%2e` or `%2f`,
 * take `\` for `/`, merge `//` or resolve `..` (nginx does all of these), so a path holding any
 * of them could leave `/api/` there even though it starts with it here. No API path needs them:
 * such a path is refused, never forwarded. A trailing slash is the one empty segment allowed.
 */
export function isCanonicalApiPath(target: string): boolean {
  const path = target.split('?', 1)[0] ?? ''
  if (!path.startsWith(API_PREFIX)) return false
  const segments = path.slice(API_PREFIX.length).split('/')
  return segments.every((segment, index) => {
    if (segment === '') return index === segments.length - 1
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      return false
    }
    return decoded !== '.' && decoded !== '..' && !UNFIT_IN_SEGMENT.test(decoded)
  })
}
