import { eventKey, type AuthEvent, RELAY_HISTORY_LIMIT, RELAY_HISTORY_MS } from '../../auth'

/**
 * The lab's memory of recent auth events from every tab, as much as each tab's relay keeps (the
 * last ten minutes, at most 2,000),
 * each once however often it arrives (live and again in a tab's history). Listeners hear of a
 * change once per task, so a burst of a hundred events draws once.
 */
export function createEventLog(limit = RELAY_HISTORY_LIMIT, maxAgeMs = RELAY_HISTORY_MS) {
  let events: readonly AuthEvent[] = []
  const seen = new Set<string>()
  let clearedAt = -Infinity
  const listeners = new Set<() => void>()
  let notifying = false

  function changed(): void {
    if (notifying) return
    notifying = true
    queueMicrotask(() => {
      notifying = false
      for (const listener of listeners) listener()
    })
  }

  return {
    add(event: AuthEvent): void {
      const key = eventKey(event)
      if (seen.has(key) || event.at < clearedAt) return
      seen.add(key)
      const next = [...events]
      // Mostly appended; a tab's history arrives late and goes in its place.
      let index = next.length
      while (index > 0 && (next[index - 1]?.at ?? 0) > event.at) index--
      next.splice(index, 0, event)
      const newest = next[next.length - 1]?.at ?? event.at
      let drop = Math.max(0, next.length - limit)
      while (drop < next.length && (next[drop]?.at ?? 0) < newest - maxAgeMs) drop++
      for (const old of next.slice(0, drop)) seen.delete(eventKey(old))
      events = drop > 0 ? next.slice(drop) : next
      changed()
    },
    /** Forgets everything so far; history that arrives later from before now stays out too. */
    clear(now = Date.now()): void {
      events = []
      seen.clear()
      clearedAt = now
      changed()
    },
    /** The same array until something changes (what `useSyncExternalStore` needs). */
    snapshot: (): readonly AuthEvent[] => events,
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export type EventLog = ReturnType<typeof createEventLog>
