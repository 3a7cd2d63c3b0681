/**
 * Times of recent failures per key, inside a sliding window, in a map of bounded size: a flood
 * of distinct keys (made-up usernames) evicts the least recently failed keys instead of growing
 * memory without limit. Each key keeps only as many times as its limit needs.
 *
 * A real server keeps these in a store shared by its instances (a cache with expiry), sized for
 * its traffic; eviction there is also what bounds an attacker's flood.
 */
export class FailureLog {
  readonly #times = new Map<string, number[]>()

  constructor(
    readonly windowMs: number,
    readonly limit: number,
    readonly capacity: number,
  ) {}

  get size(): number {
    return this.#times.size
  }

  /** The failures of `key` still inside the window, oldest first. */
  recent(key: string, now: number): number[] {
    return (this.#times.get(key) ?? []).filter((time) => now - time < this.windowMs)
  }

  /** Seconds until `key` is under its limit again, or 0 when it is not refused now. */
  retryAfterSec(key: string, now: number): number {
    const recent = this.recent(key, now)
    const deciding = recent[recent.length - this.limit]
    if (deciding === undefined) return 0
    return Math.max(1, Math.ceil((deciding + this.windowMs - now) / 1000))
  }

  record(key: string, now: number): void {
    const times = [...this.recent(key, now), now].slice(-this.limit)
    // Re-inserted, so the map's order is the order of last failure, least recent first.
    this.#times.delete(key)
    this.#times.set(key, times)
    if (this.#times.size > this.capacity) this.#evict(now)
  }

  forget(key: string): void {
    this.#times.delete(key)
  }

  /**
   * The map is ordered by last failure, so the keys whose window has passed come first: drops
   * those, then the least recently failed keys until the map fits.
   */
  #evict(now: number): void {
    for (const [key, times] of this.#times) {
      const last = times.at(-1) ?? 0
      if (this.#times.size <= this.capacity && now - last < this.windowMs) return
      this.#times.delete(key)
    }
  }
}
