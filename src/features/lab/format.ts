/** Wall-clock time to the millisecond, as the timeline and its table show it: 14:02:03.120. */
export function formatClock(at: number): string {
  const date = new Date(at)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(
    date.getMilliseconds(),
  ).padStart(3, '0')}`
}

/** A span of time in the unit a person would say: 45 ms, 12 s, 4 min 30 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  const totalSec = Math.round(ms / 1000)
  if (totalSec < 120) return `${totalSec} s`
  const min = Math.floor(totalSec / 60)
  const sec = totalSec % 60
  return sec === 0 ? `${min} min` : `${min} min ${sec} s`
}

/** A countdown as m:ss (or h:mm:ss), negative once past. */
export function formatCountdown(ms: number): string {
  const sign = ms < 0 ? '−' : ''
  const total = Math.floor(Math.abs(ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`
}
