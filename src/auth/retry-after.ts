/** The longest wait a server may ask for: a longer one is taken as an hour, never as forever. */
const RETRY_AFTER_CAP_SEC = 3600

const DELAY_SECONDS = /^\d+$/
/**
 * RFC 9110's HTTP-date in its three forms, which a recipient must all accept: IMF-fixdate
 * (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form (`Sunday, 06-Nov-94 08:49:37 GMT`)
 * and asctime (`Sun Nov  6 08:49:37 1994`). `Date.parse` alone takes far more than that (`1`,
 * `2030`), which would turn garbage into a wait.
 */
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)'
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)'
const TIME = '\\d{2}:\\d{2}:\\d{2}'
const HTTP_DATE = new RegExp(
  [
    `^${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`,
    `^${LONG_DAY}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT$`,
    `^${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4}$`,
  ].join('|'),
)

/** The asctime form names no zone; RFC 9110 says it is UTC, `Date.parse` would say local time. */
const asUtc = (date: string): string => (date.endsWith('GMT') ? date : `${date} GMT`)

/**
 * `Retry-After` in seconds, from delay-seconds or an HTTP-date, at most an hour. Null when absent,
 * already past, or not one of RFC 9110's forms: an unreadable header asks for nothing.
 */
export function parseRetryAfter(header: unknown, now: number): number | null {
  if (typeof header === 'number') header = String(header)
  if (typeof header !== 'string') return null
  const value = header.trim()
  let seconds: number
  if (DELAY_SECONDS.test(value)) {
    seconds = Number(value)
  } else if (HTTP_DATE.test(value)) {
    // A date of the right form that names no real day (`99 Nov`) parses to NaN: no wait, below.
    seconds = (Date.parse(asUtc(value)) - now) / 1000
  } else {
    return null
  }
  return seconds > 0 ? Math.min(seconds, RETRY_AFTER_CAP_SEC) : null
}
