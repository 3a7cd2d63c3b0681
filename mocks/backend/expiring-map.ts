/**
 * A map whose entries expire a fixed time after they were set, holding at most `capacity` of
 * them: a flood of new entries evicts the oldest instead of growing memory without limit.
 * Expired entries are swept whenever one is added, and are never returned before that.
 *
 * Every entry lives equally long, so the order of insertion is the order of expiry: a sweep
 * stops at the first entry still alive, and eviction takes the first entries.
 */
export class ExpiringMap<K, V> {
  readonly #entries = new Map<K, { value: V; expiresAt: number }>()
  readonly #ttlMs: number
  readonly #capacity: number
  readonly #now: () => number

  constructor(options: { ttlMs: number; capacity: number; now?: () => number }) {
    this.#ttlMs = options.ttlMs
    this.#capacity = options.capacity
    // Looked up at each call, so a test's fake clock is the one read.
    this.#now = options.now ?? (() => Date.now())
  }

  /** Live entries, and until the next sweep perhaps some expired ones. */
  get size(): number {
    return this.#entries.size
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key)
    return entry && this.#now() < entry.expiresAt ? entry.value : undefined
  }

  /** Adds or replaces an entry; a replaced one starts its lifetime again, as the newest. */
  set(key: K, value: V): this {
    const now = this.#now()
    this.#entries.delete(key)
    this.#entries.set(key, { value, expiresAt: now + this.#ttlMs })
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.#capacity && now < entry.expiresAt) break
      this.#entries.delete(oldest)
    }
    return this
  }

  delete(key: K): boolean {
    return this.#entries.delete(key)
  }

  *entries(): IterableIterator<[K, V]> {
    const now = this.#now()
    for (const [key, entry] of this.#entries) if (now < entry.expiresAt) yield [key, entry.value]
  }

  *keys(): IterableIterator<K> {
    for (const [key] of this.entries()) yield key
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries()
  }
}
