/** Wall-clock seconds by phase: each lap ends the phase that ran since the last one. */
export function phaseClock(now: () => number = () => performance.now()) {
  const laps: Record<string, number> = {}
  let since = now()
  return {
    lap(phase: string) {
      const at = now()
      laps[phase] = (laps[phase] ?? 0) + (at - since) / 1000
      since = at
    },
    laps: () => ({ ...laps }),
  }
}
