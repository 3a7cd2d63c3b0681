/** What a browser sent: its first sign-in (or one after a lost session), a refresh, or a request. */
export type ExchangeKind = 'sign-in' | 'refresh' | 'request'

/** One exchange on the wire: `failure` names what went wrong (`503 service_unavailable`), or null. */
export interface Exchange {
  kind: ExchangeKind
  /** When it was sent and when its answer (or its error) came, both performance.now(). */
  sentAt: number
  at: number
  browser: number
  failure: string | null
}

/** A refresh refused for good: the user of that browser was signed out. */
export interface SessionLoss {
  at: number
  browser: number
  reused: boolean
}

/** What the browsers lived through, in the order it happened (`at`: performance.now()). */
export interface Journal {
  exchanges: Exchange[]
  losses: SessionLoss[]
  /** Requests whose failure reached the page: every retry the SPA makes had failed too. */
  userFailures: Exchange[]
  /** Requests sent again, as a browser does, after a reused connection closed with no answer. */
  resent: Exchange[]
}

export function within<T extends { at: number }>(
  items: readonly T[],
  from: number,
  to: number,
): T[] {
  return items.filter((item) => item.at >= from && item.at < to)
}

/** Counts by what went wrong: `{ '503 service_unavailable': 96 }`, empty when nothing did. */
export function failureCounts(
  exchanges: readonly { failure: string | null }[],
): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const { failure } of exchanges) if (failure) counts[failure] = (counts[failure] ?? 0) + 1
  return counts
}

/** A stretch of the journal as the population's figures: what went out, and what went wrong. */
export function populationCounts(journal: Journal, from: number, to: number) {
  const exchanges = within(journal.exchanges, from, to)
  const losses = within(journal.losses, from, to)
  return {
    requests: exchanges.filter((exchange) => exchange.kind === 'request').length,
    refreshes: exchanges.filter((exchange) => exchange.kind === 'refresh').length,
    failedByStatus: failureCounts(exchanges),
    reuseDetections: losses.filter((loss) => loss.reused).length,
    sessionsLost: losses.length,
  }
}

/**
 * Watches exchanges for the moment every one of `browsers` has had a refresh and a request,
 * both sent after `from`, succeed: its session came through whatever happened before `from`
 * (a refresh cookie lost to a fault shows on the next refresh), and its requests are answered.
 * `see` answers whether that moment has come.
 */
export function settleWatch(browsers: number, from: number) {
  const refreshed = new Set<number>()
  const answered = new Set<number>()
  return {
    see(exchange: Exchange): boolean {
      if (exchange.sentAt >= from && exchange.failure === null) {
        if (exchange.kind === 'refresh') refreshed.add(exchange.browser)
        if (exchange.kind === 'request') answered.add(exchange.browser)
      }
      return refreshed.size === browsers && answered.size === browsers
    },
  }
}
