import { useEffect, useState } from 'react'

/**
 * The current time, moving every `intervalMs` and standing still while `paused`; the returned
 * `sync` catches it up at once (a clock that resumes should not wait for its next tick).
 */
export function useNow(intervalMs: number, paused = false): [now: number, sync: () => void] {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (paused) return
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs, paused])
  return [now, () => setNow(Date.now())]
}
