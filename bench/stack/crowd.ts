import { readFileSync } from 'node:fs'
import { SESSION_ENDING_CODES } from '../../contract/problem'
import { backoffMs, parseRetryAfter, refreshLeadMs } from '../../src/auth'
import { sleep } from '../lib/async'
import { progress } from '../lib/progress'
import { createBrowserClient, problemCode, type BrowserClient, type Reply } from './client'
import { settleWatch, type Exchange, type ExchangeKind, type Journal } from './journal'
import type { RunningStack } from './launch'
import { errorCode, gap, mapInTurns, tokenLifetimeSchema } from './population'

export interface CrowdOptions {
  /** One account each: distinct usernames keep the sign-in throttle out of the figures. */
  usernames: readonly string[]
  password: string
  /** Between one browser's authenticated requests, chosen evenly in this range. */
  requestGapMs: { min: number; max: number }
}

/**
 * Sign-ins in flight while the crowd forms: one per gunicorn worker of the stack (two instances
 * of two). PBKDF2 keeps a worker's core busy, so these already use both cores of this machine;
 * more would only queue, lengthening each sign-in without adding any.
 */
const SIGN_IN_CONCURRENCY = 4

const SESSION_ENDING: ReadonlySet<string> = new Set(SESSION_ENDING_CODES)
/** src/lib/query-client.ts: a query is retried twice on no answer or a 5xx, never on a 4xx. */
const QUERY_RETRIES = 2
/** TanStack Query's default retryDelay, which the SPA keeps. */
const queryRetryDelayMs = (failures: number) => Math.min(1000 * 2 ** failures, 30_000)

/**
 * What went wrong with an answer, or null when nothing did. A 5xx that is not a problem (an HTML
 * page) and a 503 without `Retry-After` are named as such: the stack must never send either.
 */
export function failureOf(reply: Reply): string | null {
  if (reply.status < 300) return null
  const code = problemCode(reply)
  if (reply.status >= 500 && code === undefined) return `${reply.status} not a problem`
  const label = `${reply.status} ${code ?? ''}`.trim()
  return reply.status === 503 && reply.headers['retry-after'] === undefined
    ? `${label} without Retry-After`
    : label
}

function refreshDue(expiresInSec: number): number {
  const lifetimeMs = expiresInSec * 1000
  return performance.now() + lifetimeMs - refreshLeadMs(lifetimeMs)
}

const transient = (reply: Reply | null) => reply === null || reply.status >= 500

export interface Crowd {
  browsers: number
  journal: Journal
  /** How long signing every browser in took, before any of them started asking. */
  signInSec: number
  /** Lets every browser go on asking until stop(). */
  start(): void
  /** Resolves once every browser has finished what it was doing and closed its connection. */
  stop(): Promise<void>
  /** Resolves once every browser has had a refresh and a request sent after `from` succeed. */
  settled(from: number): Promise<void>
}

/**
 * N browsers on the stack through nginx, each with its own cookie jar, signed in once and then
 * asking for /api/me every few seconds between start() and stop(), whatever phases a suite runs
 * in between. They behave on failure as the SPA does, so a fault costs what it would cost real
 * users:
 * - a refresh that got no answer or a 5xx keeps the session and is tried again after
 *   max(backoff, Retry-After) (src/auth/retry.ts `failedTransiently` and `backoffMs`); only a
 *   401 with a session-ending code signs the user out (src/auth/errors.ts);
 * - a request waits for a refresh that is due (src/auth/request-auth.ts), and a 401 on it
 *   refreshes and replays it once (src/auth/interceptor.ts);
 * - a query that got no answer or a 5xx is retried twice with TanStack's delays
 *   (src/lib/query-client.ts `shouldRetry`).
 * Each refreshes a fifth of the token's lifetime ahead of expiry (src/auth/scheduler.ts).
 */
