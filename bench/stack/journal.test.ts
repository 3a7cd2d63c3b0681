import { describe, expect, it } from 'vitest'
import { populationCounts, settleWatch, type Exchange, type Journal } from './journal'

const exchange = (fields: Partial<Exchange> & Pick<Exchange, 'kind' | 'browser'>): Exchange => ({
  sentAt: 10,
  at: 11,
  failure: null,
  ...fields,
})

describe('settleWatch', () => {
  it('settles once every browser has had a refresh and a request sent after the moment succeed', () => {
    const watch = settleWatch(2, 5)
    expect(watch.see(exchange({ kind: 'refresh', browser: 0 }))).toBe(false)
    expect(watch.see(exchange({ kind: 'request', browser: 0 }))).toBe(false)
    expect(watch.see(exchange({ kind: 'refresh', browser: 1 }))).toBe(false)
    expect(watch.see(exchange({ kind: 'request', browser: 1 }))).toBe(true)
  })

  it('does not count what was sent before the moment, failed, or was a sign-in', () => {
    const watch = settleWatch(1, 5)
    expect(watch.see(exchange({ kind: 'request', browser: 0 }))).toBe(false)
    expect(watch.see(exchange({ kind: 'refresh', browser: 0, sentAt: 4 }))).toBe(false)
    expect(
      watch.see(exchange({ kind: 'refresh', browser: 0, failure: '503 service_unavailable' })),
    ).toBe(false)
    expect(watch.see(exchange({ kind: 'sign-in', browser: 0 }))).toBe(false)
    expect(watch.see(exchange({ kind: 'refresh', browser: 0 }))).toBe(true)
  })
})

describe('populationCounts', () => {
  it('counts the requests, refreshes, failures and lost sessions of its stretch only', () => {
    const journal: Journal = {
      exchanges: [
        exchange({ kind: 'request', browser: 0, at: 1, failure: '502 bad_gateway' }),
        exchange({ kind: 'request', browser: 0, at: 10 }),
        exchange({ kind: 'refresh', browser: 1, at: 11, failure: 'network ECONNRESET' }),
        exchange({ kind: 'refresh', browser: 1, at: 12 }),
        exchange({ kind: 'sign-in', browser: 1, at: 13 }),
        exchange({ kind: 'request', browser: 1, at: 20 }),
      ],
      losses: [
        { at: 12, browser: 1, reused: true },
        { at: 20, browser: 0, reused: false },
      ],
      userFailures: [],
      resent: [],
    }
    expect(populationCounts(journal, 10, 20)).toEqual({
      requests: 1,
      refreshes: 2,
      failedByStatus: { 'network ECONNRESET': 1 },
      reuseDetections: 1,
      sessionsLost: 1,
    })
  })
})
