/**
 * How long before expiry to refresh: a fifth of the lifetime, between half a second and a minute.
 * Proportional, so a 5-second lab token and a 5-minute one both refresh in time.
 */
export function refreshLeadMs(lifetimeMs: number): number {
  return Math.min(60_000, Math.max(500, lifetimeMs / 5))
}

/** Exponential backoff with jitter for transient failures: ~1 s, 2 s, 4 s … capped at 30 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1))
  return ceiling / 2 + (ceiling / 2) * random()
}

/**
 * One pending timer plus the moments a sleeping tab comes back (visible again, back online).
 * It decides nothing: the session says when, and what to do on waking.
 */
export function createScheduler(onDue: () => void, onWake: () => void) {
  let timer: ReturnType<typeof setTimeout> | null = null
  const cancel = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }
  const wakeIfVisible = () => {
    if (document.visibilityState === 'visible') onWake()
  }
  const hasDom = typeof window !== 'undefined' && typeof document !== 'undefined'
  if (hasDom) {
    document.addEventListener('visibilitychange', wakeIfVisible)
    window.addEventListener('online', onWake)
  }
  return {
    planIn(delayMs: number): void {
      cancel()
      timer = setTimeout(
        () => {
          timer = null
          onDue()
        },
        Math.max(0, delayMs),
      )
    },
    cancel,
    dispose(): void {
      cancel()
      if (hasDom) {
        document.removeEventListener('visibilitychange', wakeIfVisible)
        window.removeEventListener('online', onWake)
      }
    },
  }
}
