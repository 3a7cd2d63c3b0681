const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 60 * 60 * 1000],
  ['month', 30 * 24 * 60 * 60 * 1000],
  ['week', 7 * 24 * 60 * 60 * 1000],
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
]

// The interface is in English; a relative time in the browser's language would sit oddly in it.
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
const full = new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short' })

/**
 * "just now", "5 minutes ago", "yesterday", "3 weeks ago". Under a minute is "just now" either
 * way: clocks disagree by seconds, and "in 2 seconds" for something that happened is noise.
 */
export function formatRelativeTime(date: Date, now: number = Date.now()): string {
  const elapsed = now - date.getTime()
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size) return relative.format(-Math.trunc(elapsed / size), unit)
  }
  return 'just now'
}

/** The exact moment, for a tooltip next to a relative time. */
export const formatFullDate = (date: Date): string => full.format(date)
