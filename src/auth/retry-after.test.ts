import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../mocks/backend/db'
import { server } from '../../mocks/hosts/node'
import { createTab, DEMO } from '../test/auth-harness'
import { parseRetryAfter } from './retry-after'

const AN_HOUR_SEC = 3600

const NOW = Date.parse('Sun, 06 Nov 1994 08:49:00 GMT')

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120],
    [120, 120],
    [' 7 ', 7],
    ['Sun, 06 Nov 1994 08:49:37 GMT', 37],
    ['Sunday, 06-Nov-94 08:49:37 GMT', 37],
    ['Sun Nov  6 08:49:37 1994', 37],
    ['86400', AN_HOUR_SEC],
    ['99999999999', AN_HOUR_SEC],
    ['Tue, 06 Nov 2074 08:49:37 GMT', AN_HOUR_SEC],
  ])('reads %j as %d seconds, at most an hour', (header, seconds) => {
    expect(parseRetryAfter(header, NOW)).toBe(seconds)
  })

  it.each([
    undefined,
    '',
    '0',
    '-5',
    '1.5',
    '0x10',
    '1e3',
    'Infinity',
    'soon',
    '2030-01-01',
    '1 hour',
    'Sun, 06 Nov 1994 08:48:00 GMT', // already past
    'Sun, 06 Nov 1994 08:49:37 PST',
    'Sun, 99 Nov 1994 08:49:37 GMT', // the right form, but no day of any month
    ['60'],
  ])('ignores %j', (header) => {
    expect(parseRetryAfter(header, NOW)).toBeNull()
  })
})

describe('an asctime Retry-After', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('is read as UTC, as RFC 9110 says, whatever the local time zone', () => {
    vi.stubEnv('TZ', 'Asia/Seoul')
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', NOW)).toBe(37)
  })
})

describe('a refresh the server asks to retry much later', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('tries again within the hour, and not in a tight loop', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] })
    const { session, count } = createTab()
    await session.signIn(DEMO)
    server.use(
      http.post(
        '/api/auth/refresh',
        () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '2592000' } }),
      ),
    )
    await session.refresh().catch(() => undefined)
    expect(session.getState()).toMatchObject({ phase: 'reconnecting' })

    await vi.advanceTimersByTimeAsync(60_000)
    expect(count('refresh-started')).toBe(1)
    await vi.advanceTimersByTimeAsync(AN_HOUR_SEC * 1000)
    expect(count('refresh-started')).toBe(2)
  })

  it('keeps a token of thirty days for weeks rather than refreshing it at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] })
    db.config.accessTokenTtlSec = 30 * 24 * 3600
    const { session, count } = createTab()
    await session.signIn(DEMO)

    await vi.advanceTimersByTimeAsync(60_000)
    expect(count('refresh-started')).toBe(0)
  })
})
