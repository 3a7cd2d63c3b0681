import type { Locale } from './locale'
import { onFirstUse } from '../lib/on-first-use'

const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 60 * 60 * 1000],
  ['month', 30 * 24 * 60 * 60 * 1000],
  ['week', 7 * 24 * 60 * 60 * 1000],
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
]

/**
 * Dates, relative times and numbers in one language; `justNow` is that language's word for under
 * a minute.
 */
export function formatters(locale: Locale, justNow: string) {
  const relativeFormat = onFirstUse(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }))
  const full = onFirstUse(
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }),
  )
  const dateTime = onFirstUse(
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }),
  )
  const oneDecimal = onFirstUse(
    () => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  )
  const number = onFirstUse(() => new Intl.NumberFormat(locale))
  const unit = (name: 'millisecond' | 'second' | 'minute') =>
    onFirstUse(
      () => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }),
    )
  const [millis, secs, mins] = [unit('millisecond'), unit('second'), unit('minute')]
  /**
   * "5 minutes ago", "yesterday", "in 2 weeks". Under a minute either way is "just now": clocks
   * disagree by seconds, and "in 2 seconds" for something that happened is noise.
   */
  function relative(date: Date, now: number = Date.now()): string {
    const elapsed = now - date.getTime()
    for (const [unit, size] of UNITS) {
      if (Math.abs(elapsed) < size) continue
      // Past times count whole units gone by ("5 minutes ago" until the sixth); a coming end
      // rounds, so a session ending in 13 days 23 hours says "in 2 weeks", not "next week".
      return relativeFormat().format(
        elapsed > 0 ? -Math.trunc(elapsed / size) : Math.round(-elapsed / size),
        unit,
      )
    }
    return justNow
  }
  return {
    relative,
    /**
     * A moment that has happened ("5 minutes ago"). A server whose clock runs ahead of this one
     * can date it in the future: it is "just now", never "in 7 minutes".
     */
    since: (date: Date, now: number = Date.now()): string =>
      relative(date.getTime() > now ? new Date(now) : date, now),
    /** The exact moment, for a tooltip next to a relative time. */
    full: (date: Date): string => full().format(date),
    /** A date and time to the second, for the lab's readouts. */
    dateTime: (date: Date): string => dateTime().format(date),
    /** A rating such as 7.5, with the language's decimal mark. */
    oneDecimal: (value: number): string => oneDecimal().format(value),
    /** A count, grouped as the language groups digits. */
    number: (value: number): string => number().format(value),
    /** A span of time in the unit a person would say: 45 ms, 12 sec, 4 min 30 sec (4분 30초). */
    duration(ms: number): string {
      if (ms < 1000) return millis().format(Math.round(ms))
      const totalSec = Math.round(ms / 1000)
      if (totalSec < 120) return secs().format(totalSec)
      const min = Math.floor(totalSec / 60)
      const sec = totalSec % 60
      return sec === 0 ? mins().format(min) : `${mins().format(min)} ${secs().format(sec)}`
    },
  }
}

export type Formatters = ReturnType<typeof formatters>