export async function signInCrowd(stack: RunningStack, options: CrowdOptions): Promise<Crowd> {
  const ca = readFileSync(stack.state.certificate, 'utf8')
  const journal: Journal = { exchanges: [], losses: [], userFailures: [], resent: [] }
  const watchers = new Set<(exchange: Exchange) => void>()
  let stopping = false
  let stopSignal = () => {}
  const stopped = new Promise<void>((resolve) => (stopSignal = resolve))
  /** A pause that stop() cuts short, so the crowd ends when asked, not after its longest wait. */
  const pause = (ms: number) => Promise.race([sleep(ms), stopped])

  function record(exchange: Exchange) {
    journal.exchanges.push(exchange)
    for (const watcher of watchers) watcher(exchange)
  }

  async function send(
    index: number,
    kind: ExchangeKind,
    request: () => Promise<Reply>,
  ): Promise<Reply | null> {
    const sentAt = performance.now()
    try {
      const reply = await request()
      record({ kind, sentAt, at: performance.now(), browser: index, failure: failureOf(reply) })
      return reply
    } catch (error) {
      const failure = `network ${errorCode(error)}`
      record({ kind, sentAt, at: performance.now(), browser: index, failure })
      return null
    }
  }

  /** When the token a sign-in just brought should be refreshed: counted from its arrival. */
  async function signIn(index: number, browser: BrowserClient, username: string) {
    for (let attempt = 1; ; attempt++) {
      const reply = await send(index, 'sign-in', () => browser.signIn(username, options.password))
      const tokens = tokenLifetimeSchema.safeParse(reply?.body)
      if (reply?.status === 200 && tokens.success) return refreshDue(tokens.data.expiresIn)
      await sleep(backoffMs(attempt))
    }
  }

  const signInStarted = performance.now()
  const browsers = await mapInTurns(options.usernames, SIGN_IN_CONCURRENCY, async (username) => {
    const index = options.usernames.indexOf(username)
    const browser = createBrowserClient(stack.state.url, ca, {
      onResend: () => {
        const at = performance.now()
        journal.resent.push({
          kind: 'request',
          sentAt: at,
          at,
          browser: index,
          failure: 'closed connection',
        })
      },
    })
    return { browser, username, index, refreshAt: await signIn(index, browser, username) }
  })
  const signInSec = (performance.now() - signInStarted) / 1000
  progress(`crowd: ${browsers.length} browsers signed in in ${signInSec.toFixed(0)} s`)

  async function live({ browser, username, index, refreshAt: firstRefreshAt }: Browser) {
    let refreshAt = firstRefreshAt

    /** Until a refresh succeeds, the session ends, or the crowd stops. */
    async function refresh() {
      for (let failures = 1; !stopping; failures++) {
        const reply = await send(index, 'refresh', () => browser.refresh())
        const tokens = tokenLifetimeSchema.safeParse(reply?.body)
        if (reply?.status === 200 && tokens.success) {
          refreshAt = refreshDue(tokens.data.expiresIn)
          return
        }
        const code = reply && problemCode(reply)
        if (reply?.status === 401 && code && SESSION_ENDING.has(code)) {
          journal.losses.push({
            at: performance.now(),
            browser: index,
            reused: code === 'refresh_reused',
          })
          refreshAt = await signIn(index, browser, username)
          return
        }
        const retryAfterSec = reply && parseRetryAfter(reply.headers['retry-after'], Date.now())
        await pause(Math.max(backoffMs(failures), (retryAfterSec ?? 0) * 1000))
      }
    }

    async function query() {
      let replayed = false
      for (let failures = 0; ;) {
        if (performance.now() >= refreshAt) await refresh()
        const reply = await send(index, 'request', () => browser.send('GET', '/api/me'))
        if (reply && reply.status < 300) return
        if (reply?.status === 401 && !replayed) {
          replayed = true
          refreshAt = 0
          continue
        }
        if (transient(reply) && failures < QUERY_RETRIES) {
          await sleep(queryRetryDelayMs(failures++))
          continue
        }
        const at = performance.now()
        journal.userFailures.push({
          kind: 'request',
          sentAt: at,
          at,
          browser: index,
          failure: reply ? failureOf(reply) : 'network',
        })
        return
      }
    }

    while (!stopping) {
      await pause(gap(options.requestGapMs))
      if (!stopping) await query()
    }
    browser.close()
  }
  type Browser = (typeof browsers)[number]

  let living: Promise<unknown> = Promise.resolve()
  return {
    browsers: browsers.length,
    journal,
    signInSec,
    start() {
      living = Promise.all(browsers.map(live))
    },
    async stop() {
      stopping = true
      stopSignal()
      await living
    },
    settled(from) {
      const watch = settleWatch(browsers.length, from)
      return new Promise((resolve) => {
        const watcher = (exchange: Exchange) => {
          if (!watch.see(exchange)) return
          watchers.delete(watcher)
          resolve()
        }
        watchers.add(watcher)
      })
    },
  }
}
